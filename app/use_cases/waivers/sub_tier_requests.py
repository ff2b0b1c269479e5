"""Sub-tier waivers, asked on Send in the invoice's own transaction (the invoices and
sub-tiers capabilities call it): what Send needs first (the invoice's sub-tier lines or
the certificate), and the waivers the project's policy asks of each sub-tier's signer,
mailed through the outbox with a link to the same signing page as the contact's.

A waiver whose figures or signer changed (lines changed under review) is voided and a
new one is generated and mailed, as for the contact's waivers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.waivers._rows import WAIVER_REQUESTED, waiver_event, waiver_mail
from app.use_cases.waivers.generation import new_code, void
from app.use_cases.waivers.wording import GENERIC, render
from domain.errors import Conflict, InvalidInput
from domain.invoice_chain import COUNTED_STATUSES
from domain.sub_tier_waivers import (
    HOLDING_STATES,
    BilledInvoice,
    SubTierWaiverDraft,
    SubTierWaiverLine,
    payment_hold_message,
    send_problems,
    signer_problems,
    sub_tier_state,
    sub_tier_waivers_due,
)
from domain.sub_tiers import SubTierStatus
from domain.waivers import (
    Requirement,
    WaiverDraft,
    WaiverKind,
    WaiverRecord,
    WaiverStatus,
    placeholder_values,
)
from store import invoices, outbox, sub_tier_waivers, sub_tiers, waivers
from store.tables import LienWaiver, SubTier
from store.waivers import WaiverParties

SUB_TIER_WAIVER_REQUESTED = "sub_tier_waiver_requested"  # the mail to a sub-tier's signer


async def check_send(session: AsyncSession, invoice_id: int, commitment_id: int,
                     project_id: int) -> None:
    """Refuse Send (Conflict naming what is missing) while the project asks for sub-tier
    waivers and the invoice has neither a line for every listed sub-tier nor the
    certificate that there are none."""
    policy = await sub_tier_waivers.policy_of_project(session, project_id)
    listed = [(tier.id, tier.fields.company_name)
              for tier in await sub_tiers.of_commitment(session, commitment_id)]
    lines = await sub_tiers.lines_of(session, invoice_id)
    certified = await sub_tiers.certificate_of(session, invoice_id) is not None
    problems = send_problems(policy, listed, list(lines), certified)
    if problems:
        raise Conflict("; ".join(problems), code="sub_tiers_required")


async def _previous(session: AsyncSession, commitment_id: int,
                    invoice_id: int) -> BilledInvoice | None:
    """The commitment's last sent invoice before `invoice_id`, with its sub-tier bills."""
    chain = await invoices.history(session, commitment_id)
    earlier = []
    for invoice, _, stored in chain:
        if invoice.id == invoice_id:
            break
        if stored.status in COUNTED_STATUSES:
            earlier.append(invoice.id or 0)
    if not earlier:
        return None
    ends = await waivers.period_ends(session, [earlier[-1]])
    return BilledInvoice(earlier[-1], ends[earlier[-1]],
                         tuple(await sub_tier_waivers.bills_of(session, earlier[-1])))


async def _wording(session: AsyncSession, draft: SubTierWaiverDraft, tier: SubTier,
                   parties: WaiverParties) -> str:
    customer = await sub_tier_waivers.hirer_name(session, tier, parties.claimant)
    values = placeholder_values(
        claimant=tier.company_name, customer=customer, owner=parties.customer,
        job_location=parties.project_name, project_name=parties.project_name,
        commitment_number=parties.commitment_number, invoice_number=parties.invoice_number,
        draft=WaiverDraft(draft.kind, draft.amount, draft.through_date, (),
                          draft.paid_invoice_id, Requirement.REQUESTED))
    return render(GENERIC[draft.kind], values)


async def request_sub_tier_waivers(session: AsyncSession, invoice_id: int, now: datetime,
                                   inbound_domain: str) -> list[LienWaiver]:
    """Generate (or keep, or void and regenerate) the sub-tier waivers of a sent invoice
    and mail each new one to its sub-tier's signer. Returns the new ones. Raises
    InvalidInput naming a sub-tier asked for a waiver without a signer's email."""
    parties = await waivers.parties(session, invoice_id)
    if parties is None:
        return []
    policy = await sub_tier_waivers.policy_of_project(session, parties.project_id)
    drafts: list[SubTierWaiverDraft] = []
    if policy.asks:
        bills = tuple(await sub_tier_waivers.bills_of(session, invoice_id))
        drafts = sub_tier_waivers_due(
            policy, BilledInvoice(invoice_id, parties.period_end, bills),
            await _previous(session, parties.commitment_id, invoice_id))
    tiers: dict[int, SubTier] = {}
    for tier_id in {draft.sub_tier_id for draft in drafts}:
        found = await session.get(SubTier, tier_id)
        if found is not None:
            tiers[tier_id] = found
    problems = signer_problems(drafts, {tier_id: (tier.company_name, tier.waiver_email)
                                        for tier_id, tier in tiers.items()})
    if problems:
        raise InvalidInput("; ".join(problems), code="sub_tier_signer_missing")
    standing = {(tier.id, row.kind): row for row, tier in
                await sub_tier_waivers.waivers_of_invoices(session, [invoice_id])
                if row.status != WaiverStatus.VOID.value}
    created, rows = [], []
    for draft in drafts:
        tier = tiers[draft.sub_tier_id]
        signer = await waivers.person_in_company(session, parties.claimant_id,
                                                 tier.waiver_email, tier.company_name, now)
        old = standing.pop((draft.sub_tier_id, draft.kind.value), None)
        if (old is not None and old.amount == draft.amount
                and old.through_date == draft.through_date and old.signer_id == signer.id):
            continue
        if old is not None:
            await void(session, old, "the service", "the sub-tier's line changed", now)
        row = await waivers.add_waiver(session, LienWaiver(
            invoice_id=invoice_id, paid_invoice_id=draft.paid_invoice_id,
            kind=draft.kind.value, status=WaiverStatus.PENDING_SIGNATURE.value,
            requirement=Requirement.REQUESTED.value, amount=draft.amount,
            through_date=draft.through_date, exceptions="", title=draft.kind.label,
            body=await _wording(session, draft, tier, parties), template_id=None,
            template_version=1, needs_notary=False, code=new_code(), signer_id=signer.id or 0,
            replaces_id=None if old is None else old.id, created_at=now))
        await sub_tier_waivers.link(session, row.id or 0, draft.sub_tier_id)
        await waivers.add_event(session, row.id or 0, "requested", now, signer.email,
                                f"sub-tier {tier.company_name}")
        rows += [waiver_mail(SUB_TIER_WAIVER_REQUESTED, row, signer.id or 0, inbound_domain,
                             now),
                 waiver_event(WAIVER_REQUESTED, row, parties.company_id, now)]
        created.append(row)
    for old in standing.values():  # no longer asked for
        await void(session, old, "the service", "no longer asked of this sub-tier", now)
    await outbox.enqueue(session, rows)
    return created


async def request_mail_template(session: AsyncSession, row: LienWaiver) -> str:
    """The signing mail of a waiver: the sub-tier signer's or the contact's."""
    if await sub_tier_waivers.sub_tier_of_waiver(session, row.id or 0) is not None:
        return SUB_TIER_WAIVER_REQUESTED
    return "waiver_requested"


async def sub_tier_final_received(session: AsyncSession, row: LienWaiver) -> None:
    """An approved unconditional final waiver of a sub-tier: its final is received."""
    if row.kind != WaiverKind.UNCONDITIONAL_FINAL.value:
        return
    tier = await sub_tier_waivers.sub_tier_of_waiver(session, row.id or 0)
    if tier is not None and tier.status not in (SubTierStatus.EXEMPT.value,
                                                 SubTierStatus.LIEN_FILED.value):
        tier.status = SubTierStatus.FINAL_RECEIVED.value
        await session.flush()


async def payment_holds(session: AsyncSession, invoice_ids: list[int]) -> dict[int, list[str]]:
    """For each invoice, the sub-tiers whose waiver asked with it is not signed yet: its
    payment is held until they are."""
    held: dict[int, list[str]] = {}
    for row, tier in await sub_tier_waivers.waivers_of_invoices(session, invoice_ids):
        if row.status in HOLDING_STATES and tier.company_name not in held.get(
                row.invoice_id, []):
            held.setdefault(row.invoice_id, []).append(tier.company_name)
    return held


async def check_payment_not_held(session: AsyncSession, invoice_id: int) -> None:
    """Refuse a payment (Conflict naming the sub-tiers) while a sub-tier waiver asked with
    the invoice is unsigned."""
    held = (await payment_holds(session, [invoice_id])).get(invoice_id)
    if held:
        raise Conflict(payment_hold_message(held), code="payment_held")


async def lines_of_invoice(session: AsyncSession, invoice_id: int,
                           records: dict[int, WaiverRecord]) -> list[SubTierWaiverLine]:
    """Each sub-tier billed on the invoice, or asked for a waiver with it, and its state
    (`records`: the invoice's waivers as the caller made them, by id)."""
    bills = {bill.sub_tier_id: bill for bill in await sub_tier_waivers.bills_of(
        session, invoice_id)}
    asked: dict[int, list[WaiverRecord]] = {}
    names: dict[int, tuple[str, SubTierStatus]] = {}
    for row, tier in await sub_tier_waivers.waivers_of_invoices(session, [invoice_id]):
        names[tier.id or 0] = (tier.company_name, SubTierStatus(tier.status))
        if row.status != WaiverStatus.VOID.value and row.id in records:
            asked.setdefault(tier.id or 0, []).append(records[row.id])
    for bill in bills.values():
        names[bill.sub_tier_id] = (bill.company_name, bill.status)
    lines = []
    for tier_id in sorted(names):
        billed = bills.get(tier_id)
        found = tuple(asked.get(tier_id, ()))
        lines.append(SubTierWaiverLine(
            tier_id, names[tier_id][0], None if billed is None else billed.amount,
            bool(billed and billed.final), names[tier_id][1], sub_tier_state(found), found))
    return lines
