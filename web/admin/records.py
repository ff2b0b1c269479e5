"""What happened to invites and mail: GET /admin/invites/{id} (its event log) with
POST /admin/invites/{id}/revoke-links, and GET /admin/outbox with
POST /admin/outbox/{id}/retry (undelivered mail)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.errors import DomainError, NotFound
from domain.model import Administrator, Channel
from web.admin.sign_in import see_other
from web.admin.words import admin_words, project_words
from web.csrf import checked_form
from web.errors import domain_status
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()


@routes.get(f"/admin/invites/{ID_PATTERN}")
@page
async def invite_log(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    invite = await deps.invites.invite(admin, path_id(request, "invite"))
    period = await deps.projects.get_period(admin, invite.billing_period_id)
    project = await deps.projects.get_project(admin, period.project_id)
    return render(request, "invite.html.j2", invite=invite, period=period, project=project,
                  revoked=request.query.get("revoked") == "1",
                  **dict[str, Any](project_words(project)))


@routes.post(f"/admin/invites/{ID_PATTERN}/revoke-links")
@page
async def revoke_links(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    invite_id = path_id(request, "invite")
    await deps_of(request).invites.revoke_links(admin, invite_id, Channel.DASHBOARD)
    return see_other(f"/admin/invites/{invite_id}?revoked=1")


async def outbox_page(request: web.Request, admin: Administrator, *, status: int = 200,
                      failed: int | None = None, reason: str = "") -> web.Response:
    """`failed`: the message a retry was refused for, `reason` the domain's words why."""
    messages = await deps_of(request).outbox.undelivered(admin)
    return render(request, "outbox.html.j2", status=status, messages=messages,
                  failed=failed, reason=reason,
                  retried=query_number(request, "retried"),
                  **dict[str, Any](admin_words(admin)))


@routes.get("/admin/outbox")
@page
async def outbox(request: web.Request) -> web.StreamResponse:
    return await outbox_page(request, await require_admin(request))


@routes.post(f"/admin/outbox/{ID_PATTERN}/retry")
@page
async def retry(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    message_id = path_id(request, "message")
    try:
        await deps_of(request).outbox.retry(admin, message_id)
    except NotFound:
        raise
    except DomainError as exc:  # e.g. the address bounced: retrying would only fail again
        return await outbox_page(request, admin, status=domain_status(exc),
                                 failed=message_id, reason=exc.message)
    return see_other(f"/admin/outbox?retried={message_id}")


def register(app: web.Application) -> None:
    add_routes(app, routes)
