"""The composition root: builds the object graph from settings. Tests call it too."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import templates
from app.jobs import ArqJobQueue, InProcessJobQueue, JobQueue, NoJobQueue
from app.mail_catalog import default_mail_contexts
from app.settings import Settings
from app.use_cases.admins import Admins
from app.use_cases.answers import Answers
from app.use_cases.contact_access import ContactAccess
from app.use_cases.context import UseCaseContext, system_clock
from app.use_cases.delivery import EmailDelivery
from app.use_cases.health import HealthProbe
from app.use_cases.invites import Invites
from app.use_cases.invoices import Invoices
from app.use_cases.outbox_admin import OutboxAdmin
from app.use_cases.projects import Projects
from app.use_cases.reminders import Reminders
from app.webhooks_wiring import Webhooks, build_webhooks
from mailer.render import MailRenderer
from mailer.smtp_relay import SmtpRelay
from store.engine import create_engine, session_factory
from webhooks.links import LinkSigner

TEMPLATES_DIR = Path(templates.__file__).parent


@dataclass
class Container:
    """Every long-lived object of one process."""

    settings: Settings
    ctx: UseCaseContext
    jobs: JobQueue
    signer: LinkSigner
    admins: Admins
    projects: Projects
    invites: Invites
    delivery: EmailDelivery
    outbox: OutboxAdmin
    health: HealthProbe
    answers: Answers
    contact_access: ContactAccess
    reminders: Reminders
    webhooks: Webhooks
    invoices: Invoices
    redis: Any | None = None

    async def aclose(self) -> None:
        if isinstance(self.jobs, InProcessJobQueue):
            await self.jobs.stop()
        if self.redis is not None:
            await self.redis.aclose()
        await self.ctx.engine.dispose()


def relay_factory(settings: Settings) -> Callable[[], SmtpRelay]:
    """A new relay (one connection) per delivery run; the dev mailbox when none is set."""
    hostname = socket.gethostname()
    if settings.smtp_url:
        url = settings.smtp_url
        return lambda: SmtpRelay.from_url(url, local_hostname=hostname)
    port = settings.dev_mailbox_port
    return lambda: SmtpRelay("127.0.0.1", port, local_hostname=hostname)


async def build(settings: Settings, *, clock: Callable[[], datetime] = system_clock,
                connect_redis: bool = True, in_process_jobs: bool = False) -> Container:
    """`in_process_jobs`: run deliveries in this process (serve without Redis, tests)."""
    engine = create_engine(settings.database_url)
    ctx = UseCaseContext(settings=settings, engine=engine, sessions=session_factory(engine),
                         clock=clock)
    redis = await _redis_pool(settings) if connect_redis and settings.redis_url else None
    jobs: JobQueue
    if redis is not None:
        jobs = ArqJobQueue(redis, settings.delivery_concurrency)
    elif in_process_jobs:
        jobs = InProcessJobQueue()
    else:
        jobs = NoJobQueue()
    signer = LinkSigner(settings.secret_keys)
    delivery = EmailDelivery(ctx, MailRenderer(TEMPLATES_DIR), relay_factory(settings),
                             default_mail_contexts(settings, signer))
    projects, invites = Projects(ctx), Invites(ctx, jobs)
    container = Container(
        settings=settings, ctx=ctx, jobs=jobs, signer=signer, admins=Admins(ctx),
        projects=projects, invites=invites, delivery=delivery,
        outbox=OutboxAdmin(ctx, jobs),
        health=HealthProbe(ctx, redis), answers=Answers(ctx, jobs),
        contact_access=ContactAccess(ctx, jobs, signer), reminders=Reminders(ctx, jobs),
        webhooks=build_webhooks(ctx, jobs, projects, invites),
        invoices=Invoices(ctx, jobs), redis=redis)
    if isinstance(jobs, InProcessJobQueue):
        jobs.start(delivery.deliver_due)
        jobs.start_webhooks(container.webhooks.work.run_due)
    return container


async def _redis_pool(settings: Settings) -> Any:
    from arq import create_pool
    from arq.connections import RedisSettings

    assert settings.redis_url is not None
    return await create_pool(RedisSettings.from_dsn(settings.redis_url))
