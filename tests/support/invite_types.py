"""Helpers for the invite-type tests: invite with a type through the API, the link a
contact of any commitment gets, and what the invite and invoice tables hold."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from app.links import InviteLink
from store import tables as t
from tests.support.answering import Invitation
from tests.support.world import World

# The words of each type: in the mails (English, French) and on the pages.
MAIL_WORDS = {
    "work_and_materials": ("Work and materials", "Travaux et matériaux"),
    "retainage_release": ("Retainage release", "Libération de la retenue de garantie"),
    "work_materials_and_retainage": ("Work, materials and retainage",
                                     "Travaux, matériaux et retenue de garantie"),
    "final": ("Final invoice", "Facture finale"),
}
# The answer pages read the contact's catalogue (templates/locales), as the mails do.
PAGE_WORDS = {kind: english for kind, (english, _) in MAIL_WORDS.items()}


async def invite_typed(api: TestClient, headers: dict[str, str], period_id: int,
                       commitment_ids: list[int], kind: str) -> Any:
    return await api.post(f"/api/billing-periods/{period_id}/invites", headers=headers,
                          json={"commitment_ids": commitment_ids, "invoice_type": kind})


async def invitation_of(world: World, commitment_id: int, period_id: int) -> Invitation:
    """The first contact's signed link to the commitment's invite for the period."""
    async with world.container.ctx.sessions() as session:
        invite = (await session.execute(select(t.Invite).where(
            t.Invite.commitment_id == commitment_id,
            t.Invite.billing_period_id == period_id))).scalars().one()
        person_id = (await session.execute(
            select(t.InvoiceContact.person_id)
            .where(t.InvoiceContact.commitment_id == commitment_id)
            .order_by(t.InvoiceContact.id))).scalars().first()
    assert invite.id is not None and person_id is not None
    token = world.container.signer.invite_token(InviteLink(invite.id, person_id,
                                                           invite.token_version))
    return Invitation(invite.id, person_id, commitment_id, token)


async def invoice_count(world: World, commitment_id: int) -> int:
    query = select(func.count()).select_from(t.Invoice).where(
        t.Invoice.commitment_id == commitment_id)
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(query) or 0)


async def stored_lines(world: World, invoice_id: int) -> list[t.InvoiceLine]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.InvoiceLine).where(
            t.InvoiceLine.invoice_id == invoice_id).order_by(t.InvoiceLine.id))).scalars())
