"""When a failed webhook delivery is tried again: a fixed schedule over about a day.

Receivers go down for deploys (seconds), incidents (minutes to hours) and weekends; the
schedule covers all three with few requests: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
after the previous attempt (about 27.6 hours in all), then the delivery is dead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SCHEDULE: tuple[timedelta, ...] = (
    timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
    timedelta(hours=5), timedelta(hours=10), timedelta(hours=10),
)
MAX_ATTEMPTS = len(SCHEDULE) + 1  # the first try and one per step of the schedule
# Up to this share of a delay is added at random, so that the deliveries of a burst that
# failed together do not all come back at the same second.
JITTER_SHARE = 0.2


def next_webhook_attempt_at(attempts: int, now: datetime, jitter: float) -> datetime | None:
    """After `attempts` failed tries (1 after the first), when to try again; None: give up.

    `jitter` in [0, 1) lengthens the delay by up to 20 %, never shortens it.
    """
    if attempts >= MAX_ATTEMPTS:
        return None
    delay = SCHEDULE[max(attempts, 1) - 1]
    return now + delay * (1 + JITTER_SHARE * jitter)
