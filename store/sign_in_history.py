"""The record of attempts at the administrators' sign-in form, read a company at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.team import SignInAttempt, SignInOutcome
from store.tables import SignInAttempt as Row


async def record(session: AsyncSession, *, at: datetime, email_tried: str,
                 person_id: int | None, company_id: int | None, outcome: SignInOutcome,
                 client_address: str | None, user_agent: str | None) -> None:
    session.add(Row(at=at, email_tried=email_tried, person_id=person_id,
                    company_id=company_id, outcome=outcome.value,
                    client_address=client_address, user_agent=user_agent))


async def company_page(session: AsyncSession, company_id: int, *, before: int | None,
                       limit: int) -> list[SignInAttempt]:
    """The company's attempts newest first, those older than the attempt `before` (an id,
    the page cursor), at most `limit`."""
    query = select(Row).where(Row.company_id == company_id)
    if before is not None:
        query = query.where(Row.id < before)
    rows = (await session.execute(query.order_by(Row.id.desc()).limit(limit))).scalars()
    return [SignInAttempt(id=row.id or 0, at=row.at, email_tried=row.email_tried,
                          outcome=SignInOutcome(row.outcome),
                          client_address=row.client_address, user_agent=row.user_agent)
            for row in rows]
