"""Fixed-window rate limits counted in the database (shared by every web process)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from domain.contacts import RateLimit
from store import rate_limits


async def wait_for(session: AsyncSession, bucket: str, limit: RateLimit,
                   now: datetime) -> timedelta:
    """Count a request in `bucket`; how long to wait when it is over the limit (zero
    otherwise)."""
    hits = await rate_limits.hit(session, bucket, limit.window_start(now))
    return limit.retry_after(now) if hits > limit.limit else timedelta(0)
