"""Late submission requests: reading one with everything its pages and mail show, opening
one, deciding it, and the invite's own due date once one is granted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from store.tables import (
    BillingPeriod,
    Commitment,
    Company,
    Invite,
    LateRequest,
    Person,
    Project,
)


@dataclass(frozen=True)
class LateRequestFacts:
    id: int
    invite_id: int
    status: str  # open | granted | refused
    reason: str | None
    requested_at: datetime
    requested_by_id: int
    requested_by_name: str
    requested_by_email: str
    decided_at: datetime | None
    decided_by_name: str | None
    days: int | None
    new_due_date: date | None
    company_id: int
    project_name: str
    time_zone: str
    locale: str
    commitment_id: int
    commitment_number: str
    commitment_title: str
    contract_company: str
    period_id: int
    period_start: date
    period_end: date
    period_due_date: date
    period_open: bool


_requester, _decider = aliased(Person), aliased(Person)
_COLUMNS: list[Any] = [
    LateRequest.id, LateRequest.invite_id, LateRequest.status, LateRequest.reason,
    LateRequest.requested_at, _requester.id, _requester.name, _requester.email,
    LateRequest.decided_at, _decider.name, LateRequest.days, LateRequest.new_due_date,
    Project.company_id, Project.name, Project.time_zone, Project.locale,
    Commitment.id, Commitment.number, Commitment.title, Company.name,
    BillingPeriod.id, BillingPeriod.start_date, BillingPeriod.end_date,
    BillingPeriod.due_date, BillingPeriod.status]
_FACTS = (
    select(*_COLUMNS)
    .join(Invite, Invite.id == LateRequest.invite_id)
    .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
    .join(Project, Project.id == BillingPeriod.project_id)
    .join(Commitment, Commitment.id == Invite.commitment_id)
    .join(Company, Company.id == Commitment.contract_company_id)
    .join(_requester, _requester.id == LateRequest.requested_by_id)
    .outerjoin(_decider, _decider.id == LateRequest.decided_by_id))


def _facts(row: tuple[Any, ...]) -> LateRequestFacts:
    values = list(row)
    values[-1] = values[-1] == "open"  # the period's status: is it open
    return LateRequestFacts(*values)


async def request_facts(session: AsyncSession, request_id: int) -> LateRequestFacts | None:
    row = (await session.execute(_FACTS.where(LateRequest.id == request_id))).first()
    return None if row is None else _facts(tuple(row))


async def latest_of_invite(session: AsyncSession, invite_id: int) -> LateRequestFacts | None:
    row = (await session.execute(_FACTS.where(LateRequest.invite_id == invite_id)
                                 .order_by(LateRequest.id.desc()).limit(1))).first()
    return None if row is None else _facts(tuple(row))


async def invite_of(session: AsyncSession, commitment_id: int, period_id: int) -> Invite | None:
    return (await session.execute(select(Invite).where(
        Invite.commitment_id == commitment_id,
        Invite.billing_period_id == period_id))).scalars().first()


async def open_request(session: AsyncSession, invite_id: int, person_id: int,
                       reason: str | None, now: datetime) -> LateRequest:
    """Raises IntegrityError when the invite has an open request already (open_key)."""
    row = LateRequest(invite_id=invite_id, requested_by_id=person_id, reason=reason,
                      status="open", open_key=invite_id, requested_at=now)
    session.add(row)
    await session.flush()
    return row


async def decide(session: AsyncSession, request_id: int, *, status: str, person_id: int,
                 now: datetime, days: int | None = None,
                 new_due_date: date | None = None) -> bool:
    """Close the request if it is still open; False when someone decided it first."""
    result = await session.execute(
        update(LateRequest).where(LateRequest.id == request_id, LateRequest.status == "open")
        .values(status=status, open_key=None, decided_by_id=person_id, decided_at=now,
                days=days, new_due_date=new_due_date))
    return bool(getattr(result, "rowcount", 0))


async def extend_invite(session: AsyncSession, invite_id: int, due: date,
                        now: datetime) -> None:
    await session.execute(update(Invite).where(Invite.id == invite_id)
                          .values(extended_due_date=due, updated_at=now))


async def administrator_ids(session: AsyncSession, company_id: int) -> list[int]:
    query = select(Person.id).where(Person.company_id == company_id,
                                    Person.role == "admin").order_by(Person.id)
    return [int(person_id) for person_id in (await session.execute(query)).scalars()]
