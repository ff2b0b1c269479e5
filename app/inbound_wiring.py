"""Running the email bot in a process: the SMTP front door, and the processing of what it
stores (in this process, woken after each message and swept every 30 s)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from app.bootstrap import Container
from app.jobs import InProcessJobQueue
from app.use_cases.inbound_mail import InboundMail
from mailer.inbound_server import ClientLimits, InboundPorts, InboundServer, SenderRateLimit
from mailer.mail_authentication import MailAuthenticator, dns_txt_lookup

log = logging.getLogger("itb.inbound")


def inbound_mail(container: Container, *,
                 authenticator: MailAuthenticator | None = None) -> InboundMail:
    """The use case; DKIM and DMARC are checked over DNS unless `authenticator` says how."""
    timeout = container.settings.inbound_dns_timeout_seconds
    authenticator = authenticator or MailAuthenticator(dns_txt_lookup(timeout),
                                                       timeout=timeout)
    return InboundMail(container.ctx, container.jobs, container.answers,
                       container.webhooks.bounces, container.contact_access, authenticator)


@contextlib.asynccontextmanager
async def inbound_smtp(container: Container, *, port: int | None = None,
                       inbound: InboundMail | None = None, background: bool = True
                       ) -> AsyncIterator[InboundServer]:
    """The server listening on ITB_INBOUND_HOST/PORT (`port` overrides, 0 picks one), with
    the processing loop running beside it (unless `background` is False: then the caller
    runs `inbound.process_pending`, as tests do to see each step)."""
    settings = container.settings
    inbound = inbound or inbound_mail(container)
    # The in-process loop runs `process_pending` when woken (its method is named for mail
    # delivery, which it was written for) and every 30 s anyway: nothing stored is lost.
    processing = InProcessJobQueue()
    if background:
        processing.start(inbound.process_pending)
        inbound.wake = processing.wake_email_delivery
    ports = InboundPorts(domain=settings.inbound_domain, exists=inbound.exists,
                         store=inbound.store)
    server = InboundServer(
        ports, settings.inbound_host, settings.inbound_port if port is None else port,
        max_bytes=settings.inbound_max_bytes,
        rate_limit=SenderRateLimit(settings.inbound_sender_limit,
                                   settings.inbound_sender_window_seconds),
        client_limits=ClientLimits(settings.inbound_client_limit,
                                   settings.inbound_sender_window_seconds,
                                   settings.inbound_client_connections))
    try:
        async with server:
            log.info("inbound smtp listening", extra={"port": server.port})
            yield server
    finally:
        await processing.stop()
