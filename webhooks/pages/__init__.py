"""The server-rendered pages: administrators' sign-in, dashboard and records, and the
development mailbox. Forms work without JavaScript; sessions are signed cookies.

`register` is the one route group webhooks.http lists for all of them.
"""

from __future__ import annotations

from aiohttp import web

from webhooks.pages import admin, mailbox, records, sign_in, static
from webhooks.pages.headers import install_headers
from webhooks.pages.render import install_renderer


def register(app: web.Application) -> None:
    install_renderer(app)
    install_headers(app)
    for group in (static, sign_in, admin, records, mailbox):
        group.register(app)
