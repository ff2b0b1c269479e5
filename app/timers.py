"""A periodic job inside one process: what arq's cron does when there is no Redis (`serve`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType

from app.shutdown import STOP_GRACE_SECONDS, finish_or_cancel

log = logging.getLogger("itb.timers")


class Every:
    """Runs `work` at once, then every `seconds`, in a background task while entered.

    A failed run is logged and the next one comes as usual: the work is idempotent and
    its state is in the database. `completed` counts finished runs (tests wait on it).
    """

    def __init__(self, seconds: float, work: Callable[[], Awaitable[object]], name: str) -> None:
        self.seconds = seconds
        self.work = work
        self.name = name
        self.completed = 0
        self._ran = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def __aenter__(self) -> Every:
        self._task = asyncio.create_task(self._loop(), name=f"itb-every-{self.name}")
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        """A run under way may finish (STOP_GRACE_SECONDS); a timer waiting for its next
        run ends at once."""
        self._stopping.set()
        if self._task is not None:
            await finish_or_cancel([self._task], STOP_GRACE_SECONDS)

    async def wait_for_runs(self, count: int) -> None:
        """Until `count` runs have finished (succeeded or failed)."""
        async with self._ran:
            await self._ran.wait_for(lambda: self.completed >= count)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.work()
            except Exception:
                log.exception("periodic job failed", extra={"job": self.name})
            async with self._ran:
                self.completed += 1
                self._ran.notify_all()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.seconds)
