"""The composition root: the only place that builds the object graph from settings (the
process runners, the CLI and the tests call it). Nothing here starts background work:
app/background.py runs it.

Like cosmicpython's bootstrap(), the parts that reach outside (the SMTP relay, the webhook
poster, the clock) are injectable; by default they come from the settings.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from aiohttp import web

import templates
from app.jobs import ArqJobQueue, InProcessJobQueue, JobQueue, NoJobQueue
from app.links import LinkSigner
from app.settings import Settings
from app.use_cases.access.service import Access
from app.use_cases.answers.service import Answers
from app.use_cases.commitments.service import Commitments
from app.use_cases.context import SharedSettings, UseCaseContext, system_clock
from app.use_cases.directory.service import Directory
from app.use_cases.health import HealthProbe
from app.use_cases.imports.service import Imports
from app.use_cases.invites.service import Invites
from app.use_cases.invoices.service import AttachmentRules, Invoices
from app.use_cases.late_requests.service import LateRequests
from app.use_cases.mail_in.bounces import Bounces
from app.use_cases.mail_in.received_mail import ReceivedMailAdmin
from app.use_cases.mail_in.service import InboundMail
from app.use_cases.mail_out.catalog import default_mail_contexts
from app.use_cases.mail_out.service import MailOut
from app.use_cases.pay_applications.service import PayApplications
from app.use_cases.payments.service import Payments
from app.use_cases.projects.automatic import AutomaticPeriods
from app.use_cases.projects.service import Projects
from app.use_cases.reminders.service import Reminders
from app.use_cases.sub_tiers.service import SubTiers
from app.use_cases.waivers.service import Waivers
from app.use_cases.webhook_work import WebhookWork
from app.use_cases.webhooks_in.commands import WebhookCommands
from app.use_cases.webhooks_in.commitment_sync import CommitmentSync
from app.use_cases.webhooks_in.processing import WebhookEventProcessing
from app.use_cases.webhooks_in.receiver import InboundWebhooks
from app.use_cases.webhooks_in.sources import WebhookSources
from app.use_cases.webhooks_out.delivery import WebhookDelivery
from app.use_cases.webhooks_out.fanout import EventFanOut
from app.use_cases.webhooks_out.subscriptions import WebhookSubscriptions
from mailer.dev_mailbox import DevMailboxServer
from mailer.dev_mailbox_store import DevMailbox
from mailer.inbound_server import ClientLimits, InboundPorts, InboundServer, SenderRateLimit
from mailer.mail_authentication import MailAuthenticator, dns_txt_lookup
from mailer.render import MailRenderer
from mailer.send_rate import SendRate
from mailer.smtp_relay import SmtpRelay
from store.engine import create_engine, session_factory
from web.app import create_app
from web.client_address import parse_networks
from web.keys import HttpDeps
from webhooks.outbound_http import WebhookPoster

TEMPLATES_DIR = Path(templates.__file__).parent


@dataclass
class Webhooks:
    inbound: InboundWebhooks
    subscriptions: WebhookSubscriptions
    sources: WebhookSources
    bounces: Bounces
    # The worker's job: process received events, fan out events, deliver webhooks.
    work: WebhookWork


@dataclass
class Container:
    """Every long-lived object of one process."""

    settings: Settings
    ctx: UseCaseContext
    jobs: JobQueue
    signer: LinkSigner
    access: Access
    projects: Projects
    invites: Invites
    delivery: MailOut  # the outbox's delivery, and undelivered mail for administrators
    health: HealthProbe
    answers: Answers
    reminders: Reminders
    webhooks: Webhooks
    invoices: Invoices
    inbound_admin: ReceivedMailAdmin
    late_requests: LateRequests
    # The scheduler's automatic billing periods (a cron job; a timer inside `serve`).
    automatic_periods: AutomaticPeriods
    directory: Directory
    commitments: Commitments
    imports: Imports
    waivers: Waivers
    payments: Payments
    redis: Any | None = None
    pay_applications: PayApplications | None = None
    sub_tiers: SubTiers | None = None

    async def aclose(self) -> None:
        if isinstance(self.jobs, InProcessJobQueue):
            await self.jobs.stop()  # a no-op unless app/background.py left it running
        if self.redis is not None:
            await self.redis.aclose()
        await self.ctx.engine.dispose()


def package_version() -> str:
    try:
        return version("invite-to-bill")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0+unknown"


def relay_factory(settings: Settings) -> Callable[[], SmtpRelay]:
    """A new relay (one connection) per delivery run; the dev mailbox when none is set."""
    hostname = socket.gethostname()
    # One limit for all of this process's connections (ITB_SMTP_MAX_PER_SECOND).
    rate = SendRate(settings.smtp_max_per_second) if settings.smtp_max_per_second else None
    if settings.smtp_url:
        url = settings.smtp_url
        return lambda: SmtpRelay.from_url(url, local_hostname=hostname, rate=rate)
    port = settings.dev_mailbox_port
    return lambda: SmtpRelay("127.0.0.1", port, local_hostname=hostname, rate=rate)


def poster_factory(settings: Settings) -> Callable[[], WebhookPoster]:
    """A new poster per delivery run, naming our real version in its User-Agent."""
    allow_private = settings.webhook_allow_private
    user_agent = f"invite-to-bill-webhooks/{package_version()}"
    return lambda: WebhookPoster(allow_private=allow_private, user_agent=user_agent)


async def build(settings: Settings, *, clock: Callable[[], datetime] = system_clock,
                relay: Callable[[], SmtpRelay] | None = None,
                poster: Callable[[], WebhookPoster] | None = None,
                connect_redis: bool = True, in_process_jobs: bool = False) -> Container:
    """`in_process_jobs`: deliveries run in this process (serve without Redis, tests), once
    app/background.py starts them. `relay` and `poster` make the connections out (default:
    from the settings)."""
    engine = create_engine(settings.database_url)
    shared = SharedSettings(inbound_domain=settings.inbound_domain, base_url=settings.base_url,
                            secret_keys=tuple(settings.secret_keys))
    ctx = UseCaseContext(settings=shared, engine=engine, sessions=session_factory(engine),
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
    delivery = MailOut(ctx, jobs, MailRenderer(TEMPLATES_DIR), relay or relay_factory(settings),
                             default_mail_contexts(shared, signer), settings.mail_from)
    projects, invites = Projects(ctx), Invites(ctx, jobs)
    invoices = Invoices(ctx, jobs, AttachmentRules(
        max_bytes=settings.attachment_max_bytes, types=tuple(settings.attachment_types),
        folder=settings.var_dir / "attachments"))
    payments = Payments(ctx, jobs, invoices)
    return Container(
        settings=settings, ctx=ctx, jobs=jobs, signer=signer, access=Access(ctx, jobs, signer),
        projects=projects, invites=invites, delivery=delivery,
        health=HealthProbe(ctx, redis), answers=Answers(ctx, jobs),
        reminders=Reminders(ctx, jobs),
        webhooks=_webhooks(ctx, jobs, projects, invites, settings,
                           poster or poster_factory(settings), payments),
        invoices=invoices,
        inbound_admin=ReceivedMailAdmin(ctx),
        late_requests=LateRequests(ctx, jobs, signer), redis=redis,
        automatic_periods=AutomaticPeriods(ctx, jobs, invites.send),
        directory=Directory(ctx, jobs), commitments=Commitments(ctx), imports=Imports(ctx),
        waivers=Waivers(ctx, jobs), payments=payments,
        pay_applications=PayApplications(ctx, settings.var_dir / "attachments"),
        sub_tiers=SubTiers(ctx))


def _webhooks(ctx: UseCaseContext, jobs: JobQueue, projects: Projects, invites: Invites,
              settings: Settings, poster: Callable[[], WebhookPoster],
              payments: Payments | None = None) -> Webhooks:
    configured_sources = frozenset(settings.webhook_secrets)
    bounces = Bounces(ctx, jobs)
    commands = WebhookCommands(ctx, projects, invites, CommitmentSync(ctx), bounces, payments)
    work = WebhookWork(WebhookEventProcessing(ctx, commands, configured_sources), EventFanOut(ctx),
                       WebhookDelivery(ctx, jobs, poster))
    return Webhooks(inbound=InboundWebhooks(ctx, jobs, dict(settings.webhook_secrets)),
                    subscriptions=WebhookSubscriptions(
                        ctx, jobs, allow_private=settings.webhook_allow_private),
                    sources=WebhookSources(ctx, configured_sources), bounces=bounces, work=work)


def build_web_app(container: Container) -> web.Application:
    """The aiohttp application (web/), handed the use cases it calls."""
    settings = container.settings
    mailbox = None
    if settings.uses_dev_mailbox and not settings.is_production:
        mailbox = DevMailbox(settings.var_dir / "mailbox")
    return create_app(HttpDeps(
        access=container.access, health=container.health,
        projects=container.projects, invites=container.invites, outbox=container.delivery,
        answers=container.answers,
        invoices=container.invoices, inbound_mail=container.inbound_admin,
        late_requests=container.late_requests,
        inbound_webhooks=container.webhooks.inbound,
        webhook_subscriptions=container.webhooks.subscriptions,
        webhook_sources=container.webhooks.sources,
        links=container.signer, base_url=settings.base_url, version=package_version(),
        secret_keys=tuple(settings.secret_keys), templates_dir=TEMPLATES_DIR,
        mailbox=mailbox, trusted_proxies=parse_networks(settings.trusted_proxies),
        directory=container.directory, commitments=container.commitments,
        imports=container.imports,
        waivers=container.waivers, payments=container.payments,
        pay_applications=container.pay_applications, sub_tiers=container.sub_tiers))


def inbound_mail(container: Container, *,
                 authenticator: MailAuthenticator | None = None) -> InboundMail:
    """The email bot's use case; DKIM and DMARC are checked over DNS unless
    `authenticator` says how."""
    timeout = container.settings.inbound_dns_timeout_seconds
    authenticator = authenticator or MailAuthenticator(dns_txt_lookup(timeout),
                                                       timeout=timeout)
    return InboundMail(container.ctx, container.jobs, container.answers,
                       container.webhooks.bounces, container.access, authenticator)


def inbound_server(container: Container, inbound: InboundMail,
                   port: int | None = None) -> InboundServer:
    """The SMTP front door on ITB_INBOUND_HOST/PORT (`port` overrides, 0 picks one)."""
    settings = container.settings
    ports = InboundPorts(domain=settings.inbound_domain, exists=inbound.exists,
                         store=inbound.store)
    return InboundServer(
        ports, settings.inbound_host, settings.inbound_port if port is None else port,
        max_bytes=settings.inbound_max_bytes,
        rate_limit=SenderRateLimit(settings.inbound_sender_limit,
                                   settings.inbound_sender_window_seconds),
        client_limits=ClientLimits(settings.inbound_client_limit,
                                   settings.inbound_sender_window_seconds,
                                   settings.inbound_client_connections))


def dev_mailbox_server(settings: Settings) -> DevMailboxServer:
    """The embedded development mailbox `serve` relays to when no SMTP URL is set."""
    return DevMailboxServer(settings.var_dir / "mailbox", "127.0.0.1", settings.dev_mailbox_port)


async def _redis_pool(settings: Settings) -> Any:
    from arq import create_pool
    from arq.connections import RedisSettings

    assert settings.redis_url is not None
    return await create_pool(RedisSettings.from_dsn(settings.redis_url))
