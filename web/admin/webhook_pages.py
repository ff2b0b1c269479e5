"""The administrator's webhook pages: GET/POST /admin/webhooks (subscriptions, subscribing),
GET /admin/webhooks/{id} (the delivery log), POST /admin/webhooks/{id}/status (pause,
resume) and POST /admin/webhook-deliveries/{id}/replay."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.errors import DomainError, NotFound
from domain.model import Administrator
from domain.text_rules import strict_number
from domain.webhooks import EVENT_TYPES, NewSubscription, SubscriptionChanges, SubscriptionStatus
from web.admin.sign_in import see_other
from web.admin.words import admin_words
from web.csrf import checked_form
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.path_params import ID_PATTERN, MAX_ID, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()


async def list_page(request: web.Request, admin: Administrator, *, status: int = 200,
                    error: str | None = None, secret: str | None = None,
                    form_url: str = "", chosen: tuple[str, ...] = ()) -> web.Response:
    subscriptions = await deps_of(request).webhook_subscriptions.list_all(admin)
    return render(request, "webhooks.html.j2", status=status, subscriptions=subscriptions,
                  event_types=EVENT_TYPES, error=error, secret=secret, form_url=form_url,
                  chosen=chosen, **dict[str, Any](admin_words(admin)))


@routes.get("/admin/webhooks")
@page
async def subscriptions(request: web.Request) -> web.StreamResponse:
    return await list_page(request, await require_admin(request))


@routes.post("/admin/webhooks")
@page
async def subscribe(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    chosen = tuple(str(value) for value in form.getall("event_type", []))
    try:
        url = text_field(form, "url", "The URL", max_length=2000)
    except FieldRefused as exc:
        return await list_page(request, admin, status=422, error=exc.message, form_url="",
                               chosen=chosen)
    try:
        made = await deps_of(request).webhook_subscriptions.create(
            admin, NewSubscription(url, chosen))
    except DomainError as exc:
        return await list_page(request, admin, status=domain_status(exc), error=exc.message,
                               form_url=url, chosen=chosen)
    # Shown once, on this answer only (a redirect would have to carry the secret).
    return await list_page(request, admin, status=201, secret=made.secret)


@routes.get(f"/admin/webhooks/{ID_PATTERN}")
@page
async def subscription_log(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    subscription_id = path_id(request, "webhook subscription")
    service = deps_of(request).webhook_subscriptions
    found = await service.get(admin, subscription_id)
    attempts = await service.deliveries(admin, subscription_id)
    return render(request, "webhook.html.j2", subscription=found, attempts=attempts,
                  replayed=query_number(request, "replayed"),
                  error=None, reason=None, **dict[str, Any](admin_words(admin)))


@routes.post(f"/admin/webhooks/{ID_PATTERN}/status")
@page
async def change_status(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    subscription_id = path_id(request, "webhook subscription")
    wanted = str(form.get("status", ""))
    if wanted not in ("active", "paused"):
        raise NotFound("no such status")
    await deps_of(request).webhook_subscriptions.change(admin, subscription_id,
                                   SubscriptionChanges(status=SubscriptionStatus(wanted)))
    return see_other(f"/admin/webhooks/{subscription_id}")


@routes.post(f"/admin/webhook-deliveries/{ID_PATTERN}/replay")
@page
async def replay(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    delivery_id = path_id(request, "webhook delivery")
    back = strict_number(str(form.get("subscription", "")))
    if back is None or not 0 < back <= MAX_ID:
        raise NotFound("no such subscription")
    service = deps_of(request).webhook_subscriptions
    try:
        message_id = await service.replay(admin, delivery_id)
    except NotFound:
        raise
    except DomainError as exc:
        found = await service.get(admin, back)
        return render(request, "webhook.html.j2", status=domain_status(exc),
                      subscription=found, attempts=await service.deliveries(admin, back),
                      replayed=None, error=None, reason=exc.message,
                      **dict[str, Any](admin_words(admin)))
    return see_other(f"/admin/webhooks/{back}?replayed={message_id}")


def register(app: web.Application) -> None:
    add_routes(app, routes)
