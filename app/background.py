"""Starting and stopping the work a process does besides answering: the in-process
delivery loops (serve without Redis) and the email bot's SMTP server with its processing
loop. The objects come from app/bootstrap.py; this module only runs them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from app.bootstrap import Container, inbound_mail, inbound_server
from app.jobs import PERIOD_SCAN_SECONDS, REMINDER_SCAN_SECONDS, InProcessJobQueue
from app.timers import Every
from app.use_cases.mail_in.service import InboundMail
from mailer.inbound_server import InboundServer

log = logging.getLogger("itb.inbound")


@contextlib.asynccontextmanager
async def in_process_jobs(container: Container) -> AsyncIterator[None]:
    """Mail and webhook delivery in this process, woken by the use cases, until exit
    (nothing to do when the container's jobs go to Redis or nowhere)."""
    jobs = container.jobs
    if not isinstance(jobs, InProcessJobQueue):
        yield
        return
    # Several SMTP connections (ITB_DELIVERY_CONCURRENCY): one process, but while one run
    # waits for the relay or the database, another builds its message.
    connections = container.settings.delivery_concurrency
    jobs.start(lambda: container.delivery.deliver_due_over(connections))
    jobs.start_webhooks(container.webhooks.work.run_due)
    try:
        yield
    finally:
        container.delivery.stop()
        await jobs.stop()


@contextlib.asynccontextmanager
async def in_process_cron(container: Container) -> AsyncIterator[dict[str, Every]]:
    """The arq worker's periodic jobs, for `serve` without Redis: the reminder scan, the
    opening of automatic billing periods and the hourly purge of old received webhooks
    (yielded by name, so that a caller can wait for their runs)."""
    async with (Every(REMINDER_SCAN_SECONDS, container.reminders.scan,
                      "reminder-scan") as reminders,
                Every(PERIOD_SCAN_SECONDS, container.automatic_periods.run,
                      "period-opening") as openings,
                Every(3600, container.webhooks.inbound.purge_expired, "webhook-purge") as purge):
        yield {timer.name: timer for timer in (reminders, openings, purge)}


@contextlib.asynccontextmanager
async def inbound_smtp(container: Container, *, port: int | None = None,
                       inbound: InboundMail | None = None, background: bool = True
                       ) -> AsyncIterator[InboundServer]:
    """The server listening on ITB_INBOUND_HOST/PORT (`port` overrides, 0 picks one), with
    the processing loop running beside it (unless `background` is False: then the caller
    runs `inbound.process_pending`, as tests do to see each step)."""
    inbound = inbound or inbound_mail(container)
    # The in-process loop runs `process_pending` when woken (its method is named for mail
    # delivery, which it was written for) and every 30 s anyway: nothing stored is lost.
    processing = InProcessJobQueue()
    if background:
        processing.start(inbound.process_pending)
        inbound.wake = processing.wake_email_delivery
    server = inbound_server(container, inbound, port)
    try:
        async with server:
            log.info("inbound smtp listening", extra={"port": server.port})
            yield server
    finally:
        await processing.stop()
