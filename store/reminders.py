"""Queries of the reminder scan: claim the invites whose next reminder instant has come,
read what the decision needs, write the outbox rows and the next instants.

`invite.next_reminder_at` is indexed, and the scan reads invites only through it, so its
cost follows the number of invites due, not the size of the table. A claim is one
UPDATE ... RETURNING statement (as for the outbox): PostgreSQL skips rows another scan has
locked (FOR UPDATE SKIP LOCKED), and on SQLite the statement takes the single write lock
for the rest of the transaction, so two scans never decide about the same invite at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, Update, any_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import InviteStatus, ReminderPolicy
from store.invites import SENT_INVOICE_STATUSES
from store.mapping import reminder_policy
from store.tables import (
    BillingPeriod,
    Commitment,
    Invite,
    Invoice,
    InvoiceContact,
    OutboxMessage,
    Person,
    Project,
)

INVITE: Table = Invite.__table__
OUTBOX: Table = OutboxMessage.__table__


@dataclass(frozen=True)
class ContactFacts:
    id: int
    name: str
    email: str
    deliverable: bool


@dataclass(frozen=True)
class DueInvite:
    """One claimed invite with everything the reminder rule and the report need."""

    invite_id: int
    status: InviteStatus
    invited_at: datetime | None
    commitment_id: int
    commitment_number: str
    commitment_title: str
    billing_period_id: int
    due_date: date
    period_open: bool
    closed_at: datetime | None
    project_id: int
    project_name: str
    project_number: str
    time_zone: str
    policy: ReminderPolicy
    invoice_sent: bool
    contacts: tuple[ContactFacts, ...]


def claim_statement(at: datetime, limit: int, dialect: str) -> Update:
    """Take up to `limit` invites due at `at`, oldest first; their instant is cleared until
    the scan writes the next one in the same transaction."""
    c = INVITE.c
    due = (select(c.id).where(c.next_reminder_at <= at)
           .order_by(c.next_reminder_at).limit(limit))
    taken: ColumnElement[bool] = c.id.in_(due.scalar_subquery())
    if dialect == "postgresql":
        # `id = ANY(ARRAY(...))`: the ids are gathered first (the index range scan), then
        # fetched by primary key. With `IN (subquery)` the planner may hash-join them
        # against a scan of the whole table instead (seen in EXPLAIN at 20,000 invites).
        taken = c.id == any_(func.array(due.with_for_update(skip_locked=True)
                                        .scalar_subquery()))
    return update(INVITE).where(taken).values(next_reminder_at=None).returning(c.id)


async def claim_due(session: AsyncSession, at: datetime, limit: int) -> list[int]:
    statement = claim_statement(at, limit, session.bind.dialect.name)
    return sorted((await session.execute(statement)).scalars())


async def due_ids(session: AsyncSession, at: datetime) -> list[int]:
    """What a claim would take, without taking it (a dry run)."""
    c = INVITE.c
    query = select(c.id).where(c.next_reminder_at <= at).order_by(c.next_reminder_at, c.id)
    return list((await session.execute(query)).scalars())


async def due_invites(session: AsyncSession, invite_ids: Sequence[int]) -> list[DueInvite]:
    """The invites, their period, project, commitment, contacts and invoice: three queries."""
    if not invite_ids:
        return []
    i, bp, p, c = Invite, BillingPeriod, Project, Commitment
    # One list, not nineteen arguments: select()'s typed overloads stop well before that.
    columns: list[Any] = [i.id, i.status, i.invited_at, i.commitment_id, c.number, c.title,
               # The invite's own due date once a late request is granted.
               i.billing_period_id, func.coalesce(i.extended_due_date, bp.due_date),
               bp.status, bp.closed_at, p.id, p.name,
               p.number, p.time_zone, p.reminder_days_before, p.reminder_hour,
               p.reminder_daily_after_due, p.reminder_max_after_due,
               p.reminder_every_days_before]
    rows = (await session.execute(
        select(*columns)
        .join(bp, bp.id == i.billing_period_id).join(p, p.id == bp.project_id)
        .join(c, c.id == i.commitment_id)
        .where(i.id.in_(list(invite_ids))).order_by(p.id, c.number))).all()
    commitment_ids = {row[3] for row in rows}
    contacts = await _contacts_of(session, commitment_ids)
    sent = await _invoices_sent(session, commitment_ids, {row[6] for row in rows})
    return [DueInvite(
        invite_id=row[0], status=InviteStatus(row[1]), invited_at=row[2],
        commitment_id=row[3], commitment_number=row[4], commitment_title=row[5],
        billing_period_id=row[6], due_date=row[7], period_open=row[8] == "open",
        closed_at=row[9], project_id=row[10], project_name=row[11], project_number=row[12],
        time_zone=row[13], policy=reminder_policy(*row[14:19]),
        invoice_sent=(row[6], row[3]) in sent, contacts=tuple(contacts[row[3]]))
            for row in rows]


async def _contacts_of(session: AsyncSession, commitment_ids: Iterable[int],
                       ) -> dict[int, list[ContactFacts]]:
    found: dict[int, list[ContactFacts]] = defaultdict(list)
    query = (select(InvoiceContact.commitment_id, Person.id, Person.name,
                    Person.email, Person.deliverable)
             .join(Person, Person.id == InvoiceContact.person_id)
             .where(InvoiceContact.commitment_id.in_(list(commitment_ids)))
             .order_by(InvoiceContact.id))
    for commitment_id, *person in (await session.execute(query)).all():
        found[commitment_id].append(ContactFacts(*person))
    return found


async def _invoices_sent(session: AsyncSession, commitment_ids: Iterable[int],
                         period_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(period id, commitment id) of every invoice that counts as sent."""
    query = select(Invoice.billing_period_id, Invoice.commitment_id).where(
        Invoice.commitment_id.in_(list(commitment_ids)),
        Invoice.billing_period_id.in_(list(period_ids)),
        Invoice.status.in_(SENT_INVOICE_STATUSES))
    return {(period, commitment) for period, commitment in (await session.execute(query)).all()}


def _insert(session: AsyncSession) -> Any:
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    return dialect.insert(OUTBOX).on_conflict_do_nothing(index_elements=["idempotency_key"])


async def enqueue_new(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """Insert outbox rows; returns the idempotency keys that were new (others existed)."""
    if not rows:
        return set()
    statement = _insert(session).returning(OUTBOX.c.idempotency_key)
    return set((await session.execute(statement, list(rows))).scalars())


async def existing_keys(session: AsyncSession, keys: Iterable[str]) -> set[str]:
    keys = list(keys)
    if not keys:
        return set()
    query = select(OUTBOX.c.idempotency_key).where(OUTBOX.c.idempotency_key.in_(keys))
    return set((await session.execute(query)).scalars())


async def invite_message_ids(session: AsyncSession, pairs: Iterable[tuple[int, int]],
                             ) -> dict[tuple[int, int], list[str]]:
    """The Message-IDs of the invite mails to each (invite, contact), oldest first."""
    pairs = set(pairs)
    if not pairs:
        return {}
    c = OUTBOX.c
    query = (select(c.invite_id, c.person_id, c.message_id)
             .where(c.template == "invite", c.invite_id.in_({i for i, _ in pairs}),
                    c.person_id.in_({p for _, p in pairs}), c.message_id.is_not(None))
             .order_by(c.id))
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for invite_id, person_id, message_id in (await session.execute(query)).all():
        if (invite_id, person_id) in pairs:
            found[(invite_id, person_id)].append(message_id)
    return found
