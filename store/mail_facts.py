"""Everything an invite, reminder or invoice mail says, for many outbox rows in one query."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from store.tables import (
    BillingPeriod,
    Commitment,
    Company,
    Invite,
    Invoice,
    InvoiceContact,
    Person,
    Project,
)


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
    invoice_type: str = "work_and_materials"
    # The project's dictionary of terms (mailer/i18n.py); `locale` above is the contact's
    # own language when they chose one, else the project's.
    terminology: str = "general_contractor"


_contact, _inviter = aliased(Person), aliased(Person)
# Built once: constructing this select (its aliases, joins and expressions) cost more Python
# than running it, once per delivery batch (bench/profile_delivery.py).
_INVITE_MAIL_FACTS = (
    select(Invite.id, Invite.token_version, Invite.reply_token, _contact.id,
           _contact.name, _contact.email, _contact.deliverable, _inviter.name, _inviter.email,
           Project.name,
           # The contact's preferred language overrides the project's for their mail.
           func.coalesce(_contact.language, Project.locale), Project.invitation_message,
           Commitment.number, Commitment.title, Company.name,
           BillingPeriod.start_date, BillingPeriod.end_date,
           # The invite's own due date once a late request is granted.
           func.coalesce(Invite.extended_due_date, BillingPeriod.due_date),
           Invite.invoice_type, Project.terminology)
    .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
    .join(Project, Project.id == BillingPeriod.project_id)
    .join(Commitment, Commitment.id == Invite.commitment_id)
    .join(Company, Company.id == Commitment.contract_company_id)
    .join(InvoiceContact, InvoiceContact.commitment_id == Commitment.id)
    .join(_contact, _contact.id == InvoiceContact.person_id)
    .join(_inviter, _inviter.id == Invite.invited_by_id)
    .where(Invite.id.in_(bindparam("invite_ids", expanding=True)),
           _contact.id.in_(bindparam("person_ids", expanding=True))))


async def invite_mail_facts(session: AsyncSession, pairs: Iterable[tuple[int, int]],
                            ) -> dict[tuple[int, int], InviteMailFacts]:
    """Keyed by (invite id, contact person id)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    found = await session.execute(_INVITE_MAIL_FACTS, {
        "invite_ids": sorted({invite_id for invite_id, _ in pairs}),
        "person_ids": sorted({person_id for _, person_id in pairs})})
    facts = {}
    for row in found.all():
        item = InviteMailFacts(*row)
        facts[(item.invite_id, item.contact_id)] = item
    return facts


@dataclass(frozen=True)
class InvoiceMailFacts:
    invoice_id: int
    number: str
    status: str
    commitment_id: int
    commitment_number: str
    contract_company: str
    project_name: str
    locale: str
    terminology: str = "general_contractor"


async def invoice_mail_facts(session: AsyncSession,
                             invoice_ids: Sequence[int]) -> dict[int, InvoiceMailFacts]:
    query = (select(Invoice.id, Invoice.number, Invoice.status,
                    Commitment.id, Commitment.number, Company.name,
                    Project.name, Project.locale, Project.terminology)
             .join(Commitment, Commitment.id == Invoice.commitment_id)
             .join(Company, Company.id == Commitment.contract_company_id)
             .join(Project, Project.id == Commitment.project_id)
             .where(Invoice.id.in_(list(invoice_ids))))
    return {row[0]: InvoiceMailFacts(*row) for row in (await session.execute(query)).all()}
