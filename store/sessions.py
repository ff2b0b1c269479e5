"""Session versions: what revokes every signed session cookie of a person at once."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables as t


async def bump_session_version(session: AsyncSession, person_id: int) -> None:
    """Void every session cookie issued to `person_id` so far (they carry the old version)."""
    await session.execute(update(t.Person).where(t.Person.id == person_id).values(
        session_version=t.Person.session_version + 1))
