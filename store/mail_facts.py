"""Everything an invite or reminder mail says, for many outbox rows in one query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from store import tables as t


@dataclass(frozen=True)
class InviteMailFacts:
    invite_id: int
    token_version: int
    reply_token: str
    contact_id: int
    contact_name: str
    contact_email: str
    contact_deliverable: bool
    inviter_name: str
    inviter_email: str
    project_name: str
    locale: str
    invitation_message: str | None
    commitment_number: str
    commitment_title: str
    contract_company: str
    period_start: date
    period_end: date
    due_date: date


async def invite_mail_facts(session: AsyncSession, pairs: Iterable[tuple[int, int]],
                            ) -> dict[tuple[int, int], InviteMailFacts]:
    """Keyed by (invite id, contact person id)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    contact, inviter = aliased(t.Person), aliased(t.Person)
    query = (
        select(t.Invite.id, t.Invite.token_version, t.Invite.reply_token, contact.id,
               contact.name, contact.email, contact.deliverable, inviter.name, inviter.email,
               t.Project.name, t.Project.locale, t.Project.invitation_message,
               t.Commitment.number, t.Commitment.title, t.Company.name,
               t.BillingPeriod.start_date, t.BillingPeriod.end_date, t.BillingPeriod.due_date)
        .join(t.BillingPeriod, t.BillingPeriod.id == t.Invite.billing_period_id)
        .join(t.Project, t.Project.id == t.BillingPeriod.project_id)
        .join(t.Commitment, t.Commitment.id == t.Invite.commitment_id)
        .join(t.Company, t.Company.id == t.Commitment.contract_company_id)
        .join(t.InvoiceContact, t.InvoiceContact.commitment_id == t.Commitment.id)
        .join(contact, contact.id == t.InvoiceContact.person_id)
        .join(inviter, inviter.id == t.Invite.invited_by_id)
        .where(t.Invite.id.in_({invite_id for invite_id, _ in pairs}),
               contact.id.in_({person_id for _, person_id in pairs})))
    facts = {}
    for row in (await session.execute(query)).all():
        item = InviteMailFacts(*row)
        facts[(item.invite_id, item.contact_id)] = item
    return facts
