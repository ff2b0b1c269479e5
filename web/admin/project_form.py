"""The project form (new and edit pages): reading what was typed, and placing a refusal
next to the field it concerns."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import available_timezones

from domain.commands import NewProject, ProjectChanges
from domain.errors import DomainError
from domain.model import AccountingMethod, Project
from domain.money import format_money
from domain.period_defaults import (
    LAST,
    MAX_START_DAY,
    WEEKDAYS,
    Cadence,
    PeriodDefaults,
    PeriodDefaultsChange,
)
from domain.sub_tier_policy import SubTierWaiverPolicy
from domain.text_rules import strict_number
from mailer.i18n import DEFAULT_LOCALE, Wording, wording_for
from web.csrf import Form
from web.forms import FieldRefused, text_field

LOCALES = (("en-US", "English (United States)"), ("en-CA", "English (Canada)"),
           ("en-GB", "English (United Kingdom)"), ("en-AU", "English (Australia)"),
           ("fr-CA", "Français (Canada)"), ("fr-FR", "Français (France)"))
TERMINOLOGIES = (("general_contractor", "General contractor (invoice, subcontractor)"),
                 ("owner", "Owner (payment application, contractor)"),
                 ("specialty_contractor", "Specialty contractor (progress billing)"))
CADENCES = (("never", "Never: I open each period myself"),
            ("monthly", "Monthly, on the start day"), ("weekly", "Weekly, on the start weekday"))
# Where a refusal goes when its message names no field of the form.
GENERAL = "general"
# Refusals by their stable code, then by the words their message starts with.
FIELD_OF_CODE = {"duplicate_project": "number", "accounting_method_locked": "accounting_method",
                 "sub_tier_waiver_rule": "sub_tier_waiver_rule",
                 "sub_tier_waiver_threshold": "sub_tier_waiver_threshold"}
FIELD_OF_PREFIX = (("name", "name"), ("number", "number"), ("unknown time zone", "time_zone"),
                   ("locale", "locale"), ("period start_day", "start_day"),
                   ("period end_day", "end_day"), ("period due_day", "due_day"),
                   ("period week_start", "week_start"), ("period cadence", "automatic"),
                   ("invitation_message", "invitation_message"),
                   ("terminology", "terminology"), ("state", "state"))


def time_zones() -> list[str]:
    return sorted(zone for zone in available_timezones() if "/" in zone or zone == "UTC")


@dataclass
class ProjectForm:
    """What the form shows: the values (as typed) and the refusals next to their fields."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def refuse(self, error: DomainError | FieldRefused) -> None:
        message = error.message[:1].upper() + error.message[1:]
        if isinstance(error, FieldRefused):
            self.errors[error.name] = message
            return
        name = FIELD_OF_CODE.get(error.code)
        for prefix, field_name in FIELD_OF_PREFIX:
            if name is None and error.message.lower().startswith(prefix):
                name = field_name
        self.errors[name or GENERAL] = message


def day_text(value: int | str) -> str:
    return LAST if value == LAST else str(value)


def form_of(project: Project | None) -> ProjectForm:
    """The form filled with the project (a new project: the defaults)."""
    defaults = project.period_defaults if project else PeriodDefaults()
    values = {"start_day": str(defaults.start_day), "end_day": day_text(defaults.end_day),
              "due_day": day_text(defaults.due_day),
              "week_start": WEEKDAYS[defaults.week_start - 1],
              "automatic": defaults.cadence.value,
              "send_invites": "on" if defaults.send_invites else ""}
    if project is None:
        values.update(name="", number="", time_zone="America/Chicago", locale="en-US",
                      accounting_method="amount", invitation_message="",
                      terminology="general_contractor", state="")
    else:
        values.update(name=project.name, number=project.number, time_zone=project.time_zone,
                      locale=project.locale, accounting_method=project.accounting_method.value,
                      invitation_message=project.invitation_message or "",
                      terminology=project.terminology, state=project.state)
    policy = project.sub_tier_waivers if project else SubTierWaiverPolicy()
    values.update(sub_tier_waiver_rule=policy.rule.value,
                  sub_tier_waiver_threshold=format_money(policy.threshold))
    return ProjectForm(values)


FIELDS = (("name", "The name", 200), ("number", "The number", 50),
          ("time_zone", "The time zone", 64), ("locale", "The language", 16),
          ("accounting_method", "The accounting method", 10),
          ("start_day", "The start day", 4), ("end_day", "The end day", 4),
          ("due_day", "The due day", 4), ("week_start", "The weekday", 10),
          ("automatic", "Automatic periods", 10), ("terminology", "The terminology", 30),
          ("sub_tier_waiver_rule", "The sub-tier waivers", 30),
          ("sub_tier_waiver_threshold", "The sub-tier waiver threshold", 40),
          ("state", "The state", 20))


def read_form(form: Form, *, words: Wording | None = None,
              ) -> tuple[ProjectForm, ProjectChanges | None]:
    """The typed values, and the change they ask for (None when a field cannot be read;
    the form then says why next to it, in `words`: en-US without)."""
    say = (words or wording_for(DEFAULT_LOCALE, domain="pages")).gettext
    typed = ProjectForm({"send_invites": "on" if form.get("send_invites") else ""})
    for name, label, limit in FIELDS:
        try:
            typed.values[name] = text_field(form, name, label, max_length=limit)
        except FieldRefused as exc:
            typed.values[name] = ""
            typed.refuse(exc)
    try:
        typed.values["invitation_message"] = text_field(
            form, "invitation_message", "The invitation message", multi_line=True,
            max_length=2000)
    except FieldRefused as exc:
        typed.values["invitation_message"] = ""
        typed.refuse(exc)
    values = typed.values
    if values["accounting_method"] not in ("amount", "unit"):
        typed.errors["accounting_method"] = say("project_form.choose_accounting")
    start = strict_number(values["start_day"])
    if start is None or not 1 <= start <= MAX_START_DAY:
        typed.errors["start_day"] = say("project_form.choose_start_day").format(
            max=MAX_START_DAY)
    if values["week_start"] not in WEEKDAYS:
        typed.errors["week_start"] = say("project_form.choose_weekday")
    if values["automatic"] not in {cadence.value for cadence in Cadence}:
        typed.errors["automatic"] = say("project_form.choose_cadence")
    if typed.errors:
        return typed, None
    assert start is not None
    return typed, ProjectChanges(
        name=values["name"], number=values["number"], time_zone=values["time_zone"],
        locale=values["locale"], accounting_method=AccountingMethod(values["accounting_method"]),
        invitation_message=values["invitation_message"] or None,
        clear_invitation_message=not values["invitation_message"],
        # A form without the field (an older page) keeps the project's terminology.
        terminology=values["terminology"] or None,
        # The new-project page has no such fields: a new project asks none.
        sub_tier_waiver_rule=values["sub_tier_waiver_rule"] or None,
        sub_tier_waiver_threshold=values["sub_tier_waiver_threshold"] or None,
        state=values["state"],
        period_defaults=PeriodDefaultsChange(
            start_day=start, end_day=values["end_day"], due_day=values["due_day"],
            cadence=Cadence(values["automatic"]),
            week_start=WEEKDAYS.index(values["week_start"]) + 1,
            send_invites=values["send_invites"] == "on"))


def new_project(changes: ProjectChanges) -> NewProject:
    """The change, as a new project (defaults under what the form did not say)."""
    assert changes.period_defaults is not None and changes.accounting_method is not None
    return NewProject(changes.name or "", changes.number or "", changes.time_zone or "",
                      changes.locale or "en-US", changes.accounting_method,
                      changes.invitation_message,
                      changes.period_defaults.applied(PeriodDefaults()),
                      changes.terminology or "general_contractor", changes.state or "")
