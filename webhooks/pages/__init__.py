"""The server-rendered pages: administrators' sign-in, dashboard and records, the
development mailbox, and the contacts' answer pages, sign-in and commitments. Forms work
without JavaScript; sessions are signed cookies.

`register` is the one route group webhooks.http lists for all of them.
"""

from __future__ import annotations

from aiohttp import web

from webhooks.pages import (
    admin,
    answers,
    contact_pages,
    contact_sign_in,
    inbound_pages,
    invoice_files,
    invoice_form,
    invoice_review,
    mailbox,
    project_settings,
    records,
    sign_in,
    static,
    webhook_pages,
)
from webhooks.pages.headers import install_headers
from webhooks.pages.render import install_renderer


def register(app: web.Application) -> None:
    install_renderer(app)
    install_headers(app)
    for group in (static, sign_in, admin, records, mailbox, answers, contact_sign_in,
                  contact_pages, project_settings, webhook_pages, invoice_form, invoice_review,
                  inbound_pages, invoice_files):
        group.register(app)
