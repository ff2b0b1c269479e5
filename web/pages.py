"""The server-rendered pages: the administrator's (web/admin/), the contact's
(web/contact/), the answer pages behind the mail's links, the development mailbox and the
static files. Forms work without JavaScript; sessions are signed cookies.

`register` is the one route group web/app.py lists for all of them.
"""

from __future__ import annotations

from aiohttp import web

from web import admin, answer_pages, contact, mailbox, static
from web.headers import install_headers
from web.render import install_renderer


def register(app: web.Application) -> None:
    install_renderer(app)
    install_headers(app)
    for group in (static, admin, mailbox, answer_pages, contact):
        group.register(app)
