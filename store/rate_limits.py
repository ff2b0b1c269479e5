"""Fixed-window request counters in the database, shared by every web process."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import RateLimitCounter

COUNTERS: Table = RateLimitCounter.__table__


async def hit(session: AsyncSession, bucket: str, window_start: datetime) -> int:
    """Count one request in `bucket`'s window; returns the window's count, this one included.

    One atomic upsert, so concurrent requests in several processes never lose a count.
    Older windows of the bucket are deleted on the way (the table stays small).
    """
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    c = COUNTERS.c
    await session.execute(delete(COUNTERS).where(c.bucket == bucket,
                                                 c.window_start < window_start))
    statement = (dialect.insert(COUNTERS)
                 .values(bucket=bucket, window_start=window_start, hits=1)
                 .on_conflict_do_update(index_elements=[c.bucket, c.window_start],
                                        set_={"hits": c.hits + 1})
                 .returning(c.hits))
    return int((await session.execute(statement)).scalar_one())
