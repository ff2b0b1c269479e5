"""Lien waivers for administrators.

GET /api/invoices/{id}/lien-waivers, GET /api/lien-waivers/{id}/pdf,
POST /api/lien-waivers/{id}/approve, POST /api/lien-waivers/{id}/revise,
POST /api/waiver-templates, POST /api/projects/{id}/waiver-policy,
GET /api/invoices/{id}/sub-tier-waivers (each sub-tier's waivers and their state; the
waivers themselves are in the lien-waivers list too, with their `sub_tier_id`).
"""

from __future__ import annotations

from aiohttp import web

from domain.invoice_records import BillingType
from domain.waivers import Requirement, WaiverKind
from payloads.openapi_parts import id_parameter, json_answer, list_of, operation, ref, request_body
from web.api.request_io import answer, created, listed, read_model
from web.api.resources.waivers import (
    LienWaiver,
    SubTierWaiverStatus,
    WaiverPolicyRequest,
    WaiverReviseRequest,
    WaiverTemplate,
    WaiverTemplateRequest,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get(f"/api/invoices/{ID_PATTERN}/lien-waivers")
async def list_waivers(request: web.Request) -> web.Response:
    found = await deps_of(request).waivers.list_for_invoice(admin_of(request),
                                                       path_id(request, "invoice"))
    return listed(LienWaiver.from_record(item) for item in found)


@routes.get(f"/api/invoices/{ID_PATTERN}/sub-tier-waivers")
async def sub_tier_waivers(request: web.Request) -> web.Response:
    found = await deps_of(request).waivers.sub_tier_waivers(admin_of(request),
                                                             path_id(request, "invoice"))
    return listed(SubTierWaiverStatus.from_record(line) for line in found)


@routes.get(f"/api/lien-waivers/{ID_PATTERN}/pdf")
async def waiver_pdf(request: web.Request) -> web.Response:
    waiver_id = path_id(request, "lien waiver")
    data = await deps_of(request).waivers.pdf_for_admin(admin_of(request), waiver_id)
    return web.Response(body=data, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="lien-waiver-{waiver_id}.pdf"'})


@routes.post(f"/api/lien-waivers/{ID_PATTERN}/approve")
async def approve(request: web.Request) -> web.Response:
    done = await deps_of(request).waivers.approve(admin_of(request),
                                                  path_id(request, "lien waiver"))
    return answer(LienWaiver.from_record(done))


@routes.post(f"/api/lien-waivers/{ID_PATTERN}/revise")
async def revise(request: web.Request) -> web.Response:
    waiver_id = path_id(request, "lien waiver")
    body = await read_model(request, WaiverReviseRequest)
    done = await deps_of(request).waivers.revise(admin_of(request), waiver_id, body.reason)
    return created(LienWaiver.from_record(done), f"/api/lien-waivers/{done.id}")


@routes.post("/api/waiver-templates")
async def add_template(request: web.Request) -> web.Response:
    body = await read_model(request, WaiverTemplateRequest)
    row = await deps_of(request).waivers.add_template(
        admin_of(request), name=body.name, kind=WaiverKind(body.kind), state=body.state,
        body=body.body, needs_notary=body.needs_notary,
        e_signature_allowed=body.e_signature_allowed)
    return created(WaiverTemplate.model_validate(row), f"/api/waiver-templates/{row.id}")


@routes.post(f"/api/projects/{ID_PATTERN}/waiver-policy")
async def set_policy(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    body = await read_model(request, WaiverPolicyRequest)
    await deps_of(request).waivers.set_policy(admin_of(request), project_id,
                                         BillingType(body.billing_type), WaiverKind(body.kind),
                                         Requirement(body.requirement), body.template_id)
    return web.json_response({"project_id": project_id, **body.model_dump()})


_WAIVER_ID = [id_parameter("id", "The lien waiver's id.")]
OPENAPI_PATHS = {
    "/api/invoices/{id}/lien-waivers": {"get": operation(
        operation_id="listLienWaivers", summary="An invoice's lien waivers", tag="Lien waivers",
        parameters=[id_parameter("id", "The invoice's id.")], errors=(404,),
        answers={"200": json_answer("Kind, status, amount, through date and PDF link of "
                                    "each waiver (voided ones included).",
                                    list_of("LienWaiver"))})},
    "/api/invoices/{id}/sub-tier-waivers": {"get": operation(
        operation_id="listSubTierWaivers", summary="An invoice's sub-tier waivers",
        tag="Lien waivers", parameters=[id_parameter("id", "The invoice's id.")],
        errors=(404,),
        answers={"200": json_answer(
            "Each sub-tier billed on the invoice (or asked for a waiver with it): the state "
            "of its waivers (not_required, pending_signature, revise_and_resubmit, "
            "awaiting_notary, signed, approved), whether it holds the payment, and the "
            "waivers. Approve or return them with the lien-waiver routes.",
            list_of("SubTierWaiverStatus"))})},
    "/api/lien-waivers/{id}/pdf": {"get": operation(
        operation_id="getLienWaiverPdf", summary="A waiver's PDF", tag="Lien waivers",
        parameters=_WAIVER_ID, errors=(404,),
        answers={"200": {"description": "The signed PDF; a preview before signing; the "
                         "watermarked version while held until paid.",
                         "content": {"application/pdf": {"schema": {
                             "type": "string", "format": "binary"}}}}})},
    "/api/lien-waivers/{id}/approve": {"post": operation(
        operation_id="approveLienWaiver", summary="Approve a signed waiver",
        tag="Lien waivers", parameters=_WAIVER_ID, errors=(404, 409),
        answers={"200": json_answer("The waiver, approved.", ref("LienWaiver"))})},
    "/api/lien-waivers/{id}/revise": {"post": operation(
        operation_id="reviseLienWaiver", summary="Revise and resubmit a signed waiver",
        tag="Lien waivers", parameters=_WAIVER_ID,
        body=request_body("WaiverReviseRequest", "The signer is mailed the reason and a "
                          "regenerated waiver to sign; this one is voided."),
        errors=(400, 404, 409, 422),
        answers={"201": json_answer("The new waiver.", ref("LienWaiver"), location=True)})},
    "/api/waiver-templates": {"post": operation(
        operation_id="addWaiverTemplate", summary="Add a waiver template for a state",
        tag="Lien waivers",
        body=request_body("WaiverTemplateRequest", "Plain text with {{ placeholder }} "
                          "blanks only; unknown placeholders, statements and markup are "
                          "refused. Each save is a new version."),
        errors=(400, 422),
        answers={"201": json_answer("The template.", ref("WaiverTemplate"), location=True)})},
    "/api/projects/{id}/waiver-policy": {"post": operation(
        operation_id="setWaiverPolicy", summary="What a project asks for with an invoice",
        tag="Lien waivers", parameters=[id_parameter("id", "The project's id.")],
        body=request_body("WaiverPolicyRequest", "One kind for one billing type: not "
                          "required, requested, or required before Send; the template."),
        errors=(400, 404, 422),
        answers={"200": {"description": "The rule as saved.",
                         "content": {"application/json": {"schema": {"type": "object"}}}}})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(WaiverTemplateRequest, WaiverPolicyRequest, WaiverReviseRequest)
    app[OPENAPI].add_responses(LienWaiver, WaiverTemplate, SubTierWaiverStatus)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
