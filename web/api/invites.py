"""Invites: send a batch for a billing period, follow it, read statuses and event logs.

POST/GET /api/billing-periods/{id}/invites, GET /api/batches/{id}, GET /api/invites/{id},
POST /api/invites/{id}/revoke-links.
"""

from __future__ import annotations

from aiohttp import web

from domain.model import Channel
from payloads.openapi_parts import (
    JsonObject,
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from web.api.paging import PAGE_PARAMETERS, cursor_after, page_request
from web.api.request_io import answer, read_model
from web.api.resources.invites import (
    Invite,
    InviteBatch,
    InviteBatchProgress,
    PeriodInvites,
    SendInvitesRequest,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/api/billing-periods/{ID_PATTERN}/invites")
async def send_invites(request: web.Request) -> web.Response:
    period_id = path_id(request, "billing period")
    body = await read_model(request, SendInvitesRequest)
    result = await deps_of(request).invites.send(admin_of(request), body.to_command(period_id))
    # 202: the mail goes out in the background; the batch shows how far it got.
    return answer(InviteBatch.model_validate(result), status=202,
                  headers={"Location": f"/api/batches/{result.batch_id}"})


@routes.get(f"/api/billing-periods/{ID_PATTERN}/invites")
async def period_invites(request: web.Request) -> web.Response:
    period_id = path_id(request, "billing period")
    page = page_request(request)
    view = await deps_of(request).invites.period_invites(admin_of(request), period_id,
                                                         page=page)
    return web.json_response(PeriodInvites.json_of(view, cursor_after(request,
                                                                      view.next_after)))


@routes.get(f"/api/batches/{ID_PATTERN}")
async def get_batch(request: web.Request) -> web.Response:
    batch_id = path_id(request, "batch")
    progress = await deps_of(request).invites.batch(admin_of(request), batch_id)
    return answer(InviteBatchProgress.from_record(progress))


@routes.get(f"/api/invites/{ID_PATTERN}")
async def get_invite(request: web.Request) -> web.Response:
    invite_id = path_id(request, "invite")
    record = await deps_of(request).invites.invite(admin_of(request), invite_id)
    return answer(Invite.model_validate(record))


@routes.post(f"/api/invites/{ID_PATTERN}/revoke-links")
async def revoke_links(request: web.Request) -> web.Response:
    invite_id = path_id(request, "invite")
    record = await deps_of(request).invites.revoke_links(admin_of(request), invite_id,
                                                         Channel.API)
    return answer(Invite.model_validate(record))


PERIOD_ID = id_parameter("id", "The billing period's id.")

BATCH_ACCEPTED: JsonObject = {
    **json_answer("The batch: what was queued and which commitments were skipped, and why.",
                  ref("InviteBatch")),
    "headers": {"Location": {"description": "Where to follow the batch: /api/batches/{id}.",
                             "schema": {"type": "string"}}},
}

OPENAPI_PATHS = {
    "/api/billing-periods/{id}/invites": {
        "post": operation(
            operation_id="sendInvites", summary="Invite commitments to bill for the period",
            tag="Invites", parameters=[PERIOD_ID],
            body=request_body("SendInvitesRequest", "Exactly one of `commitment_ids` and "
                              "`all`. Commitments already invited get a fresh copy; answered "
                              "ones only with `resend_answered`."),
            errors=(400, 404, 409, 410, 413, 422),
            answers={"202": BATCH_ACCEPTED}),
        "get": operation(
            operation_id="listPeriodInvites", summary="Every commitment's invite status",
            tag="Invites", parameters=[PERIOD_ID, *PAGE_PARAMETERS], errors=(400, 404),
            answers={"200": json_answer("The period, counts by status (of the whole "
                                        "period), and one item per commitment of the "
                                        "project, in commitment id order, a page at a time.",
                                        ref("PeriodInvites"))}),
    },
    "/api/batches/{id}": {
        "get": operation(
            operation_id="getInviteBatch", summary="How far a batch of invites got",
            tag="Invites", parameters=[id_parameter("id", "The batch's id.")], errors=(404,),
            answers={"200": json_answer("Messages queued, sent and failed.",
                                        ref("InviteBatchProgress"))}),
    },
    "/api/invites/{id}": {
        "get": operation(
            operation_id="getInvite", summary="One invite with its event log", tag="Invites",
            parameters=[id_parameter("id", "The invite's id.")], errors=(404,),
            answers={"200": json_answer("The invite; events oldest first.", ref("Invite"))}),
    },
    "/api/invites/{id}/revoke-links": {
        "post": operation(
            operation_id="revokeInviteLinks", summary="Make the invite's mailed links stop "
            "working", tag="Invites", parameters=[id_parameter("id", "The invite's id.")],
            errors=(404,),
            answers={"200": json_answer(
                "The invite, its log ending with `links_revoked`. Every Yes/No link mailed "
                "so far now answers 403 with a page saying a newer invitation replaced it, "
                "and records nothing; mail sent later (a resend, a reminder) carries new "
                "links. Sending an invite again revokes the earlier links the same way.",
                ref("Invite"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(SendInvitesRequest)
    app[OPENAPI].add_responses(InviteBatch, PeriodInvites, InviteBatchProgress, Invite)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
