"""The vocabulary of the product: enums and plain records that cross layer boundaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.invoice_types import InviteType
from domain.period_defaults import PeriodDefaults
from domain.sub_tier_policy import SubTierWaiverPolicy


class AccountingMethod(StrEnum):
    AMOUNT = "amount"
    UNIT = "unit"


class CommitmentKind(StrEnum):
    SUBCONTRACT = "subcontract"
    PURCHASE_ORDER = "purchase_order"


class PeriodStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class InviteStatus(StrEnum):
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Channel(StrEnum):
    """How an action reached us; recorded with every invite event."""

    API = "api"
    DASHBOARD = "dashboard"
    CLI = "cli"
    LINK = "link"
    EMAIL = "email"
    WEBHOOK = "webhook"
    SYSTEM = "system"


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out, per project (the rules are in domain.reminders).

    Before the due date: on each of `days_before` days before it, or, when
    `every_days_before` is set (1, 2 or 3), every that many days from the invite up to the
    due date instead. After it: daily for `max_after_due` days when `daily_after_due`.
    """

    days_before: tuple[int, ...] = (3, 1)
    local_hour: int = 8
    daily_after_due: bool = True
    max_after_due: int = 14
    every_days_before: int | None = None


@dataclass(frozen=True)
class Project:
    id: int
    company_id: int
    name: str
    number: str
    time_zone: str
    locale: str
    accounting_method: AccountingMethod
    invitation_message: str | None = None
    allow_overbilling: bool = False
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    period_defaults: PeriodDefaults = field(default_factory=PeriodDefaults)
    terminology: str = "general_contractor"
    sub_tier_waivers: SubTierWaiverPolicy = field(default_factory=SubTierWaiverPolicy)
    state: str = ""  # the US state's two-letter code, or blank


@dataclass(frozen=True)
class SovLine:
    id: int | None
    item_number: str
    cost_code: str | None
    description: str
    scheduled_value: Decimal
    change_order: bool = False
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class Contact:
    id: int | None
    name: str
    email: str
    deliverable: bool = True


@dataclass(frozen=True)
class Commitment:
    id: int | None
    project_id: int
    number: str
    title: str
    kind: CommitmentKind
    contract_company: str
    retainage_percent_work: Decimal
    retainage_percent_stored: Decimal
    stored_materials_billed_separately: bool
    sov_lines: tuple[SovLine, ...]
    invoice_contacts: tuple[Contact, ...]
    external_id: str | None = None
    # The directory row of the contract company (app/use_cases/directory/).
    contract_company_id: int | None = None
    # Closed by the administrator: no more invites (app/use_cases/commitments/).
    closed: bool = False

    @property
    def contract_sum(self) -> Decimal:
        return sum((line.scheduled_value for line in self.sov_lines), Decimal("0.00"))


@dataclass(frozen=True)
class BillingPeriod:
    id: int | None
    project_id: int
    start_date: date
    end_date: date
    due_date: date
    billing_date: date | None
    status: PeriodStatus
    created_at: datetime | None = None


@dataclass(frozen=True)
class Administrator:
    """A signed-in invoice administrator of an upstream company."""

    person_id: int
    company_id: int
    name: str
    email: str
    # The person's current session version: a session cookie naming another is void.
    session_version: int = 1
    # The language the person chose for pages not about one project (None: en-US).
    language: str | None = None


@dataclass(frozen=True)
class Health:
    ok: bool
    checks: dict[str, str]


@dataclass(frozen=True)
class InviteEventRecord:
    kind: str
    at: datetime
    channel: str
    person_id: int | None
    person_name: str | None
    ip_address: str | None
    user_agent: str | None
    detail: dict[str, object]


@dataclass(frozen=True)
class InviteRecord:
    """A commitment's invite for a period, as the administrator sees it."""

    invite_id: int | None
    commitment_id: int
    commitment_number: str
    commitment_title: str
    contract_company: str
    status: InviteStatus
    invoice_submitted: bool
    invited_at: datetime | None
    answered_at: datetime | None
    contacts: tuple[Contact, ...]
    billing_period_id: int
    events: tuple[InviteEventRecord, ...] = ()
    # When the next reminder goes out (UTC); None when none will.
    next_reminder_at: datetime | None = None
    # The invite's own due date once more time was granted (a late request).
    extended_due_date: date | None = None
    # What the contact is invited to bill; None until invited.
    invoice_type: InviteType | None = None


@dataclass(frozen=True)
class PeriodInvites:
    period: BillingPeriod
    counts: dict[str, int]
    items: tuple[InviteRecord, ...]
    # When `items` is one page: the keys of the neighbouring pages (domain/listing.py).
    next_after: int | None = None
    previous_before: int | None = None
    # How many commitments the filter keeps in all (every page), when paged.
    matching: int | None = None


@dataclass(frozen=True)
class BatchProgress:
    batch_id: int
    billing_period_id: int
    invited: int
    skipped: tuple[dict[str, object], ...]
    queued: int
    sent: int
    failed: int
    created_at: datetime

    @property
    def done(self) -> bool:
        return self.queued == 0


@dataclass(frozen=True)
class UndeliveredMessage:
    id: int
    recipient: str | None
    template: str | None
    invite_id: int | None
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
