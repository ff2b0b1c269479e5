"""Received mail for administrators: GET /admin/inbound, the messages the email bot
received about the company's invites and how each was classified (the raw message is
downloaded from /admin/inbound/{id}/raw)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from web.admin.words import admin_words
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()


@routes.get("/admin/inbound")
@page
async def inbound_list(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    messages = await deps_of(request).inbound_mail.messages(admin)
    return render(request, "inbound.html.j2", messages=messages,
                  **dict[str, Any](admin_words(admin)))


@routes.get(f"/admin/inbound/{ID_PATTERN}/raw")
@page
async def inbound_raw(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    message_id = path_id(request, "received message")
    raw = await deps_of(request).inbound_mail.raw(admin, message_id)
    # An attachment, never shown inline: the message is whatever a stranger sent.
    return web.Response(body=raw, content_type="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="inbound-{message_id}.eml"'})


def register(app: web.Application) -> None:
    add_routes(app, routes)
