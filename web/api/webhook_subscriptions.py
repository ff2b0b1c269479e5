"""Webhook subscriptions of the administrator's company, their deliveries and replays.

POST/GET /api/webhook-subscriptions, GET/PATCH/DELETE /api/webhook-subscriptions/{id},
GET /api/webhook-subscriptions/{id}/deliveries, POST /api/webhook-deliveries/{id}/replay.
"""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import (
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer, created, read_model
from web.api.resources.webhook_subscriptions import (
    NewSubscriptionRequest,
    SubscriptionPatchRequest,
    WebhookDeliveryAttempt,
    WebhookReplayQueued,
    WebhookSubscription,
    WebhookSubscriptionChange,
    WebhookSubscriptionWithSecret,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes
from webhooks.outbound_docs import OUTGOING_WEBHOOKS

routes = web.RouteTableDef()
BASE = "/api/webhook-subscriptions"


@routes.post(BASE)
async def create_subscription(request: web.Request) -> web.Response:
    body = await read_model(request, NewSubscriptionRequest)
    made = await deps_of(request).webhook_subscriptions.create(admin_of(request), body.to_command())
    return created(WebhookSubscriptionWithSecret.with_secret(made.subscription, made.secret),
                   f"{BASE}/{made.subscription.id}")


@routes.get(BASE)
async def list_subscriptions(request: web.Request) -> web.Response:
    page = page_request(request)
    found = page_of(await deps_of(request).webhook_subscriptions.list_all(admin_of(request)),
                    page, record_id)
    return paged(request, [WebhookSubscription.from_record(subscription)
                           for subscription in found.items], found.next_after)


@routes.get(f"{BASE}/{ID_PATTERN}")
async def get_subscription(request: web.Request) -> web.Response:
    subscription_id = path_id(request, "webhook subscription")
    found = await deps_of(request).webhook_subscriptions.get(admin_of(request), subscription_id)
    return answer(WebhookSubscription.from_record(found))


@routes.patch(f"{BASE}/{ID_PATTERN}")
async def change_subscription(request: web.Request) -> web.Response:
    subscription_id = path_id(request, "webhook subscription")
    body = await read_model(request, SubscriptionPatchRequest)
    changed = await deps_of(request).webhook_subscriptions.change(
        admin_of(request), subscription_id, body.to_changes())
    return answer(WebhookSubscriptionChange.from_change(changed.subscription, changed.secret))


@routes.delete(f"{BASE}/{ID_PATTERN}")
async def delete_subscription(request: web.Request) -> web.Response:
    subscription_id = path_id(request, "webhook subscription")
    await deps_of(request).webhook_subscriptions.delete(admin_of(request), subscription_id)
    return web.Response(status=204)


@routes.get(f"{BASE}/{ID_PATTERN}/deliveries")
async def list_deliveries(request: web.Request) -> web.Response:
    subscription_id = path_id(request, "webhook subscription")
    page = page_request(request)
    attempts = page_of(await deps_of(request).webhook_subscriptions.deliveries(
        admin_of(request), subscription_id), page, record_id, descending=True)
    return paged(request, [WebhookDeliveryAttempt.model_validate(attempt)
                           for attempt in attempts.items], attempts.next_after)


@routes.post(f"/api/webhook-deliveries/{ID_PATTERN}/replay")
async def replay_delivery(request: web.Request) -> web.Response:
    delivery_id = path_id(request, "webhook delivery")
    message_id = await deps_of(request).webhook_subscriptions.replay(admin_of(request), delivery_id)
    return answer(WebhookReplayQueued(message_id=message_id), status=202)


SUBSCRIPTION_ID = id_parameter("id", "The subscription's id.")
TAG = "Webhooks out"

OPENAPI_PATHS = {
    BASE: {
        "post": operation(
            operation_id="createWebhookSubscription", summary="Subscribe a URL to events",
            tag=TAG, body=request_body(
                "NewSubscriptionRequest", "`url`: an absolute http(s) URL whose host is a "
                "public address; a private, loopback, link-local or otherwise internal one "
                "(also inside NAT64, 6to4, IPv4-compatible or IPv4-mapped IPv6, or as what "
                "a name resolves to) answers 422 `url_not_public` unless the operator set "
                "ITB_WEBHOOK_ALLOW_PRIVATE. Every delivery checks again."),
            errors=(400, 413, 422),
            answers={"201": json_answer("The subscription and its signing secret (shown "
                                        "only now).", ref("WebhookSubscriptionWithSecret"),
                                        location=True)}),
        "get": operation(
            operation_id="listWebhookSubscriptions", summary="The company's subscriptions",
            tag=TAG, parameters=PAGE_PARAMETERS,
            answers={"200": json_answer("Oldest first, a page at a time.",
                                        paged_list_of("WebhookSubscription"))}),
    },
    f"{BASE}/{{id}}": {
        "get": operation(
            operation_id="getWebhookSubscription", summary="One subscription", tag=TAG,
            parameters=[SUBSCRIPTION_ID], errors=(404,),
            answers={"200": json_answer("The subscription (without its secret).",
                                        ref("WebhookSubscription"))}),
        "patch": operation(
            operation_id="changeWebhookSubscription",
            summary="Change the URL or event types, pause, resume, or rotate the secret",
            tag=TAG, parameters=[SUBSCRIPTION_ID],
            body=request_body("SubscriptionPatchRequest", "Only the fields given change; "
                              "a new `url` is checked as at creation (422 `url_not_public`)."),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The subscription; `secret` only when rotated.",
                                        ref("WebhookSubscriptionChange"))}),
        "delete": operation(
            operation_id="deleteWebhookSubscription", summary="Delete a subscription",
            tag=TAG, parameters=[SUBSCRIPTION_ID], errors=(404,),
            answers={"204": {"description": "Deleted, with its delivery log; its queued "
                                            "deliveries fail."}}),
    },
    f"{BASE}/{{id}}/deliveries": {
        "get": operation(
            operation_id="listWebhookDeliveries", summary="The subscription's delivery log",
            tag=TAG, parameters=[SUBSCRIPTION_ID, *PAGE_PARAMETERS], errors=(400, 404),
            answers={"200": json_answer("The latest attempts, newest first (at most 100 in "
                                        "all), a page at a time.",
                                        paged_list_of("WebhookDeliveryAttempt"))}),
    },
    "/api/webhook-deliveries/{id}/replay": {
        "post": operation(
            operation_id="replayWebhookDelivery", summary="Send an event again",
            tag=TAG, parameters=[id_parameter("id", "A delivery attempt's id.")],
            errors=(404, 409),
            answers={"202": json_answer("Queued again with fresh retries (409 while it is "
                                        "still queued or the subscription is not active).",
                                        ref("WebhookReplayQueued"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewSubscriptionRequest, SubscriptionPatchRequest)
    app[OPENAPI].add_responses(WebhookSubscriptionWithSecret, WebhookSubscription,
                               WebhookSubscriptionChange, WebhookDeliveryAttempt,
                               WebhookReplayQueued)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
    app[OPENAPI].add_webhooks(OUTGOING_WEBHOOKS)
