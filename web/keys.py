"""Typed keys for everything the HTTP edge keeps on the application and on requests, and
the dependencies it is given.

One module, so a reader finds every piece of shared state in one place.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from app.links import LinkSigner
from app.use_cases.access.service import Access
from app.use_cases.answers.service import Answers
from app.use_cases.commitments.service import Commitments
from app.use_cases.directory.service import Directory
from app.use_cases.health import HealthProbe
from app.use_cases.imports.service import Imports
from app.use_cases.invites.service import Invites
from app.use_cases.invoices.service import Invoices
from app.use_cases.late_requests.service import LateRequests
from app.use_cases.mail_in.received_mail import ReceivedMailAdmin
from app.use_cases.mail_out.service import MailOut
from app.use_cases.pay_applications.service import PayApplications
from app.use_cases.payments.service import Payments
from app.use_cases.projects.service import Projects
from app.use_cases.sub_tiers.service import SubTiers
from app.use_cases.waivers.service import Waivers
from app.use_cases.webhooks_in.receiver import InboundWebhooks
from app.use_cases.webhooks_in.sources import WebhookSources
from app.use_cases.webhooks_out.subscriptions import WebhookSubscriptions
from domain.contacts import SignedInContact
from domain.model import Administrator
from mailer.dev_mailbox_store import DevMailbox
from web.metrics import MetricsRegistry
from web.openapi import OpenApiRegistry
from web.page_renderer import PageRenderer


@dataclass(frozen=True, kw_only=True)
class HttpDeps:
    """The use cases the handlers call, typed by their concrete classes, and the few
    settings the edge reads; app/bootstrap.py builds it."""

    # Administrators' and contacts' sign-in and sessions.
    access: Access
    health: HealthProbe
    projects: Projects
    invites: Invites
    outbox: MailOut
    answers: Answers
    invoices: Invoices
    inbound_mail: ReceivedMailAdmin
    inbound_webhooks: InboundWebhooks
    webhook_subscriptions: WebhookSubscriptions
    webhook_sources: WebhookSources
    # The one signer of the links in mail and pages (app/bootstrap.py builds it).
    links: LinkSigner
    base_url: str
    version: str
    # Newest first; the first signs session cookies and form tokens, all verify.
    secret_keys: tuple[str, ...]
    # templates/pages/*.j2 live here (the repository's templates/ folder).
    templates_dir: Path
    # Late requests, the directory and commitment edits, imports, lien waivers and
    # payments, the pay application and sub-tiers.
    late_requests: LateRequests
    directory: Directory
    commitments: Commitments
    imports: Imports
    waivers: Waivers
    payments: Payments
    pay_applications: PayApplications
    sub_tiers: SubTiers
    # The development mailbox at /dev/mail; None in production (the route answers 404).
    mailbox: DevMailbox | None = None
    # Proxies whose X-Forwarded-For is believed (ITB_TRUSTED_PROXIES); none by default.
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()


DEPS = web.AppKey("deps", HttpDeps)
METRICS = web.AppKey("metrics", MetricsRegistry)
OPENAPI = web.AppKey("openapi", OpenApiRegistry)
# The path prefix of a sub-app (web/app.py), taken off its route modules' full paths.
PREFIX = web.AppKey("prefix", str)
PAGES = web.AppKey("pages.renderer", PageRenderer)
# The answer pages' 400 for a damaged link depends on nothing in the request: made once.
INVALID_LINK_HTML = web.AppKey("pages.invalid_link_html", dict[str, str])

# Set by the bearer-token middleware on every authenticated /api/ request.
ADMIN = web.RequestKey("admin", Administrator)
# Set by the pages' session readers: the signed-in administrator or contact.
PAGE_ADMIN = web.RequestKey("pages.admin", Administrator)
PAGE_CONTACT = web.RequestKey("pages.contact", SignedInContact)
# The client address a request is counted and recorded under (web/client_address.py).
CLIENT_ADDRESS = web.RequestKey("client_address", str)
# A new CSRF seed to set as a cookie on this answer (web/csrf.py).
NEW_SEED = web.RequestKey("csrf.new_seed", str)


def deps_of(request: web.Request) -> HttpDeps:
    """The application's dependencies, seen from a handler.

    They are the root application's (web/app.py sets them there), which aiohttp lists
    first among the matched applications: read there directly, not through
    `config_dict`, which builds a chain of the sub-app and the root (and misses in the
    sub-app first) at every call, several times per request on the answer pages."""
    apps = request.match_info.apps
    if apps and DEPS in apps[0]:
        return apps[0][DEPS]
    return request.config_dict[DEPS]






def admin_of(request: web.Request) -> Administrator:
    """The administrator the bearer token belongs to (only under /api/)."""
    return request[ADMIN]


