"""A project: the bodies of POST /api/projects and PATCH /api/projects/{id}, and its answer
(`Project`, with `ReminderSettings`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt

from domain import model as records
from domain.commands import MAX_DAYS_BEFORE, NewProject, ProjectChanges
from domain.reminders import MAX_DAYS
from payloads.fields import LocaleTag, LongText, Name, Reference, TimeZoneName
from payloads.requests import RequestModel
from web.api.resources.base import Count, Id, ResponseModel

DaysBefore = Annotated[StrictInt, Field(ge=0, le=MAX_DAYS)]


class NewProjectRequest(RequestModel):
    """The body of POST /api/projects."""

    name: Name
    number: Reference
    time_zone: TimeZoneName = Field(description="IANA time zone, e.g. America/Chicago; "
                                                "due dates end at midnight there.")
    locale: LocaleTag = "en-US"
    accounting_method: Literal["amount", "unit"] = "amount"
    invitation_message: LongText | None = None

    def to_command(self) -> NewProject:
        return NewProject(self.name, self.number, self.time_zone, self.locale,
                          records.AccountingMethod(self.accounting_method), self.invitation_message)


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


class ProjectPatchRequest(RequestModel):
    """The body of PATCH /api/projects/{id}: only the fields given change."""

    reminders: ReminderSettingsRequest | None = None
    invitation_message: LongText | None = Field(
        default=None, description="Shown in invites and reminders; null removes it.")

    def to_changes(self) -> ProjectChanges:
        reminders = self.reminders or ReminderSettingsRequest()
        return ProjectChanges(
            days_before=None if reminders.days_before is None else tuple(reminders.days_before),
            reminder_hour=reminders.hour, daily_after_due=reminders.daily_after_due,
            max_after_due=reminders.max_after_due,
            every_days_before=reminders.every_days_before,
            invitation_message=self.invitation_message,
            clear_invitation_message=("invitation_message" in self.model_fields_set
                                      and self.invitation_message is None))


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


class Project(ResponseModel):
    id: Id
    name: str
    number: str
    time_zone: str = Field(examples=["America/Chicago"])
    locale: str = Field(examples=["en-US"])
    accounting_method: records.AccountingMethod
    invitation_message: str | None
    reminders: ReminderSettings

    @classmethod
    def from_record(cls, project: records.Project) -> Project:
        return cls(id=project.id, name=project.name, number=project.number,
                   time_zone=project.time_zone, locale=project.locale,
                   accounting_method=project.accounting_method,
                   invitation_message=project.invitation_message,
                   reminders=ReminderSettings.from_record(project.reminders))
