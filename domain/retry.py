"""When a failed delivery is tried again: exponential backoff with jitter, then dead."""

from __future__ import annotations

from datetime import datetime, timedelta

BASE_SECONDS = 30
CAP_SECONDS = 3600
MAX_ATTEMPTS = 8  # ~30 s, 1 min, 2 min, ... capped at 1 h: about 3.5 hours in all


def next_attempt_at(attempts: int, now: datetime, jitter: float) -> datetime | None:
    """After `attempts` failed tries, when to try again (None: give up, the row is dead).

    `jitter` in [0, 1) spreads retries of a batch that failed together (full jitter on half
    the delay), so a recovering relay is not hit by all of them at once.
    """
    if attempts >= MAX_ATTEMPTS:
        return None
    delay = min(CAP_SECONDS, BASE_SECONDS * 2 ** max(attempts - 1, 0))
    return now + timedelta(seconds=delay / 2 + delay / 2 * jitter)
