"""The arq worker: outbox delivery on demand and on a sweep; reminders and webhooks later."""

from __future__ import annotations

import logging
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker, func

from app.bootstrap import build
from app.jobs import DELIVER_EMAIL_JOB
from app.settings import Settings

log = logging.getLogger("itb.worker")


async def deliver_email(ctx: dict[str, Any]) -> dict[str, int]:
    report = await ctx["container"].delivery.deliver_due()
    if report.sent or report.failed or report.retried:
        log.info("email delivery", extra={"sent": report.sent, "retried": report.retried,
                                          "failed": report.failed})
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed}


async def sweep_outbox(ctx: dict[str, Any]) -> dict[str, int]:
    """Every 30 s: deliver whatever is due, whether or not a wake-up reached us."""
    return await deliver_email(ctx)


def make_worker(settings: Settings, *, burst: bool = False, **options: Any) -> Worker:
    assert settings.redis_url, "the worker needs ITB_REDIS_URL"

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["container"] = await build(settings, connect_redis=True)

    async def shutdown(ctx: dict[str, Any]) -> None:
        if "container" in ctx:
            await ctx["container"].aclose()

    return Worker(
        functions=[func(deliver_email, name=DELIVER_EMAIL_JOB, keep_result=0, max_tries=3)],
        cron_jobs=[cron(sweep_outbox, second={0, 30}, run_at_startup=True,
                        keep_result=0)],
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup, on_shutdown=shutdown, burst=burst, max_jobs=settings.worker_jobs,
        handle_signals=not burst, **options)
