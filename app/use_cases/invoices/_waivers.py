"""The waivers a sent invoice asks for: the commitment's ledger (each sent invoice's
payment due, retainage and payments received) handed to the waivers capability, in the
invoice's own transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.invoices import _loading as loading
from app.use_cases.waivers.generation import generate, unsigned_required
from domain.errors import Conflict
from domain.invoice_chain import COUNTED_STATUSES
from domain.invoice_records import BillingType
from domain.waivers import LedgerInvoice
from store import invoices, payments, people, waivers
from store.invoices import CommitmentBilling
from store.tables import Invoice


async def ledger(session: AsyncSession, billing: CommitmentBilling) -> list[LedgerInvoice]:
    rows = await invoices.history(session, billing.commitment.id or 0)
    chain = [stored for _, _, stored in rows]
    ids = [stored.id for stored in chain]
    ends = await waivers.period_ends(session, ids)
    paid = await payments.paid_totals(session, ids)
    result = []
    for invoice, _, stored in rows:
        counted = stored.status in COUNTED_STATUSES
        summary = loading.compute(billing, chain, stored.id).summary
        result.append(LedgerInvoice(
            stored.id, invoice.number, ends[stored.id],
            invoice.billing_type == BillingType.FINAL.value, summary.current_payment_due,
            summary.total_retainage, paid[stored.id], counted))
    return result


async def generate_waivers(session: AsyncSession, billing: CommitmentBilling, invoice: Invoice,
                           sender_id: int | None, now: datetime, inbound_domain: str, *,
                           only_required: bool = False) -> None:
    """The sender signs; for an invoice entered on their behalf, the first contact.
    A contact's Send is refused while a waiver required before Send is unsigned (the
    whole send rolls back); the form's Next generates those first (`only_required`)."""
    signer_id = sender_id
    if signer_id is None or invoice.on_behalf:
        contacts = await invoices.contact_ids(session, invoice.commitment_id)
        signer_id = contacts[0] if contacts else None
    signer = None if signer_id is None else await people.person_row(session, signer_id)
    if signer is None:
        return
    await generate(session, invoice_id=invoice.id or 0, ledger=await ledger(session, billing),
                   billing_type=invoice.billing_type, signer_id=signer_id,
                   signer_email=signer.email, now=now, inbound_domain=inbound_domain,
                   only_required=only_required)
    if invoice.on_behalf or only_required:
        return
    if await unsigned_required(session, invoice.id or 0):
        raise Conflict("sign the lien waivers required before Send first: press Next",
                       code="waivers_required")
