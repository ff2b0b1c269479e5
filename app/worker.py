"""The arq worker: outbox delivery on demand and on a sweep, the reminder scan and the
opening of automatic billing periods every few minutes, webhooks (in and out) on demand and
on a sweep, and the hourly clean-up of old received webhooks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from signal import Signals
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker, func

from app.bootstrap import build
from app.jobs import (
    DELIVER_EMAIL_JOB,
    PERIOD_SCAN_SECONDS,
    REMINDER_SCAN_SECONDS,
    RUN_WEBHOOKS_JOB,
)
from app.settings import Settings
from app.shutdown import STOP_GRACE_SECONDS, finish_or_cancel
from app.use_cases.context import system_clock

log = logging.getLogger("itb.worker")
# The scan costs what is due, so it can run often; reminders go out at most 5 min late.
REMINDER_SCAN_MINUTES = set(range(0, 60, REMINDER_SCAN_SECONDS // 60))
SWEEP_SECONDS = {0, 15, 30, 45}
# A period opens within 5 minutes of local midnight on its start day.
PERIOD_SCAN_MINUTES = set(range(0, 60, PERIOD_SCAN_SECONDS // 60))


async def deliver_email(ctx: dict[str, Any]) -> dict[str, int]:
    report = await ctx["container"].delivery.deliver_due()
    if report.sent or report.failed or report.retried:
        log.info("email delivery", extra={"sent": report.sent, "retried": report.retried,
                                          "failed": report.failed})
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed}


async def sweep_outbox(ctx: dict[str, Any]) -> dict[str, int]:
    """Every 15 s: deliver whatever is due, whether or not a wake-up reached us (also the
    rows of a crashed worker, once their short lease has run out)."""
    return await deliver_email(ctx)


async def scan_reminders(ctx: dict[str, Any]) -> dict[str, int]:
    """Every few minutes: queue the reminders whose hour has come (idempotent, cheap)."""
    run = await ctx["container"].reminders.scan()
    return {"queued": run.queued, "invites": run.invites_seen}


async def open_periods(ctx: dict[str, Any]) -> dict[str, int]:
    """Every few minutes: open the billing periods whose start day has come in their
    project's zone (idempotent: a period that exists is not opened again)."""
    run = await ctx["container"].automatic_periods.run()
    return {"opened": len(run.opened), "projects": run.projects_seen}


async def run_webhooks(ctx: dict[str, Any]) -> dict[str, int]:
    """Process received webhooks, fan events out, deliver to subscribers."""
    run = await ctx["container"].webhooks.work.run_due()
    counts: dict[str, int] = run.as_dict()
    if any(counts.values()):
        log.info("webhooks", extra=counts)
    return counts


async def sweep_webhooks(ctx: dict[str, Any]) -> dict[str, int]:
    """Every 15 s: whatever webhook work is due (retries come due this way)."""
    return await run_webhooks(ctx)


async def purge_received_webhooks(ctx: dict[str, Any]) -> int:
    """Hourly: forget received webhooks older than the retention (a week and a day)."""
    return int(await ctx["container"].webhooks.inbound.purge_expired())


class GracefulWorker(Worker):
    """On SIGTERM (a deploy, a restart) or SIGINT: no new jobs, delivery ends its runs after
    the messages in flight (each marked sent, so none goes twice), and what is still
    running after STOP_GRACE_SECONDS is cancelled (arq's `job_completion_wait`). arq's own
    handler cancels at once: a message the relay had taken but the database not yet marked
    went again from the next worker."""

    def finish_jobs(self) -> None:
        container = self.ctx.get("container")
        if container is not None:
            container.delivery.stop()

    def handle_sig_wait_for_completion(self, signum: Signals) -> None:
        self.finish_jobs()
        super().handle_sig_wait_for_completion(signum)

    async def finish_jobs_within(self, grace: float) -> None:
        """The same for a worker inside `serve`, whose signals `serve` handles: no new
        jobs, `grace` seconds for those under way, then the rest cancelled (arq runs a
        cancelled job again later)."""
        self.finish_jobs()
        self.allow_pick_jobs = False
        await finish_or_cancel(list(self.tasks.values()), grace)


def make_worker(settings: Settings, *, burst: bool = False,
                clock: Callable[[], datetime] = system_clock, **options: Any) -> GracefulWorker:
    """`clock`: the time the jobs see (tests move it instead of waiting for a date)."""
    assert settings.redis_url, "the worker needs ITB_REDIS_URL"

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["container"] = await build(settings, connect_redis=True, clock=clock)

    async def shutdown(ctx: dict[str, Any]) -> None:
        if "container" in ctx:
            await ctx["container"].aclose()

    return GracefulWorker(
        functions=[func(deliver_email, name=DELIVER_EMAIL_JOB, keep_result=0, max_tries=3),
                   func(run_webhooks, name=RUN_WEBHOOKS_JOB, keep_result=0, max_tries=3)],
        # Every 15 s: with the 15 s lease, a crashed worker's mail goes out within ~30 s.
        cron_jobs=[cron(sweep_outbox, second=SWEEP_SECONDS, run_at_startup=True,
                        keep_result=0),
                   # unique (arq's default): one worker of many runs each tick's scan.
                   cron(scan_reminders, minute=REMINDER_SCAN_MINUTES, run_at_startup=True,
                        keep_result=0),
                   cron(open_periods, minute=PERIOD_SCAN_MINUTES, run_at_startup=True,
                        keep_result=0),
                   cron(sweep_webhooks, second={second + 7 for second in SWEEP_SECONDS},
                        run_at_startup=True, keep_result=0),
                   cron(purge_received_webhooks, minute=7, second=0, keep_result=0)],
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup, on_shutdown=shutdown, burst=burst, max_jobs=settings.worker_jobs,
        handle_signals=not burst, job_completion_wait=int(STOP_GRACE_SECONDS), **options)
