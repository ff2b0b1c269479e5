"""Requests to change state, validated here so every edge (API, CLI, webhooks) agrees."""

from __future__ import annotations

import re
from dataclasses import KW_ONLY, dataclass, field
from datetime import date
from decimal import Decimal

from domain.errors import InvalidInput
from domain.invoice_types import DEFAULT_INVITE_TYPE, InviteType
from domain.listing import InviteFilter
from domain.model import AccountingMethod, Channel, CommitmentKind, ReminderPolicy
from domain.money import HUNDRED, money, percent
from domain.period_defaults import PeriodDefaults, PeriodDefaultsChange
from domain.periods import time_zone, validate_dates
from domain.reminders import check_policy
from domain.sub_tier_policy import SubTierWaiverPolicy, parse_rule, parse_threshold
from domain.text_rules import control_character_problem
from domain.us_states import checked_state

LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _required(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"{field} is required")
    if len(value) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters")
    # Every edge checks this already; the rule is repeated here for the paths that build
    # commands themselves (the command line, the demo, imports).
    if (problem := control_character_problem(value)) is not None:
        raise InvalidInput(f"{field} {problem}")
    return value


@dataclass(frozen=True)
class NewProject:
    name: str
    number: str
    time_zone: str
    locale: str = "en-US"
    accounting_method: AccountingMethod = AccountingMethod.AMOUNT
    invitation_message: str | None = None
    period_defaults: PeriodDefaults = field(default_factory=PeriodDefaults)
    # The dictionary of terms of its mails and pages (TERMINOLOGIES).
    terminology: str = "general_contractor"
    # The US state it is in (two letters) or "" (domain/us_states.py).
    state: str = ""

    def validated(self) -> NewProject:
        time_zone(self.time_zone)
        check_locale(self.locale)
        check_terminology(self.terminology)
        return NewProject(_required(self.name, "name", 200), _required(self.number, "number", 50),
                          self.time_zone, self.locale, AccountingMethod(self.accounting_method),
                          self.invitation_message, self.period_defaults.validated(),
                          self.terminology, checked_state(self.state))


# Whose words a project speaks: the general contractor's (invoice, subcontractor), the
# owner's (payment application, contractor) or a specialty contractor's.
TERMINOLOGIES = ("general_contractor", "owner", "specialty_contractor")


def check_terminology(terminology: str) -> None:
    if terminology not in TERMINOLOGIES:
        raise InvalidInput(f"terminology {terminology!r} is not one of "
                           f"{', '.join(TERMINOLOGIES)}")


def check_locale(locale: str) -> None:
    if not LOCALE.match(locale):
        raise InvalidInput(f"locale {locale!r} is not like 'en-US' or 'fr-CA'")


@dataclass(frozen=True)
class NewSovLine:
    item_number: str
    description: str
    scheduled_value: Decimal | None
    cost_code: str | None = None
    change_order: bool = False
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None

    def validated(self, method: AccountingMethod) -> NewSovLine:
        """Unit-based lines are valued quantity x unit price; amount-based lines directly."""
        value = self.scheduled_value
        if method is AccountingMethod.UNIT:
            if self.quantity is None or self.unit_price is None or not self.unit:
                raise InvalidInput(f"SOV line {self.item_number}: a unit-based line needs "
                                   "quantity, unit and unit_price")
            if self.quantity < 0 or self.unit_price < 0:
                raise InvalidInput(f"SOV line {self.item_number}: negative quantity or price")
            computed = money(self.quantity * self.unit_price)
            if value is not None and money(value) != computed:
                raise InvalidInput(f"SOV line {self.item_number}: scheduled_value {value} is "
                                   f"not quantity x unit_price ({computed})")
            value = computed
        if value is None:
            raise InvalidInput(f"SOV line {self.item_number}: scheduled_value is required")
        value = money(value, field="scheduled_value")
        if value < 0 and not self.change_order:
            raise InvalidInput(f"SOV line {self.item_number}: scheduled_value is negative "
                               "(only change-order lines may deduct)")
        return NewSovLine(_required(self.item_number, "item_number", 30),
                          _required(self.description, "description", 300), value,
                          self.cost_code, self.change_order, self.quantity, self.unit,
                          self.unit_price)


@dataclass(frozen=True)
class NewContact:
    name: str
    email: str

    def validated(self) -> NewContact:
        email = (self.email or "").strip().lower()
        if not EMAIL.match(email) or len(email) > 254 or control_character_problem(email):
            raise InvalidInput(f"invoice contact email {self.email!r} is not an address")
        return NewContact(_required(self.name, "contact name", 200), email)


@dataclass(frozen=True)
class NewCommitment:
    number: str
    title: str
    kind: CommitmentKind
    contract_company: str
    retainage_percent_work: Decimal
    retainage_percent_stored: Decimal
    sov_lines: tuple[NewSovLine, ...]
    invoice_contacts: tuple[NewContact, ...]
    stored_materials_billed_separately: bool = True
    external_id: str | None = None

    def validated(self, method: AccountingMethod) -> NewCommitment:
        rates = [percent(self.retainage_percent_work, field="retainage_percent_work"),
                 percent(self.retainage_percent_stored, field="retainage_percent_stored")]
        if any(rate < 0 or rate > HUNDRED for rate in rates):
            raise InvalidInput("retainage percentages must be between 0 and 100")
        items = [line.item_number for line in self.sov_lines]
        if len(items) != len(set(items)):
            raise InvalidInput("SOV item numbers must be unique within a commitment")
        emails = [contact.email.strip().lower() for contact in self.invoice_contacts]
        if len(emails) != len(set(emails)):
            raise InvalidInput("an invoice contact is listed twice")
        return NewCommitment(
            _required(self.number, "number", 50), _required(self.title, "title", 300),
            CommitmentKind(self.kind), _required(self.contract_company, "contract_company", 200),
            rates[0], rates[1], tuple(line.validated(method) for line in self.sov_lines),
            tuple(contact.validated() for contact in self.invoice_contacts),
            self.stored_materials_billed_separately, self.external_id)


@dataclass(frozen=True)
class NewBillingPeriod:
    start_date: date
    end_date: date
    due_date: date
    billing_date: date | None = None

    def validated(self) -> NewBillingPeriod:
        validate_dates(self.start_date, self.end_date, self.due_date)
        return self


@dataclass(frozen=True)
class PeriodChanges:
    """A PATCH of a billing period: only the fields given change."""

    start_date: date | None = None
    end_date: date | None = None
    due_date: date | None = None
    billing_date: date | None = None
    close: bool = False


@dataclass(frozen=True)
class SendInvites:
    """Send a batch: the given commitments, or all of the project's (None)."""

    period_id: int
    commitment_ids: tuple[int, ...] | None
    # The rest by name only: several optional fields of neighbouring types were once
    # passed by position into each other's places.
    _: KW_ONLY
    resend_answered: bool = False
    channel: Channel = Channel.API
    # With commitment_ids None: only the commitments this filter keeps, evaluated when
    # the batch is sent (the dashboard's "all matching", across every page).
    matching: InviteFilter | None = None
    # What the contacts are invited to bill; stored on each invite (a resend may change it).
    invoice_type: InviteType = DEFAULT_INVITE_TYPE


MAX_DAYS_BEFORE = 10  # the project stores them as text of at most 50 characters


@dataclass(frozen=True)
class ProjectChanges:
    """Change a project's reminder policy and invitation message; None leaves a field as
    it is (`clear_invitation_message` removes the message)."""

    days_before: tuple[int, ...] | None = None
    reminder_hour: int | None = None
    daily_after_due: bool | None = None
    max_after_due: int | None = None
    # 1, 2 or 3: remind every so many days from the invite; 0: on the fixed days_before.
    every_days_before: int | None = None
    invitation_message: str | None = None
    clear_invitation_message: bool = False
    name: str | None = None
    number: str | None = None
    time_zone: str | None = None
    locale: str | None = None
    accounting_method: AccountingMethod | None = None
    period_defaults: PeriodDefaultsChange | None = None
    terminology: str | None = None
    # The sub-tier waiver rule and threshold as given (checked by `sub_tier_waivers`).
    sub_tier_waiver_rule: str | None = None
    sub_tier_waiver_threshold: object = None

    def sub_tier_waivers(self, current: SubTierWaiverPolicy) -> SubTierWaiverPolicy:
        """The project's sub-tier waiver policy after the change, checked."""
        return SubTierWaiverPolicy(
            current.rule if self.sub_tier_waiver_rule is None
            else parse_rule(self.sub_tier_waiver_rule),
            current.threshold if self.sub_tier_waiver_threshold is None
            else parse_threshold(self.sub_tier_waiver_threshold))
    state: str | None = None

    def details(self, current: NewProject) -> NewProject:
        """The project's name, number, zone, locale, method and period defaults after the
        change, checked (the message and reminders have their own rules)."""
        changed = NewProject(
            current.name if self.name is None else self.name,
            current.number if self.number is None else self.number,
            current.time_zone if self.time_zone is None else self.time_zone,
            current.locale if self.locale is None else self.locale,
            current.accounting_method if self.accounting_method is None
            else self.accounting_method, None,
            current.period_defaults if self.period_defaults is None
            else self.period_defaults.applied(current.period_defaults),
            current.terminology if self.terminology is None else self.terminology,
            current.state if self.state is None else self.state)
        return changed.validated()

    def policy(self, current: ReminderPolicy) -> ReminderPolicy:
        """The policy after the change, checked; days before are kept latest first."""
        days = current.days_before if self.days_before is None else tuple(
            sorted(set(self.days_before), reverse=True))
        policy = ReminderPolicy(
            days, current.local_hour if self.reminder_hour is None else self.reminder_hour,
            current.daily_after_due if self.daily_after_due is None else self.daily_after_due,
            current.max_after_due if self.max_after_due is None else self.max_after_due,
            current.every_days_before if self.every_days_before is None
            else (self.every_days_before or None))
        check_policy(policy)
        if len(policy.days_before) > MAX_DAYS_BEFORE:
            raise InvalidInput(f"at most {MAX_DAYS_BEFORE} reminders before the due date")
        return policy

    def message(self, current: str | None) -> str | None:
        if self.clear_invitation_message:
            return None
        if self.invitation_message is None:
            return current
        return _required(self.invitation_message, "invitation_message", 2000)
