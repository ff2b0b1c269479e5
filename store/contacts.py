"""Queries for invoice contacts' own pages: only commitments they are a contact of."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.contacts import ContactCommitment, SignedInContact
from domain.model import InviteStatus
from store import mapping
from store.tables import BillingPeriod, Commitment, Company, Invite, InvoiceContact, Person, Project


async def contact(session: AsyncSession, person_id: int) -> SignedInContact | None:
    person = await session.get(Person, person_id)
    if person is None or person.role != "contact" or person.id is None:
        return None
    return mapping.signed_in_contact(person)


async def commitments_of(session: AsyncSession, person_id: int,
                         commitment_id: int | None = None) -> list[ContactCommitment]:
    """The contact's commitments (or the one asked for, if it is theirs), each with its
    project's open billing period and that period's invite."""
    P = BillingPeriod
    query = (
        select(Commitment.id, Commitment.number, Commitment.title, Company.name,
               Project.name, Project.time_zone, P.id, P.start_date, P.end_date,
               # The invite's own due date once a late request is granted.
               func.coalesce(Invite.extended_due_date, P.due_date), Invite.id, Invite.status,
               # The contact's own language over the project's: their pages speak it.
               func.coalesce(Person.language, Project.locale), Project.terminology)
        .select_from(InvoiceContact)
        .join(Person, Person.id == InvoiceContact.person_id)
        .join(Commitment, Commitment.id == InvoiceContact.commitment_id)
        .join(Company, Company.id == Commitment.contract_company_id)
        .join(Project, Project.id == Commitment.project_id)
        .outerjoin(P, and_(P.project_id == Project.id, P.status == "open"))
        .outerjoin(Invite, and_(Invite.commitment_id == Commitment.id,
                                Invite.billing_period_id == P.id))
        .where(InvoiceContact.person_id == person_id)
        .order_by(Project.name, Commitment.number, P.start_date.desc()))
    if commitment_id is not None:
        query = query.where(Commitment.id == commitment_id)
    found: dict[int, ContactCommitment] = {}
    for row in (await session.execute(query)).all():
        (cid, number, title, company, project, zone, period_id, start, end, due, invite_id,
         status, locale, terminology) = row
        # At most one period is open; should data say otherwise, the latest one counts.
        found.setdefault(cid, ContactCommitment(
            commitment_id=cid, number=number, title=title, contract_company=company,
            project_name=project, time_zone=zone, period_id=period_id, period_start=start,
            period_end=end, due_date=due, invite_id=invite_id,
            invite_status=InviteStatus(status) if status else InviteStatus.NOT_INVITED,
            locale=locale, terminology=terminology))
    return list(found.values())
