"""A project: the bodies of POST /api/projects and PATCH /api/projects/{id}, and its answer
(`Project`, with `ReminderSettings` and `PeriodDefaults`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, StrictInt

from domain import model as records
from domain.commands import MAX_DAYS_BEFORE, NewProject, ProjectChanges
from domain.errors import InvalidInput
from domain.money import format_money
from domain.period_defaults import (
    LAST,
    MAX_START_DAY,
    WEEKDAYS,
    Cadence,
    PeriodDefaultsChange,
)
from domain.period_defaults import PeriodDefaults as PeriodDefaultsRecord
from domain.reminders import MAX_DAYS
from domain.sub_tier_policy import SubTierWaiverPolicy
from domain.us_states import checked_state
from payloads.fields import LocaleTag, LongText, Money, Name, Reference, TimeZoneName
from payloads.requests import RequestModel
from web.api.resources.base import Count, Id, ResponseModel

DaysBefore = Annotated[StrictInt, Field(ge=0, le=MAX_DAYS)]
DayOfMonth = Annotated[StrictInt, Field(ge=1, le=31)] | Literal["last"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"]
PERIOD_DEFAULTS_DESCRIPTION = (
    "The days a new billing period takes (the pre-filled *Open a new period* form, and the "
    "periods opened automatically). Monthly: from `start_day` to the first `end_day` on or "
    "after it, due on the first `due_day` on or after the start (1 / last / 25: the calendar "
    "month, due on the 25th; a day a month lacks is its last day). Weekly (`automatic`: "
    "weekly): seven days from `week_start`, due on the last. `automatic` opens the next "
    "period on its start day in the project's time zone (closing the previous one) and mails "
    "the administrators; `send_invites` then invites every commitment too.")


class PeriodDefaultsRequest(RequestModel):
    """Only the fields given change (on a new project: the others take their defaults)."""

    model_config = ConfigDict(json_schema_extra={"description": PERIOD_DEFAULTS_DESCRIPTION})

    start_day: Annotated[StrictInt, Field(ge=1, le=MAX_START_DAY)] | None = Field(
        default=None, description="Day of the month periods start on (1 to 28); default 1.")
    end_day: DayOfMonth | None = Field(default=None, description="Default \"last\".")
    due_day: DayOfMonth | None = Field(default=None, description="Default 25.")
    week_start: Weekday | None = Field(default=None,
                                       description="Weekly periods start on; default monday.")
    automatic: Literal["monthly", "weekly", "never"] | None = Field(
        default=None, description="Open periods automatically; default never.")
    send_invites: StrictBool | None = Field(
        default=None, description="With `automatic`: also invite every commitment; "
                                  "default false.")

    def to_change(self) -> PeriodDefaultsChange:
        return PeriodDefaultsChange(
            start_day=self.start_day, end_day=self.end_day, due_day=self.due_day,
            cadence=None if self.automatic is None else Cadence(self.automatic),
            week_start=None if self.week_start is None else WEEKDAYS.index(self.week_start) + 1,
            send_invites=self.send_invites)


Terminology = Literal["general_contractor", "owner", "specialty_contractor"]


def _state(value: str) -> str:
    try:
        return checked_state(value)
    except InvalidInput as exc:  # pydantic reports a ValueError as a 422 naming the field
        raise ValueError(exc.message) from None


StateCode = Annotated[str, Field(max_length=20, examples=["MI"]), AfterValidator(_state)]
STATE_HELP = ("The US state the project is in, as its two-letter code (e.g. MI), or \"\" when "
              "not said. Projects in Michigan (MI) ask for a sworn statement with each invoice "
              "that lists sub-tiers.")
TERMINOLOGY_HELP = ("Whose words the project's mails and contact pages use: the general "
                    "contractor's (invoice, subcontractor), the owner's (payment application, "
                    "contractor) or a specialty contractor's; the locale picks the language "
                    "(en-AU says progress claim).")


class NewProjectRequest(RequestModel):
    """The body of POST /api/projects."""

    name: Name
    number: Reference
    time_zone: TimeZoneName = Field(description="IANA time zone, e.g. America/Chicago; "
                                                "due dates end at midnight there.")
    locale: LocaleTag = "en-US"
    accounting_method: Literal["amount", "unit"] = "amount"
    invitation_message: LongText | None = None
    period_defaults: PeriodDefaultsRequest | None = None
    terminology: Terminology = Field(default="general_contractor", description=TERMINOLOGY_HELP)
    state: StateCode = Field(default="", description=STATE_HELP)

    def to_command(self) -> NewProject:
        defaults = (self.period_defaults or PeriodDefaultsRequest()).to_change()
        return NewProject(self.name, self.number, self.time_zone, self.locale,
                          records.AccountingMethod(self.accounting_method), self.invitation_message,
                          defaults.applied(PeriodDefaultsRecord()), self.terminology, self.state)


class ReminderSettingsRequest(RequestModel):
    """Only the fields given change."""

    days_before: list[DaysBefore] | None = Field(
        default=None, max_length=MAX_DAYS_BEFORE,
        description="Days before the due date that get a reminder, e.g. [3, 1]; [] for none.")
    hour: Annotated[StrictInt, Field(ge=0, le=23)] | None = Field(
        default=None, description="The local hour (project's time zone) reminders go out.")
    daily_after_due: StrictBool | None = Field(
        default=None, description="Remind every day after the due date.")
    max_after_due: Annotated[StrictInt, Field(ge=0, le=MAX_DAYS)] | None = Field(
        default=None, description="For at most this many days after the due date.")
    every_days_before: Annotated[StrictInt, Field(ge=0, le=3)] | None = Field(
        default=None, description="1, 2 or 3: before the due date, remind every so many days "
        "from the invite (up to the due date) instead of on `days_before`; 0: back to "
        "`days_before`.")


SubTierWaiverRuleName = Literal["none", "conditional", "unconditional_previous", "both"]
SUB_TIER_WAIVERS_HELP = (
    "The lien waivers an invoice's Send asks of its sub-tiers (each mailed to the sub-tier's "
    "waiver signer): `none`; `conditional` (for what each sub-tier billed on the invoice: "
    "conditional final when billed final, else conditional progress); "
    "`unconditional_previous` (for what each billed on the previous invoice, held until "
    "that payment is recorded); `both`. Any rule but `none` makes Send need the invoice's "
    "sub-tier lines or the Certify No Sub-Tiers certificate. No waiver is asked for less "
    "than `threshold`, nor of an exempt sub-tier.")


class SubTierWaiversRequest(RequestModel):
    """Only the fields given change."""

    model_config = ConfigDict(json_schema_extra={"description": SUB_TIER_WAIVERS_HELP})

    rule: SubTierWaiverRuleName | None = None
    threshold: Money | None = Field(default=None, description="0 or more; default 0.00.")


class SubTierWaivers(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"description": SUB_TIER_WAIVERS_HELP})

    rule: SubTierWaiverRuleName
    threshold: str = Field(examples=["2500.00"])

    @classmethod
    def from_record(cls, policy: SubTierWaiverPolicy) -> SubTierWaivers:
        return cls(rule=policy.rule.value,
                   threshold=format_money(policy.threshold))


class ProjectPatchRequest(RequestModel):
    """The body of PATCH /api/projects/{id}: only the fields given change."""

    reminders: ReminderSettingsRequest | None = None
    invitation_message: LongText | None = Field(
        default=None, description="Shown in invites and reminders; null removes it.")
    name: Name | None = None
    number: Reference | None = None
    time_zone: TimeZoneName | None = Field(
        default=None, description="A new zone moves the due-date cutoffs and reschedules "
                                  "the open period's reminders.")
    locale: LocaleTag | None = None
    accounting_method: Literal["amount", "unit"] | None = Field(
        default=None, description="Only while the project has no commitments (409 after).")
    period_defaults: PeriodDefaultsRequest | None = None
    terminology: Terminology | None = Field(default=None, description=TERMINOLOGY_HELP)
    sub_tier_waivers: SubTierWaiversRequest | None = None
    state: StateCode | None = Field(default=None, description=STATE_HELP)

    def to_changes(self) -> ProjectChanges:
        reminders = self.reminders or ReminderSettingsRequest()
        sub_tier_waivers = self.sub_tier_waivers or SubTierWaiversRequest()
        return ProjectChanges(
            days_before=None if reminders.days_before is None else tuple(reminders.days_before),
            reminder_hour=reminders.hour, daily_after_due=reminders.daily_after_due,
            max_after_due=reminders.max_after_due,
            every_days_before=reminders.every_days_before,
            invitation_message=self.invitation_message,
            clear_invitation_message=("invitation_message" in self.model_fields_set
                                      and self.invitation_message is None),
            name=self.name, number=self.number, time_zone=self.time_zone, locale=self.locale,
            accounting_method=(None if self.accounting_method is None
                               else records.AccountingMethod(self.accounting_method)),
            period_defaults=(None if self.period_defaults is None
                             else self.period_defaults.to_change()),
            terminology=self.terminology,
            sub_tier_waiver_rule=sub_tier_waivers.rule,
            sub_tier_waiver_threshold=sub_tier_waivers.threshold, state=self.state)


class ReminderSettings(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"description": (
        "Reminders go out at `hour`:00 in the project's time zone on each of `days_before` "
        "before the due date (or, when `every_days_before` is 1, 2 or 3, every so many days "
        "from the invite up to the due date) and, when `daily_after_due`, every day after "
        "it for at most `max_after_due` days, to contacts who have neither answered No nor "
        "sent their invoice, until the period closes.")})

    days_before: list[Count] = Field(examples=[[3, 1]])
    hour: Annotated[int, Field(ge=0, le=23, examples=[8])]
    daily_after_due: bool
    max_after_due: Annotated[Count, Field(examples=[14])]
    every_days_before: Annotated[int, Field(ge=1, le=3)] | None = Field(examples=[None])

    @classmethod
    def from_record(cls, policy: records.ReminderPolicy) -> ReminderSettings:
        return cls(days_before=list(policy.days_before), hour=policy.local_hour,
                   daily_after_due=policy.daily_after_due, max_after_due=policy.max_after_due,
                   every_days_before=policy.every_days_before)


class PeriodDefaults(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"description": PERIOD_DEFAULTS_DESCRIPTION})

    start_day: Annotated[int, Field(ge=1, le=MAX_START_DAY, examples=[1])]
    end_day: Annotated[int, Field(ge=1, le=31)] | Literal["last"] = Field(examples=["last"])
    due_day: Annotated[int, Field(ge=1, le=31)] | Literal["last"] = Field(examples=[25])
    week_start: Weekday
    automatic: Literal["monthly", "weekly", "never"]
    send_invites: bool

    @classmethod
    def from_record(cls, defaults: PeriodDefaultsRecord) -> PeriodDefaults:
        def day(value: int | str) -> int | Literal["last"]:
            return "last" if value == LAST else int(value)

        return cls(start_day=defaults.start_day, end_day=day(defaults.end_day),
                   due_day=day(defaults.due_day),
                   week_start=WEEKDAYS[defaults.week_start - 1],  # type: ignore[arg-type]
                   automatic=defaults.cadence.value,
                   send_invites=defaults.send_invites)


class Project(ResponseModel):
    id: Id
    name: str
    number: str
    time_zone: str = Field(examples=["America/Chicago"])
    locale: str = Field(examples=["en-US"])
    accounting_method: records.AccountingMethod
    invitation_message: str | None
    reminders: ReminderSettings
    period_defaults: PeriodDefaults
    terminology: Terminology = Field(description=TERMINOLOGY_HELP)
    sub_tier_waivers: SubTierWaivers
    state: str = Field(description=STATE_HELP, examples=["MI"])

    @classmethod
    def from_record(cls, project: records.Project) -> Project:
        return cls(id=project.id, name=project.name, number=project.number,
                   time_zone=project.time_zone, locale=project.locale,
                   accounting_method=project.accounting_method,
                   invitation_message=project.invitation_message,
                   reminders=ReminderSettings.from_record(project.reminders),
                   period_defaults=PeriodDefaults.from_record(project.period_defaults),
                   terminology=project.terminology,  # type: ignore[arg-type]
                   sub_tier_waivers=SubTierWaivers.from_record(project.sub_tier_waivers),
                   state=project.state)
