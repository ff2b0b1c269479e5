"""Waking the workers: arq jobs on Redis, or an in-process loop when Redis is not set.

The wake-up is only a hint: the outbox rows are already committed, and a periodic sweep
finds anything whose wake-up was lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from app.shutdown import STOP_GRACE_SECONDS, finish_or_cancel

log = logging.getLogger("itb.jobs")
DELIVER_EMAIL_JOB = "deliver_email"
# Webhooks in (processing), and out (fan-out and delivery): one job, one fixed id.
RUN_WEBHOOKS_JOB = "run_webhooks"
# How often the reminder scan runs: an arq cron job, or a timer in `serve` without Redis.
REMINDER_SCAN_SECONDS = 300
PERIOD_SCAN_SECONDS = 300  # automatic billing periods (app/use_cases/projects/automatic.py)


class JobQueue(Protocol):
    async def wake_email_delivery(self) -> None: ...
    async def wake_webhooks(self) -> None: ...


class ArqJobQueue:
    """Enqueues `slots` delivery jobs, each draining the outbox over its own connection.

    The job ids are fixed per slot, so waking again while a slot is queued or running adds
    nothing (arq refuses a duplicate id); several workers share the slots between them.
    """

    def __init__(self, redis: Any, slots: int = 4) -> None:
        self.redis = redis
        self.slots = slots

    async def wake_email_delivery(self) -> None:
        for slot in range(self.slots):
            await self.redis.enqueue_job(DELIVER_EMAIL_JOB, _job_id=f"{DELIVER_EMAIL_JOB}:{slot}")

    async def wake_webhooks(self) -> None:
        # One slot: a run drains everything due, and a wake-up during a run is caught by
        # the run's next pass or by the sweep.
        await self.redis.enqueue_job(RUN_WEBHOOKS_JOB, _job_id=RUN_WEBHOOKS_JOB)


class InProcessJobQueue:
    """Runs `work` in a background task when woken, and every `interval` seconds anyway."""

    def __init__(self, work: Callable[[], Awaitable[object]] | None = None,
                 interval: float = 30.0) -> None:
        self.work = work
        self.interval = interval
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self.webhooks: InProcessJobQueue | None = None

    async def wake_email_delivery(self) -> None:
        self._wake.set()

    async def wake_webhooks(self) -> None:
        if self.webhooks is not None:
            await self.webhooks.wake_email_delivery()

    def start_webhooks(self, work: Callable[[], Awaitable[object]]) -> None:
        """Webhook work gets a loop of its own: a slow receiver must not hold up mail."""
        self.webhooks = InProcessJobQueue(interval=self.interval)
        self.webhooks.start(work)

    def start(self, work: Callable[[], Awaitable[object]]) -> None:
        self.work = work
        self._task = asyncio.create_task(self._loop(), name="itb-in-process-jobs")

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """The run under way may finish (for `grace` seconds; delivery ends its runs after
        the message in flight when asked), then the loop is cancelled."""
        if self.webhooks is not None:
            await self.webhooks.stop(grace)
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await finish_or_cancel([self._task], grace)

    async def _loop(self) -> None:
        assert self.work is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
            if self._stopping:
                return
            try:
                await self.work()
            except Exception:  # keep the loop alive; the outbox keeps the work
                log.exception("in-process job failed")


class NoJobQueue:
    """For one-shot commands (CLI): rows wait in the outbox for a running worker."""

    async def wake_email_delivery(self) -> None:
        return None

    async def wake_webhooks(self) -> None:
        return None

