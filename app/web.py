"""Builds the aiohttp application from the container (the HTTP edge never sees app/)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from aiohttp import web

from app.bootstrap import TEMPLATES_DIR, Container
from app.use_cases.inbound_admin import InboundAdmin
from mailer.dev_mailbox import DevMailbox
from webhooks.client_address import parse_networks
from webhooks.http import create_app
from webhooks.keys import HttpDeps


def package_version() -> str:
    try:
        return version("invite-to-bill")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0+unknown"


def build_web_app(container: Container) -> web.Application:
    settings = container.settings
    mailbox = None
    if settings.uses_dev_mailbox and not settings.is_production:
        mailbox = DevMailbox(settings.var_dir / "mailbox")
    deps = HttpDeps(authenticator=container.admins, health=container.health,
                    projects=container.projects, base_url=settings.base_url,
                    version=package_version(), invites=container.invites,
                    outbox=container.outbox, secret_keys=tuple(settings.secret_keys),
                    templates_dir=TEMPLATES_DIR, mailbox=mailbox, answers=container.answers,
                    contact_access=container.contact_access,
                    inbound_webhooks=container.webhooks.inbound,
                    webhook_subscriptions=container.webhooks.subscriptions,
                    webhook_sources=container.webhooks.sources,
                    invoices=container.invoices,
                    inbound_mail=InboundAdmin(container.ctx),
                    trusted_proxies=parse_networks(settings.trusted_proxies))
    return create_app(deps)
