"""Commitments with their SOV lines and invoice contacts.

POST/GET /api/projects/{id}/commitments, GET /api/commitments/{id}.
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
from payloads.requests import NewCommitmentRequest
from web.api.paging import PAGE_PARAMETERS, page_request, paged, paged_list_of
from web.api.request_io import answer, created, read_model
from web.api.resources.commitments import Commitment
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/api/projects/{ID_PATTERN}/commitments")
async def create_commitment(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    body = await read_model(request, NewCommitmentRequest)
    commitment = await deps_of(request).projects.create_commitment(
        admin_of(request), project_id, body.to_command())
    return created(Commitment.from_record(commitment), f"/api/commitments/{commitment.id}")


@routes.get(f"/api/projects/{ID_PATTERN}/commitments")
async def list_commitments(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    page = page_request(request)
    found = await deps_of(request).projects.commitments_page(admin_of(request), project_id,
                                                             page)
    return paged(request, [Commitment.from_record(item) for item in found.items],
                 found.next_after)


@routes.get(f"/api/commitments/{ID_PATTERN}")
async def get_commitment(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    commitment = await deps_of(request).projects.get_commitment(admin_of(request),
                                                                commitment_id)
    return answer(Commitment.from_record(commitment))


OPENAPI_PATHS = {
    "/api/projects/{id}/commitments": {
        "post": operation(
            operation_id="createCommitment", summary="Add a commitment to a project",
            tag="Commitments", parameters=[id_parameter("id", "The project's id.")],
            body=request_body("NewCommitmentRequest", "Unit-based projects give quantity, "
                              "unit and unit_price on every SOV line."),
            errors=(400, 404, 409, 413, 422),
            answers={"201": json_answer("The new commitment, with ids.", ref("Commitment"),
                                        location=True)}),
        "get": operation(
            operation_id="listCommitments", summary="The project's commitments",
            tag="Commitments",
            parameters=[id_parameter("id", "The project's id."), *PAGE_PARAMETERS],
            errors=(400, 404),
            answers={"200": json_answer("The project's commitments in id order, a page at a "
                                        "time.", paged_list_of("Commitment"))}),
    },
    "/api/commitments/{id}": {
        "get": operation(
            operation_id="getCommitment", summary="One commitment", tag="Commitments",
            parameters=[id_parameter("id", "The commitment's id.")], errors=(404,),
            answers={"200": json_answer("The commitment, its SOV lines and invoice contacts.",
                                        ref("Commitment"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewCommitmentRequest)
    app[OPENAPI].add_responses(Commitment)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
