"""Commitments with their SOV lines and invoice contacts.

POST/GET /api/projects/{id}/commitments, GET/PATCH /api/commitments/{id},
POST /api/commitments/{id}/contacts, DELETE /api/commitments/{id}/contacts/{person_id},
PUT /api/commitments/{id}/sov-lines, POST /api/commitments/{id}/close.
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
from web.api.resources.commitments import (
    Commitment,
    CommitmentPatchRequest,
    NewInvoiceContactRequest,
    SovLinesPutRequest,
)
from web.errors import ApiError
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


@routes.patch(f"/api/commitments/{ID_PATTERN}")
async def change_commitment(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, CommitmentPatchRequest)
    commitment = await deps_of(request).commitments.change(admin_of(request), commitment_id,
                                                      body.to_changes())
    return answer(Commitment.from_record(commitment))


@routes.post(f"/api/commitments/{ID_PATTERN}/contacts")
async def add_contact(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, NewInvoiceContactRequest)
    if (body.person_id is None) == (body.email is None):
        raise ApiError(422, "invalid_input", "give either person_id, or name and email")
    commitment = await deps_of(request).commitments.add_contact(
        admin_of(request), commitment_id, person_id=body.person_id, contact=body.to_contact())
    return answer(Commitment.from_record(commitment))


@routes.delete(f"/api/commitments/{ID_PATTERN}/contacts/{{person_id:[^/]{{1,40}}}}")
async def remove_contact(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    person_id = path_id(request, "person", "person_id")
    commitment = await deps_of(request).commitments.remove_contact(admin_of(request),
                                                              commitment_id, person_id)
    return answer(Commitment.from_record(commitment))


@routes.put(f"/api/commitments/{ID_PATTERN}/sov-lines")
async def replace_sov_lines(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, SovLinesPutRequest)
    commitment = await deps_of(request).commitments.replace_sov_lines(
        admin_of(request), commitment_id, [line.to_command() for line in body.sov_lines])
    return answer(Commitment.from_record(commitment))


@routes.post(f"/api/commitments/{ID_PATTERN}/close")
async def close_commitment(request: web.Request) -> web.Response:
    commitment = await deps_of(request).commitments.close(admin_of(request),
                                                     path_id(request, "commitment"))
    return answer(Commitment.from_record(commitment))


ONE = [id_parameter("id", "The commitment's id.")]
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
        "patch": operation(
            operation_id="changeCommitment", summary="Change a commitment", tag="Commitments",
            parameters=ONE, body=request_body("CommitmentPatchRequest"),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The commitment.", ref("Commitment"))}),
    },
    "/api/commitments/{id}/contacts": {
        "post": operation(
            operation_id="addInvoiceContact", summary="Add an invoice contact",
            tag="Commitments", parameters=ONE, body=request_body("NewInvoiceContactRequest"),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The commitment.", ref("Commitment"))}),
    },
    "/api/commitments/{id}/contacts/{person_id}": {
        "delete": operation(
            operation_id="removeInvoiceContact", summary="Remove an invoice contact; the "
            "links of the commitment's open invites stop working", tag="Commitments",
            parameters=[*ONE, id_parameter("person_id", "The contact's person id.")],
            errors=(400, 404),
            answers={"200": json_answer("The commitment.", ref("Commitment"))}),
    },
    "/api/commitments/{id}/sov-lines": {
        "put": operation(
            operation_id="replaceSovLines", summary="Replace the Schedule of Values (lines "
            "edited, added, removed, reordered) while the commitment has no invoice",
            tag="Commitments", parameters=ONE, body=request_body("SovLinesPutRequest"),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The commitment.", ref("Commitment"))}),
    },
    "/api/commitments/{id}/close": {
        "post": operation(
            operation_id="closeCommitment", summary="Close a commitment (no more invites)",
            tag="Commitments", parameters=ONE, errors=(404,),
            answers={"200": json_answer("The commitment.", ref("Commitment"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewCommitmentRequest, CommitmentPatchRequest,
                            NewInvoiceContactRequest, SovLinesPutRequest)
    app[OPENAPI].add_responses(Commitment)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
