"""Recording an attempt at the administrators' sign-in form."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.team import MAX_USER_AGENT, SignInOutcome, email_for_history
from store import sign_in_history
from store.tables import Person


async def record_attempt(session: AsyncSession, *, now: datetime, typed_email: str,
                         person: Person | None, outcome: SignInOutcome,
                         client_ip: str | None, user_agent: str | None) -> None:
    """The attempt, under the company of the administrator the address belongs to (an
    unknown address is kept under none: no company sees it). Never the password."""
    await sign_in_history.record(
        session, at=now, email_tried=email_for_history(typed_email),
        person_id=person.id if person is not None else None,
        company_id=person.company_id if person is not None else None, outcome=outcome,
        client_address=client_ip[:64] if client_ip else None,
        user_agent=user_agent[:MAX_USER_AGENT] if user_agent else None)
