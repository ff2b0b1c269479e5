"""Queries for invites: the state of a period's commitments, batch writes, the event log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import InviteEventRecord, InviteStatus
from store import mapping, tables

SENT_INVOICE_STATUSES = ("under_review", "approved", "approved_as_noted",
                         "pending_owner_approval", "paid")


@dataclass(frozen=True)
class CommitmentState:
    """What the batch rule needs to know of one commitment in one period."""

    commitment_id: int
    invite_id: int | None
    status: InviteStatus
    contact_ids: tuple[int, ...]
    deliverable_ids: tuple[int, ...]
    invoice_sent: bool


def ids_of_company(company_id: int) -> Select[Any]:
    """The ids of the invites whose project belongs to the company (a subquery that scopes
    outbox rows and received mail to one company)."""
    query: Select[Any] = (
        select(tables.Invite.id)
        .join(tables.BillingPeriod, tables.BillingPeriod.id == tables.Invite.billing_period_id)
        .join(tables.Project, tables.Project.id == tables.BillingPeriod.project_id)
        .where(tables.Project.company_id == company_id))
    return query


async def commitment_ids_of(session: AsyncSession, project_id: int) -> list[int]:
    query = select(tables.Commitment.id).where(tables.Commitment.project_id == project_id)
    return list((await session.execute(query.order_by(tables.Commitment.id))).scalars())


async def states(session: AsyncSession, period_id: int,
                 commitment_ids: Sequence[int]) -> dict[int, CommitmentState]:
    """One query per concern, whatever the number of commitments."""
    ids = list(commitment_ids)
    invites = {row.commitment_id: row for row in (await session.execute(
        select(tables.Invite.commitment_id, tables.Invite.id, tables.Invite.status).where(
            tables.Invite.billing_period_id == period_id,
            tables.Invite.commitment_id.in_(ids)))).all()}
    contacts: dict[int, list[tuple[int, bool]]] = {cid: [] for cid in ids}
    for commitment_id, person_id, deliverable in (await session.execute(
            select(tables.InvoiceContact.commitment_id, tables.Person.id, tables.Person.deliverable)
            .join(tables.Person, tables.Person.id == tables.InvoiceContact.person_id)
            .where(tables.InvoiceContact.commitment_id.in_(ids))
            .order_by(tables.InvoiceContact.id))).all():
        contacts[commitment_id].append((person_id, deliverable))
    sent = await commitments_with_sent_invoice(session, period_id, ids)
    result = {}
    for cid in ids:
        invite = invites.get(cid)
        people = contacts[cid]
        result[cid] = CommitmentState(
            commitment_id=cid, invite_id=invite.id if invite else None,
            status=InviteStatus(invite.status) if invite else InviteStatus.NOT_INVITED,
            contact_ids=tuple(pid for pid, _ in people),
            deliverable_ids=tuple(pid for pid, ok in people if ok), invoice_sent=cid in sent)
    return result


async def insert_invites(session: AsyncSession, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Insert new invites in bulk; returns commitment id -> invite id."""
    if not rows:
        return {}
    table = tables.Invite.__table__
    result = await session.execute(
        insert(table).returning(table.c.commitment_id, table.c.id), rows)
    return {commitment_id: invite_id for commitment_id, invite_id in result.all()}


async def reinvite(session: AsyncSession, invite_ids: list[int], admin_id: int,
                   now: datetime, invoice_type: str | None = None) -> None:
    """Invite again: a new token version, so the links of every earlier mail stop working
    (the new mail, rendered from the outbox, carries the new version). `invoice_type`, when
    given, replaces the invite's (a resend may ask for another kind of invoice)."""
    if invite_ids:
        kind = {} if invoice_type is None else {"invoice_type": invoice_type}
        await session.execute(update(tables.Invite).where(tables.Invite.id.in_(invite_ids)).values(
            status=InviteStatus.INVITED.value, invited_by_id=admin_id, invited_at=now,
            token_version=tables.Invite.token_version + 1, updated_at=now, **kind))


async def revoke_links(session: AsyncSession, invite_id: int, now: datetime) -> int:
    """A new token version for the invite: every Yes/No link mailed so far stops working.
    Returns the new version."""
    result = await session.execute(
        update(tables.Invite).where(tables.Invite.id == invite_id)
        .values(token_version=tables.Invite.token_version + 1, updated_at=now)
        .returning(tables.Invite.token_version))
    return int(result.scalar_one())


async def add_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        # The Core table, not the mapped class: bulk inserts of thousands stay cheap.
        await session.execute(insert(tables.InviteEvent.__table__), rows)


async def commitments_with_sent_invoice(session: AsyncSession, period_id: int,
                                        commitment_ids: Sequence[int] | None = None,
                                        ) -> set[int]:
    """The commitments (of `commitment_ids`, or all) that sent the period's invoice."""
    if commitment_ids is not None:
        # By (commitment, period), at most one invoice each, the status checked here: with
        # the status in the statement SQLite (without statistics) read every sent invoice
        # of the period through (period, status), a cost that grew with the period.
        rows = await session.execute(
            select(tables.Invoice.commitment_id, tables.Invoice.status).where(
                tables.Invoice.commitment_id.in_(list(commitment_ids)),
                tables.Invoice.billing_period_id == period_id))
        return {commitment_id for commitment_id, status in rows.all()
                if status in SENT_INVOICE_STATUSES}
    query = select(tables.Invoice.commitment_id).where(
        tables.Invoice.billing_period_id == period_id,
        tables.Invoice.status.in_(SENT_INVOICE_STATUSES))
    return set((await session.execute(query)).scalars())


async def invite_row(session: AsyncSession, invite_id: int) -> tables.Invite | None:
    return await session.get(tables.Invite, invite_id)


async def invited_commitment_ids(session: AsyncSession, period_id: int) -> set[int]:
    query = select(tables.Invite.commitment_id).where(tables.Invite.billing_period_id == period_id)
    return set((await session.execute(query)).scalars())


async def invite_rows_of_period(session: AsyncSession, period_id: int,
                                commitment_ids: Sequence[int] | None = None,
                                ) -> dict[int, tables.Invite]:
    """The period's invites (of `commitment_ids`, or all) by commitment id."""
    query = select(tables.Invite).where(tables.Invite.billing_period_id == period_id)
    if commitment_ids is not None:
        query = query.where(tables.Invite.commitment_id.in_(list(commitment_ids)))
    return {row.commitment_id: row for row in (await session.execute(query)).scalars()}


async def event_log(session: AsyncSession, invite_id: int) -> tuple[InviteEventRecord, ...]:
    """The invite's events in order, with the name of the person of each."""
    rows = (await session.execute(
        select(tables.InviteEvent, tables.Person.name)
        .outerjoin(tables.Person, tables.Person.id == tables.InviteEvent.person_id)
        .where(tables.InviteEvent.invite_id == invite_id)
        .order_by(tables.InviteEvent.at, tables.InviteEvent.id))).all()
    return tuple(mapping.invite_event(event, name) for event, name in rows)


async def add_event(session: AsyncSession, *, invite_id: int, kind: str,
                    person_id: int | None, channel: str, at: datetime,
                    detail: dict[str, Any]) -> None:
    """One entry in the invite's log (for many at once, `add_events`)."""
    session.add(tables.InviteEvent(invite_id=invite_id, kind=kind, person_id=person_id,
                                   channel=channel, at=at, detail=detail))


async def add_batch(session: AsyncSession, *, period_id: int, admin_id: int, channel: str,
                    now: datetime) -> tables.InviteBatch:
    """A new batch row (with its id); the caller fills in its outcome in the transaction."""
    batch = tables.InviteBatch(billing_period_id=period_id, requested_by_id=admin_id,
                               channel=channel, created_at=now)
    session.add(batch)
    await session.flush()
    return batch


async def batch_row(session: AsyncSession, batch_id: int) -> tables.InviteBatch | None:
    return await session.get(tables.InviteBatch, batch_id)


async def companies_of_invites(session: AsyncSession,
                               invite_ids: Iterable[int]) -> dict[int, int]:
    """invite id -> the id of the company that owns the invite's project."""
    query = (select(tables.Invite.id, tables.Project.company_id)
             .join(tables.BillingPeriod,
                   tables.BillingPeriod.id == tables.Invite.billing_period_id)
             .join(tables.Project, tables.Project.id == tables.BillingPeriod.project_id)
             .where(tables.Invite.id.in_(list(set(invite_ids)))))
    return {invite_id: company_id for invite_id, company_id in
            (await session.execute(query)).all()}


async def invoice_type_of(session: AsyncSession, commitment_id: int,
                          period_id: int) -> str | None:
    """The invoice type of the commitment's invite for the period; None when not invited."""
    query = select(tables.Invite.invoice_type).where(
        tables.Invite.commitment_id == commitment_id,
        tables.Invite.billing_period_id == period_id)
    return (await session.execute(query)).scalar_one_or_none()
