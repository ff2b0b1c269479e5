"""Who may see and change a commitment's sub-tiers: the administrators of the company that
owns the project, and the commitment's invoice contacts. Anyone else is told it does not
exist."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.contacts import SignedInContact
from domain.errors import NotFound
from domain.model import Administrator
from store import invoices, tables

Actor = Administrator | SignedInContact


async def check_commitment(session: AsyncSession, actor: Actor, commitment_id: int) -> None:
    if isinstance(actor, Administrator):
        billing = await invoices.commitment_billing(session, commitment_id)
        allowed = billing is not None and billing.project.company_id == actor.company_id
    else:
        allowed = await invoices.is_contact_of(session, actor.person_id, commitment_id)
    if not allowed:
        raise NotFound(f"commitment {commitment_id} not found")


async def invoice_of(session: AsyncSession, actor: Actor, invoice_id: int) -> tables.Invoice:
    invoice = await invoices.invoice_row(session, invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} not found")
    try:
        await check_commitment(session, actor, invoice.commitment_id)
    except NotFound:
        raise NotFound(f"invoice {invoice_id} not found") from None
    return invoice
