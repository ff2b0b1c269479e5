"""Reading an invite for answering: its facts as one contact sees it (one SELECT, prebuilt,
locking the invite row on PostgreSQL while an answer is recorded). The writes of an
answer are in store/answer_writes.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, and_, bindparam, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import aliased

from domain.answers import AnswerRules, InviteFacts
from domain.contacts import SignedInContact
from domain.invoice_types import InviteType
from domain.model import InviteStatus
from store.invites import SENT_INVOICE_STATUSES
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

_contact, _inviter, _answerer = aliased(Person), aliased(Person), aliased(Person)
# The invite's own due date once a late request is granted, else the period's.
_DUE_DATE = func.coalesce(Invite.extended_due_date, BillingPeriod.due_date)
_invoice_sent = exists().where(
    Invoice.commitment_id == Invite.commitment_id,
    Invoice.billing_period_id == Invite.billing_period_id,
    # One bound value per status, not an "expanding" list parameter: SQLAlchemy rewrites
    # the SQL for those on every execution (profiled: ~80 us per answer).
    Invoice.status.in_([literal(status, String) for status in SENT_INVOICE_STATUSES]))
_COLUMNS: list[Any] = [
    Invite.id, Invite.commitment_id, Invite.billing_period_id, Invite.status,
    Invite.token_version, _invoice_sent.label("invoice_sent"), Invite.answered_at,
    _answerer.name, Project.name, Project.time_zone,
    # The contact's own language over the project's: their pages speak it.
    func.coalesce(_contact.language, Project.locale),
    Commitment.number, Commitment.title, Company.name, BillingPeriod.start_date,
    BillingPeriod.end_date, _DUE_DATE, BillingPeriod.status, _inviter.id,
    _inviter.name, _inviter.email, _contact.id, _contact.name, _contact.email,
    InvoiceContact.id, Invite.invoice_type, Project.terminology]
# Built once (building a statement costs more Python than running a cached one).
_FACTS = (
    select(*_COLUMNS)
    .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
    .join(Project, Project.id == BillingPeriod.project_id)
    .join(Commitment, Commitment.id == Invite.commitment_id)
    .join(Company, Company.id == Commitment.contract_company_id)
    .join(_contact, _contact.id == bindparam("contact_id"))
    .outerjoin(_inviter, _inviter.id == Invite.invited_by_id)
    .outerjoin(_answerer, _answerer.id == Invite.answered_by_id)
    .outerjoin(InvoiceContact, and_(InvoiceContact.commitment_id == Commitment.id,
                                    InvoiceContact.person_id == _contact.id))
    .where(Invite.id == bindparam("invite_id")))
# The rules' facts only: what answering reads under the row lock (about half the cost of
# the page's facts, measured; the page's words are read only when they are shown), and the
# answering person as a session names them (a Yes signs them in): one read, one checkout.
_RULES = (
    select(Invite.id, Invite.commitment_id, Invite.billing_period_id, Invite.status,
           Invite.token_version, _invoice_sent.label("invoice_sent"),
           _DUE_DATE, Project.time_zone, BillingPeriod.status,
           Invite.invited_by_id, InvoiceContact.id, _contact.role, _contact.name,
           _contact.email, _contact.session_version)
    .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
    .join(Project, Project.id == BillingPeriod.project_id)
    .outerjoin(InvoiceContact, and_(InvoiceContact.commitment_id == Invite.commitment_id,
                                    InvoiceContact.person_id == bindparam("contact_id")))
    .outerjoin(_contact, _contact.id == bindparam("contact_id"))
    .where(Invite.id == bindparam("invite_id")))
_RULES_LOCKED = _RULES.with_for_update(of=Invite)

Db = AsyncConnection | AsyncSession


def _is_postgres(db: Db) -> bool:
    dialect = db.dialect if isinstance(db, AsyncConnection) else db.bind.dialect
    return dialect.name == "postgresql"


async def answer_rules(db: Db, invite_id: int, contact_id: int
                       ) -> tuple[AnswerRules, SignedInContact | None] | None:
    """What the rules need, with the invite row locked until the transaction ends
    (PostgreSQL; SQLite has one writer anyway): two contacts answering at once apply their
    answers one after the other. With it, `contact_id` as a session names them (None when
    the person is not a contact). None when there is no such invite."""
    query = _RULES_LOCKED if _is_postgres(db) else _RULES
    row = (await db.execute(query, {"invite_id": invite_id, "contact_id": contact_id})).first()
    if row is None:
        return None
    (invite, commitment, period, status, version, sent, due, zone, period_status, inviter_id,
     membership, role, name, email, session_version) = row
    rules = AnswerRules(
        invite_id=invite, commitment_id=commitment, billing_period_id=period,
        status=InviteStatus(status), token_version=version, invoice_sent=bool(sent),
        due_date=due, time_zone=zone, period_open=period_status == "open",
        inviter_id=inviter_id, contact_id=contact_id, is_contact=membership is not None)
    # As store/contacts.contact reads a contact for a session.
    person = (SignedInContact(contact_id, name, email, session_version)
              if role == "contact" else None)
    return rules, person


async def invite_facts(db: Db, invite_id: int, contact_id: int) -> InviteFacts | None:
    """The invite as `contact_id` sees it; None when the invite or the person is unknown."""
    row = (await db.execute(_FACTS, {"invite_id": invite_id, "contact_id": contact_id})).first()
    if row is None:
        return None
    (invite, commitment, period, status, version, sent, answered_at, answered_by, project,
     zone, locale, number, title, company, start, end, due, period_status, inviter_id,
     inviter_name, inviter_email, contact, contact_name, contact_email, membership,
     invoice_type, terminology) = row
    return InviteFacts(
        invite_id=invite, commitment_id=commitment, billing_period_id=period,
        status=InviteStatus(status), token_version=version, invoice_sent=bool(sent),
        answered_at=answered_at, answered_by_name=answered_by, project_name=project,
        time_zone=zone, locale=locale, commitment_number=number, commitment_title=title,
        contract_company=company, period_start=start, period_end=end, due_date=due,
        period_open=period_status == "open", inviter_id=inviter_id,
        inviter_name=inviter_name or "the invoice administrator",
        inviter_email=inviter_email or "", contact_id=contact, contact_name=contact_name,
        contact_email=contact_email, is_contact=membership is not None,
        invoice_type=InviteType(invoice_type), terminology=terminology)


async def people_by_id(session: AsyncSession, ids: Iterable[int]) -> dict[int, Person]:
    """Persons by id (the recipients of notices to administrators)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = (await session.execute(select(Person).where(Person.id.in_(wanted)))).scalars()
    return {person.id: person for person in rows if person.id is not None}
