"""Sub-tiers through the API: GET/POST /api/commitments/{id}/sub-tiers,
GET/PATCH/DELETE /api/commitments/{id}/sub-tiers/{sub_tier_id}, and an invoice's sub-tier
lines, GET/PUT /api/invoices/{id}/sub-tiers."""

from __future__ import annotations

from aiohttp import web

from app.use_cases.sub_tiers.service import EnteredLine
from domain.sub_tiers import SubTierStatus
from payloads.openapi_parts import id_parameter, json_answer, list_of, operation, ref, request_body
from web.api.request_io import answer, created, listed, read_model
from web.api.resources.sub_tiers import (
    InvoiceSubTiers,
    InvoiceSubTiersRequest,
    SubTier,
    SubTierChangeRequest,
    SubTierRequest,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

BASE = f"/api/commitments/{ID_PATTERN}/sub-tiers"
ONE = BASE + "/{sub_tier_id:[^/]{1,40}}"
routes = web.RouteTableDef()


def _ids(request: web.Request) -> tuple[int, int]:
    return (path_id(request, "commitment"),
            path_id(request, "sub-tier", "sub_tier_id"))


@routes.get(BASE)
async def list_sub_tiers(request: web.Request) -> web.Response:
    found = await deps_of(request).sub_tiers.of_commitment(admin_of(request),
                                                      path_id(request, "commitment"))
    return listed(SubTier.from_record(tier) for tier in found)


@routes.post(BASE)
async def add_sub_tier(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, SubTierRequest)
    tier = await deps_of(request).sub_tiers.add(admin_of(request), commitment_id, body.to_fields())
    return created(SubTier.from_record(tier),
                   f"/api/commitments/{commitment_id}/sub-tiers/{tier.id}")


@routes.get(ONE)
async def get_sub_tier(request: web.Request) -> web.Response:
    tier = await deps_of(request).sub_tiers.get(admin_of(request), *_ids(request))
    return answer(SubTier.from_record(tier))


@routes.patch(ONE)
async def change_sub_tier(request: web.Request) -> web.Response:
    commitment_id, sub_tier_id = _ids(request)
    body = await read_model(request, SubTierChangeRequest)
    service, admin = deps_of(request).sub_tiers, admin_of(request)
    current = await service.get(admin, commitment_id, sub_tier_id)
    tier = await service.change(admin, commitment_id, sub_tier_id,
                                body.applied_to(current.fields))
    if body.status is not None:
        tier = await service.set_status(admin, commitment_id, sub_tier_id,
                                        SubTierStatus(body.status))
    return answer(SubTier.from_record(tier))


@routes.delete(ONE)
async def remove_sub_tier(request: web.Request) -> web.Response:
    await deps_of(request).sub_tiers.remove(admin_of(request), *_ids(request))
    return web.Response(status=204)


@routes.get(f"/api/invoices/{ID_PATTERN}/sub-tiers")
async def invoice_sub_tiers(request: web.Request) -> web.Response:
    found = await deps_of(request).sub_tiers.of_invoice(admin_of(request),
                                                   path_id(request, "invoice"))
    return answer(InvoiceSubTiers.from_record(found))


@routes.put(f"/api/invoices/{ID_PATTERN}/sub-tiers")
async def bill_sub_tiers(request: web.Request) -> web.Response:
    invoice_id = path_id(request, "invoice")
    body = await read_model(request, InvoiceSubTiersRequest)
    service, admin = deps_of(request).sub_tiers, admin_of(request)
    if body.certify_no_sub_tiers:
        found = await service.certify_none(admin, invoice_id)
    else:
        found = await service.bill(admin, invoice_id, [
            EnteredLine(line.sub_tier_id, line.amount_billed, line.billing)
            for line in body.lines])
    return answer(InvoiceSubTiers.from_record(found))


_COMMITMENT = [id_parameter("id", "The commitment's id.")]
_ONE = [*_COMMITMENT, id_parameter("sub_tier_id", "The sub-tier's id.")]
_INVOICE = [id_parameter("id", "The invoice's id.")]
TAG = "Sub-tiers"
OPENAPI_PATHS = {
    "/api/commitments/{id}/sub-tiers": {
        "get": operation(operation_id="listSubTiers", summary="A commitment's sub-tiers",
                         tag=TAG, parameters=_COMMITMENT, errors=(404,),
                         answers={"200": json_answer("In the order they were added.",
                                                     list_of("SubTier"))}),
        "post": operation(operation_id="addSubTier", summary="Add a sub-tier", tag=TAG,
                          parameters=_COMMITMENT, errors=(400, 404, 413, 422),
                          body=request_body("SubTierRequest", "Kept on the commitment for "
                                            "the next invoices."),
                          answers={"201": json_answer("The sub-tier.", ref("SubTier"),
                                                      location=True)})},
    "/api/commitments/{id}/sub-tiers/{sub_tier_id}": {
        "get": operation(operation_id="getSubTier", summary="One sub-tier", tag=TAG,
                         parameters=_ONE, errors=(404,),
                         answers={"200": json_answer("The sub-tier.", ref("SubTier"))}),
        "patch": operation(operation_id="changeSubTier", summary="Change a sub-tier",
                           tag=TAG, parameters=_ONE, errors=(400, 404, 413, 422),
                           body=request_body("SubTierChangeRequest"),
                           answers={"200": json_answer("The sub-tier.", ref("SubTier"))}),
        "delete": operation(operation_id="removeSubTier", summary="Remove a sub-tier",
                            tag=TAG, parameters=_ONE, errors=(404, 409),
                            answers={"204": {"description": "Removed from the commitment; "
                                             "invoices it was billed on keep it."}})},
    "/api/invoices/{id}/sub-tiers": {
        "get": operation(operation_id="getInvoiceSubTiers", summary="An invoice's sub-tier "
                         "lines", tag=TAG, parameters=_INVOICE, errors=(404,),
                         answers={"200": json_answer("Lines or the certificate.",
                                                     ref("InvoiceSubTiers"))}),
        "put": operation(operation_id="setInvoiceSubTiers", summary="Enter what each "
                         "sub-tier billed, or certify there are none", tag=TAG,
                         parameters=_INVOICE, errors=(400, 404, 409, 413, 422),
                         body=request_body("InvoiceSubTiersRequest", "A line for every "
                                           "sub-tier; a final line marks the sub-tier "
                                           "final expected."),
                         answers={"200": json_answer("The invoice's sub-tiers.",
                                                     ref("InvoiceSubTiers"))})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(SubTierRequest, SubTierChangeRequest, InvoiceSubTiersRequest)
    app[OPENAPI].add_responses(SubTier, InvoiceSubTiers)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
