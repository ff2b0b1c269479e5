"""Lien waivers: the four kinds, what each waives, and its figures taken from the ledger.

A waiver's amount is never typed: it is read from the invoices and payments of the
commitment (see /work/shared/design/lien-rights.md), so the figures a claimant signs are
always the figures the general contractor certified and paid.

- conditional progress: this invoice's current payment due (G702 line 8), through the
  end of its billing period, effective once that payment is received;
- unconditional progress: the payment of the previous invoice (its line 8), through that
  invoice's period end; signed before the payment is recorded it is *held until paid*;
- conditional final / unconditional final: with a Final invoice, for its payment due.

Exceptions list what the claimant keeps its rights for: retainage withheld, and earlier
progress payments not (fully) received, with their dates and the amounts still due.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.errors import InvalidInput
from domain.money import format_money
from domain.text_rules import control_character_problem, describe, first_control_character

ZERO = Decimal("0.00")


class WaiverKind(StrEnum):
    CONDITIONAL_PROGRESS = "conditional_progress"
    UNCONDITIONAL_PROGRESS = "unconditional_progress"
    CONDITIONAL_FINAL = "conditional_final"
    UNCONDITIONAL_FINAL = "unconditional_final"
    # Not a waiver: Michigan's sworn statement (domain/sworn_statement.py), signed through
    # the same link, page and evidence. No policy names it; the project's state asks for it.
    SWORN_STATEMENT = "sworn_statement"

    @property
    def unconditional(self) -> bool:
        return self in (WaiverKind.UNCONDITIONAL_PROGRESS, WaiverKind.UNCONDITIONAL_FINAL)

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    WaiverKind.CONDITIONAL_PROGRESS: "Conditional waiver and release on progress payment",
    WaiverKind.UNCONDITIONAL_PROGRESS: "Unconditional waiver and release on progress payment",
    WaiverKind.CONDITIONAL_FINAL: "Conditional waiver and release on final payment",
    WaiverKind.UNCONDITIONAL_FINAL: "Unconditional waiver and release on final payment",
    WaiverKind.SWORN_STATEMENT: "Sworn statement",
}


class WaiverStatus(StrEnum):
    PENDING_SIGNATURE = "pending_signature"
    AWAITING_NOTARY = "awaiting_notary"
    SIGNED = "signed"  # signed and under the administrator's review
    APPROVED = "approved"
    REVISE_AND_RESUBMIT = "revise_and_resubmit"
    VOID = "void"


# A waiver in one of these still waits on its signer.
UNSIGNED_STATUSES = frozenset({WaiverStatus.PENDING_SIGNATURE, WaiverStatus.AWAITING_NOTARY,
                               WaiverStatus.REVISE_AND_RESUBMIT})


class Requirement(StrEnum):
    NOT_REQUIRED = "not_required"
    REQUESTED = "requested"
    REQUIRED_BEFORE_SEND = "required_before_send"


# The blanks a template may name; a template naming anything else is refused at save.
PLACEHOLDERS = frozenset({
    "claimant", "customer", "owner", "job_location", "project_name", "commitment_number",
    "invoice_number", "through_date", "amount", "maker_of_check", "payee", "exceptions",
})


@dataclass(frozen=True)
class LedgerInvoice:
    """An invoice of the commitment as the ledger sees it (period order)."""

    id: int
    number: str
    period_end: date
    final: bool
    current_payment_due: Decimal  # G702 line 8
    retainage_withheld: Decimal   # G702 line 5
    paid: Decimal                 # the payments recorded against it, added up
    counted: bool                 # sent (under review or certified): it asks for payment


@dataclass(frozen=True)
class WaiverException:
    """Rights the claimant keeps: what, how much and (for an unpaid payment) the date."""

    label: str
    amount: Decimal
    on: date | None = None

    def text(self) -> str:
        when = f" (through {self.on.isoformat()})" if self.on else ""
        return f"{self.label}{when}: {dollars(self.amount)}"


@dataclass(frozen=True)
class WaiverDraft:
    """A waiver the ledger asks for: kind, amount, through date, exceptions, and the
    invoice whose payment it waives (the previous one for an unconditional progress)."""

    kind: WaiverKind
    amount: Decimal
    through_date: date
    exceptions: tuple[WaiverException, ...]
    paid_invoice_id: int
    requirement: Requirement


def _unpaid_before(earlier: Sequence[LedgerInvoice]) -> list[WaiverException]:
    return [WaiverException(f"Progress payment of invoice {item.number} not yet received",
                            item.current_payment_due - item.paid, item.period_end)
            for item in earlier
            if item.counted and item.current_payment_due - item.paid > ZERO]


def _exceptions(invoice: LedgerInvoice,
                earlier: Sequence[LedgerInvoice]) -> tuple[WaiverException, ...]:
    found = []
    if invoice.retainage_withheld > ZERO:
        found.append(WaiverException("Retainage withheld", invoice.retainage_withheld))
    found += _unpaid_before(earlier)
    return tuple(found)


def waivers_due(history: Sequence[LedgerInvoice], invoice_id: int,
                policy: Mapping[WaiverKind, Requirement]) -> list[WaiverDraft]:
    """The waivers to generate when invoice `invoice_id` of `history` is sent.

    `policy` holds the requirement of each kind for this invoice's billing type; kinds it
    does not name (or names as not required) are not generated. A waiver for no money
    (a zero or negative line 8) is not generated either: there is nothing to waive.
    """
    position = next(index for index, item in enumerate(history) if item.id == invoice_id)
    invoice, earlier = history[position], list(history[:position])
    wanted: dict[WaiverKind, Requirement] = {
        kind: need for kind, need in policy.items() if need is not Requirement.NOT_REQUIRED}
    drafts: list[WaiverDraft] = []
    final_kinds = (WaiverKind.CONDITIONAL_FINAL, WaiverKind.UNCONDITIONAL_FINAL)
    own_kinds = final_kinds if invoice.final else (WaiverKind.CONDITIONAL_PROGRESS,)
    for kind in own_kinds:
        if kind in wanted and invoice.current_payment_due > ZERO:
            exceptions = _exceptions(invoice, earlier)
            if kind is WaiverKind.UNCONDITIONAL_FINAL:
                # Signed for everything: only the earlier unpaid payments stay excepted.
                exceptions = tuple(_unpaid_before(earlier))
            drafts.append(WaiverDraft(kind, invoice.current_payment_due, invoice.period_end,
                                      exceptions, invoice.id, wanted[kind]))
    previous = [item for item in earlier if item.counted]
    kind = WaiverKind.UNCONDITIONAL_PROGRESS
    if kind in wanted and previous and previous[-1].current_payment_due > ZERO:
        paid_for = previous[-1]
        others = [item for item in earlier if item.id != paid_for.id]
        drafts.append(WaiverDraft(kind, paid_for.current_payment_due, paid_for.period_end,
                                  tuple(_unpaid_before(others)), paid_for.id, wanted[kind]))
    return drafts


def held_until_paid(kind: WaiverKind, amount: Decimal, paid: Decimal) -> bool:
    """An unconditional waiver signed before its payment is recorded stays locked."""
    return kind.unconditional and paid < amount


def same_figures(draft: WaiverDraft, amount: Decimal, through_date: date,
                 exceptions: Iterable[str]) -> bool:
    """Whether a standing waiver already says what `draft` says (else: void, regenerate)."""
    return (draft.amount == amount and draft.through_date == through_date
            and [item.text() for item in draft.exceptions] == list(exceptions))


def placeholder_values(*, claimant: str, customer: str, owner: str, job_location: str,
                       project_name: str, commitment_number: str, invoice_number: str,
                       draft: WaiverDraft) -> dict[str, str]:
    """Every blank of a template, filled in as text (money as $1,234.56)."""
    exceptions = "; ".join(item.text() for item in draft.exceptions) or "None"
    return {
        "claimant": claimant, "customer": customer, "owner": owner,
        "job_location": job_location, "project_name": project_name,
        "commitment_number": commitment_number, "invoice_number": invoice_number,
        "through_date": draft.through_date.strftime("%B %-d, %Y"),
        "amount": dollars(draft.amount), "maker_of_check": customer, "payee": claimant,
        "exceptions": exceptions,
    }


def dollars(amount: Decimal) -> str:
    """$1,234.56 (the way a waiver writes an amount)."""
    return f"${Decimal(format_money(amount)):,.2f}"


@dataclass(frozen=True)
class WaiverRecord:
    """A waiver as the administrator and the API see it."""

    id: int
    invoice_id: int
    paid_invoice_id: int
    kind: WaiverKind
    status: WaiverStatus
    requirement: Requirement
    amount: Decimal
    through_date: date
    exceptions: tuple[str, ...]
    code: str
    signer_email: str
    held: bool
    needs_notary: bool
    template_version: int
    signed_name: str | None = None
    signed_title: str | None = None
    signed_at: datetime | None = None
    signed_sha256: str | None = None
    released_at: datetime | None = None
    review_note: str | None = None
    notarized_sha256: str | None = None
    sub_tier_id: int | None = None  # a waiver asked of a sub-tier's signer


@dataclass(frozen=True)
class SignerView:
    """What the signing page shows: the document as it will be signed."""

    waiver: WaiverRecord
    title: str
    body: str
    facts: tuple[tuple[str, str], ...]
    signer_name: str
    commitment_id: int = 0  # for a signed-in contact's way back to the invoice form
    # The page's words: the signer's own language, else the project's; its dictionary.
    locale: str = "en-US"
    terminology: str = "general_contractor"


@dataclass(frozen=True)
class Signing:
    """What the signer typed, and the evidence the page recorded with it."""

    full_name: str
    title: str
    consent: bool
    ip_address: str | None
    user_agent: str | None

    def validated(self) -> Signing:
        name, title = self.full_name.strip(), self.title.strip()
        # The error's code names the field, so a page shows the message beside it.
        # Its `words` (refusal.waiver_<field>_<problem> of pages.po) word it on the page.
        for field, label, value in (("full_name", "full name", name), ("title", "title", title)):
            if not value:
                raise InvalidInput(f"your {label} is required to sign", code=field,
                                   words=f"waiver_{field}_required")
            if len(value) > 200:
                raise InvalidInput(f"your {label} has more than 200 characters", code=field,
                                   words=f"waiver_{field}_too_long", values={"most": 200})
            if (problem := control_character_problem(value)) is not None:
                found = first_control_character(value) or ""
                raise InvalidInput(f"your {label} {problem}", code=field,
                                   words=f"waiver_{field}_control",
                                   values={"found": describe(found)})
        if not self.consent:
            raise InvalidInput("tick the box to agree to sign electronically", code="consent",
                               words="waiver_consent")
        return Signing(name, title, True, self.ip_address, self.user_agent)


# Reminders for unsigned waivers (the reminder scan): the first two days after the
# request, then every three days, at most five, from 08:00 in the project's time zone.
REMINDER_FIRST_AFTER_DAYS = 2
REMINDER_EVERY_DAYS = 3
REMINDER_MAX = 5
REMINDER_HOUR = 8


class WaiverAudience(StrEnum):
    """Who signs: the contact (who has the invoice form) or a sub-tier's waiver signer."""

    CONTACT = "contact"
    SUB_TIER = "sub_tier"


# A sub-tier's signer has no account and no form to come back to: the first reminder
# goes 20 hours after the request (still from 08:00), then the same cadence.
SUB_TIER_FIRST_AFTER = timedelta(hours=20)


def waiver_reminder_due(requested_on: date, last_reminded_on: date | None, reminders_sent: int,
                        today: date, local_hour: int, *,
                        audience: WaiverAudience = WaiverAudience.CONTACT,
                        waited: timedelta | None = None) -> bool:
    """Whether an unsigned waiver gets a reminder today (dates are the project's local
    dates of the request, of the last reminder, and of now; `waited`: the time since the
    request, which decides a sub-tier signer's first reminder)."""
    if reminders_sent >= REMINDER_MAX or local_hour < REMINDER_HOUR:
        return False
    if last_reminded_on is None:
        if audience is WaiverAudience.SUB_TIER:
            return waited is not None and waited >= SUB_TIER_FIRST_AFTER
        return (today - requested_on).days >= REMINDER_FIRST_AFTER_DAYS
    return (today - last_reminded_on).days >= REMINDER_EVERY_DAYS
