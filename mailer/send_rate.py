"""A relay's sending limit: at most N messages per second, spaced evenly.

Providers cap the rate (Amazon SES starts at 14 messages per second) and answer 4xx to
what exceeds it; retrying those costs a round of attempts per refused message. One
`SendRate` is shared by every connection of a process, so its connections together stay
under the limit. Each send takes the next free turn (1/N s after the previous one): a
burst never goes out faster than the limit, not even for its first second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class SendRate:
    def __init__(self, per_second: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        if not per_second > 0:
            raise ValueError("the sending limit must be above zero messages per second")
        self.per_second = per_second
        self.interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next_turn = float("-inf")

    async def wait_turn(self) -> None:
        """Return when this send may start. The turn is taken at once (no await before),
        so concurrent callers on one event loop get distinct turns in call order."""
        now = self._clock()
        turn = max(now, self._next_turn)
        self._next_turn = turn + self.interval
        if turn > now:
            await self._sleep(turn - now)
