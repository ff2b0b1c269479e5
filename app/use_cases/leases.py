"""Keeping the leases of claimed outbox rows alive while a worker works on them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from store import outbox

log = logging.getLogger("itb.leases")


class LeaseKeeper:
    """While open, renews every HEARTBEAT the leases of the rows not yet released.

    A worker that crashes stops renewing, so its rows are claimable again within
    outbox.LEASE (seconds, not minutes); one that is merely slow (a relay taking its time)
    keeps them, so no other worker sends them a second time.
    """

    def __init__(self, engine: AsyncEngine, clock: Callable[[], datetime],
                 rows: Iterable[Mapping[str, Any]],
                 interval: float = outbox.HEARTBEAT.total_seconds()) -> None:
        self.engine = engine
        self.clock = clock
        self.interval = interval
        self.held = {int(row["id"]): int(row["attempts"]) for row in rows}
        self._task: asyncio.Task[None] | None = None

    def release(self, row_id: int) -> None:
        """The row's outcome is recorded: stop renewing it."""
        self.held.pop(row_id, None)

    async def __aenter__(self) -> LeaseKeeper:
        self._task = asyncio.create_task(self._beat(), name="outbox-lease-heartbeat")
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _beat(self) -> None:
        while self.held:
            await asyncio.sleep(self.interval)
            try:
                async with self.engine.begin() as connection:
                    await outbox.renew_leases(connection, dict(self.held), self.clock())
            except Exception:  # the next beat tries again; the lease has room for it
                log.warning("could not renew outbox leases", exc_info=True)
