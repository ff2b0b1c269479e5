"""Sub-tier waivers: the project's policy, which waivers an invoice's Send asks of its
sub-tiers (amounts from the sub-tier lines, never typed), and what Send needs first.

- conditional: for what each sub-tier billed on this invoice, through its period end
  (conditional final when the sub-tier billed final, else conditional progress);
- unconditional_previous: for what each sub-tier billed on the previous sent invoice,
  through that invoice's period end (unconditional final when billed final); signed
  before that invoice's payment covers it, it is held until paid, as the contact's are;
- both; none. A waiver for less than the threshold (or for nothing) is not asked, nor one
  of an exempt sub-tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.sub_tier_policy import SubTierWaiverPolicy
from domain.sub_tiers import SubTierStatus
from domain.waivers import WaiverKind, WaiverRecord

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SubTierBill:
    """What one sub-tier billed on one invoice, with what its waiver needs."""

    sub_tier_id: int
    company_name: str
    amount: Decimal
    final: bool
    status: SubTierStatus
    signer_email: str


@dataclass(frozen=True)
class BilledInvoice:
    invoice_id: int
    period_end: date
    bills: tuple[SubTierBill, ...]


@dataclass(frozen=True)
class SubTierWaiverDraft:
    sub_tier_id: int
    kind: WaiverKind
    amount: Decimal
    through_date: date
    paid_invoice_id: int  # the invoice whose payment it waives


def _asked(policy: SubTierWaiverPolicy, bill: SubTierBill) -> bool:
    return (bill.status is not SubTierStatus.EXEMPT and bill.amount > ZERO
            and bill.amount >= policy.threshold)


def sub_tier_waivers_due(policy: SubTierWaiverPolicy, invoice: BilledInvoice,
                         previous: BilledInvoice | None) -> list[SubTierWaiverDraft]:
    """The waivers Send of `invoice` asks of its sub-tiers (`previous`: the sent invoice
    before it, for the unconditional waivers of its payment)."""
    drafts = []
    if policy.rule.conditional:
        for bill in invoice.bills:
            if _asked(policy, bill):
                kind = (WaiverKind.CONDITIONAL_FINAL if bill.final
                        else WaiverKind.CONDITIONAL_PROGRESS)
                drafts.append(SubTierWaiverDraft(bill.sub_tier_id, kind, bill.amount,
                                                 invoice.period_end, invoice.invoice_id))
    if policy.rule.unconditional and previous is not None:
        current = {bill.sub_tier_id: bill for bill in invoice.bills}
        for bill in previous.bills:
            # The sub-tier as it stands now (exempt since, a new signer).
            now = current.get(bill.sub_tier_id, bill)
            if _asked(policy, SubTierBill(bill.sub_tier_id, bill.company_name, bill.amount,
                                          bill.final, now.status, now.signer_email)):
                kind = (WaiverKind.UNCONDITIONAL_FINAL if bill.final
                        else WaiverKind.UNCONDITIONAL_PROGRESS)
                drafts.append(SubTierWaiverDraft(bill.sub_tier_id, kind, bill.amount,
                                                 previous.period_end, previous.invoice_id))
    return drafts


def send_problems(policy: SubTierWaiverPolicy, listed: Sequence[tuple[int, str]],
                  billed: Sequence[int], certified: bool) -> list[str]:
    """What Send still needs when the project asks for sub-tier waivers: a line for every
    listed sub-tier (`listed`: id and company name; `billed`: the ids with a line), or the
    certificate that there are none. Empty: Send may go."""
    if not policy.asks:
        return []
    if not listed:
        if certified:
            return []
        return ["this project asks for sub-tier waivers: list the sub-tiers who worked or "
                "supplied under you and what each billed on this invoice, or certify that "
                "there are no sub-tiers"]
    missing = [name for tier_id, name in listed if tier_id not in set(billed)]
    if missing:
        return ["this project asks for sub-tier waivers: enter the amount billed on this "
                "invoice (0.00 if none) for " + ", ".join(missing)]
    return []


def signer_problems(drafts: Sequence[SubTierWaiverDraft],
                    signers: dict[int, tuple[str, str]]) -> list[str]:
    """Sub-tiers asked for a waiver without a signer's email (`signers`: id to company
    name and email)."""
    names = sorted({signers[draft.sub_tier_id][0] for draft in drafts
                    if not signers[draft.sub_tier_id][1]})
    return [f"{name}: enter the email of the person who signs its lien waivers"
            for name in names]


class SubTierWaiverState(StrEnum):
    """A sub-tier's waiver on an invoice, as the pages and the API show it."""

    NOT_REQUIRED = "not_required"
    PENDING_SIGNATURE = "pending_signature"
    AWAITING_NOTARY = "awaiting_notary"
    SIGNED = "signed"
    APPROVED = "approved"
    RETURNED = "revise_and_resubmit"


# A sub-tier waiver in one of these holds the payment of the invoice it was asked with.
HOLDING_STATES = frozenset({"pending_signature", "awaiting_notary", "revise_and_resubmit"})


def payment_hold_message(companies: Sequence[str]) -> str:
    return ("the payment is held: the lien waivers of these sub-tiers are not signed yet: "
            + ", ".join(companies))


# The order a sub-tier's state is told in: the step still waited for first.
STATE_ORDER = ("pending_signature", "revise_and_resubmit", "awaiting_notary", "signed",
               "approved")


@dataclass(frozen=True)
class SubTierWaiverLine:
    """One sub-tier on one invoice: what it billed, its waivers (void ones left out) and
    the state they are in together (`not_required` when none is asked)."""

    sub_tier_id: int
    company_name: str
    amount_billed: Decimal | None
    final: bool
    sub_tier_status: SubTierStatus
    state: str
    waivers: tuple[WaiverRecord, ...]


def waiver_state(record: WaiverRecord) -> str:
    """A waiver's state as the pages say it: a new request after the administrator
    returned the signed one reads `revise_and_resubmit` until it is signed again."""
    if (record.status.value == "pending_signature" and record.review_note):
        return "revise_and_resubmit"
    return record.status.value


def sub_tier_state(records: Sequence[WaiverRecord]) -> str:
    states = {waiver_state(record) for record in records}
    return next((state for state in STATE_ORDER if state in states), "not_required")
