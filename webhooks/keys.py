"""Typed keys for everything the HTTP edge keeps on the application and on requests.

One module, so a reader finds every piece of shared state in one place.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from domain.model import Administrator
from webhooks.metrics import MetricsRegistry
from webhooks.openapi import OpenApiRegistry
from webhooks.ports import (
    AnswersService,
    Authenticator,
    ContactAccessService,
    HealthCheck,
    InboundMailService,
    InboundWebhooksService,
    InvitesService,
    InvoicesService,
    MailboxReader,
    OutboxService,
    ProjectsService,
    WebhookSourcesService,
    WebhookSubscriptionsService,
)


@dataclass(frozen=True, kw_only=True)
class HttpDeps:
    """What the application hands to `create_app`.

    Keyword-only, so services added later (invites, answers, mailbox, ...) can be appended
    in any order without breaking the callers that already build it by name.
    """

    authenticator: Authenticator
    health: HealthCheck
    projects: ProjectsService
    base_url: str
    version: str
    invites: InvitesService
    outbox: OutboxService
    # Newest first; the first signs session cookies and form tokens, all verify.
    secret_keys: tuple[str, ...]
    # templates/pages/*.j2 live here (the repository's templates/ folder).
    templates_dir: Path
    # The development mailbox at /dev/mail; None in production (the route answers 404).
    mailbox: MailboxReader | None = None
    # Contacts' answer pages (/a/...) and pages (/c/...); None: those routes answer 404.
    answers: AnswersService | None = None
    contact_access: ContactAccessService | None = None
    # POST /webhooks/<source> and /api/webhook-subscriptions; None: those answer 404.
    inbound_webhooks: InboundWebhooksService | None = None
    webhook_subscriptions: WebhookSubscriptionsService | None = None
    # Invoices (/api/invoices..., the contact's form, the review pages); None: 404.
    invoices: InvoicesService | None = None
    # Mail the email bot received (/api/inbound-messages, /admin/inbound); None: 404.
    inbound_mail: InboundMailService | None = None
    # Inbound webhook sources managed through the API (/api/webhook-sources); None: 404.
    webhook_sources: WebhookSourcesService | None = None
    # Proxies whose X-Forwarded-For is believed (ITB_TRUSTED_PROXIES); none by default.
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()


DEPS = web.AppKey("deps", HttpDeps)
METRICS = web.AppKey("metrics", MetricsRegistry)
OPENAPI = web.AppKey("openapi", OpenApiRegistry)

# Set by the bearer-token middleware on every authenticated /api/ request.
ADMIN = web.RequestKey("admin", Administrator)


def deps_of(request: web.Request) -> HttpDeps:
    """The application's dependencies, seen from a handler."""
    return request.app[DEPS]


def admin_of(request: web.Request) -> Administrator:
    """The administrator the bearer token belongs to (only under /api/)."""
    return request[ADMIN]
