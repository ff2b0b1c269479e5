"""Invoices for administrators: on behalf of a contact, review, lists, export, SOV lines.

POST /api/commitments/{id}/invoices, GET /api/invoices/{id}, POST /api/invoices/{id}/status,
GET /api/invoices?billing_period_id=, GET /api/invoices/{id}/export.csv,
POST /api/commitments/{id}/sov-lines.
"""

from __future__ import annotations

from aiohttp import web

from domain.errors import InvalidInput, NotFound
from domain.invoice_records import InvoiceStatus
from payloads.openapi_parts import (
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from web.api.paging import PAGE_PARAMETERS, page_request, paged, paged_list_of
from web.api.request_io import answer, created, read_model
from web.api.resources.commitments import Commitment
from web.api.resources.invoices import (
    Invoice,
    InvoiceListItem,
    InvoiceStatusRequest,
    NewInvoiceRequest,
    NewSovLinesRequest,
)
from web.invoice_csv import invoice_csv, project_csv_words
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, MAX_ID, path_id, query_number
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/api/commitments/{ID_PATTERN}/invoices")
async def create_invoice(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, NewInvoiceRequest)
    invoice = await deps_of(request).invoices.create_on_behalf(
        admin_of(request), commitment_id, body.to_entry(), sub_tier_lines=body.sub_tier_lines(),
        no_sub_tiers=body.no_sub_tiers)
    return created(Invoice.from_record(invoice), f"/api/invoices/{invoice.id}")


@routes.get(f"/api/invoices/{ID_PATTERN}")
async def get_invoice(request: web.Request) -> web.Response:
    invoice = await deps_of(request).invoices.get(admin_of(request), path_id(request, "invoice"))
    return answer(Invoice.from_record(invoice))


@routes.get(f"/api/invoices/{ID_PATTERN}/export.csv")
async def export_invoice(request: web.Request) -> web.Response:
    admin = admin_of(request)
    invoice = await deps_of(request).invoices.get(admin, path_id(request, "invoice"))
    project = await deps_of(request).projects.get_project(admin, invoice.project_id)
    filename = f"invoice-{invoice.id}.csv"
    text = invoice_csv(invoice, project_csv_words(project))
    return web.Response(text=text, content_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@routes.post(f"/api/invoices/{ID_PATTERN}/status")
async def change_status(request: web.Request) -> web.Response:
    invoice_id = path_id(request, "invoice")
    body = await read_model(request, InvoiceStatusRequest)
    invoice = await deps_of(request).invoices.change_status(
        admin_of(request), invoice_id, InvoiceStatus(body.status), body.note)
    return answer(Invoice.from_record(invoice))


@routes.get("/api/invoices")
async def list_invoices(request: web.Request) -> web.Response:
    period_id = query_number(request, "billing_period_id")
    if period_id is None:
        raise InvalidInput("billing_period_id is required: the id of a billing period")
    if not 0 < period_id <= MAX_ID:
        raise NotFound(f"no billing period with id {period_id}")
    page = page_request(request)
    found = await deps_of(request).invoices.page_for_period(admin_of(request), period_id, page)
    return paged(request, [InvoiceListItem.from_record(item) for item in found.items],
                 found.next_after)


@routes.post(f"/api/commitments/{ID_PATTERN}/sov-lines")
async def add_sov_lines(request: web.Request) -> web.Response:
    commitment_id = path_id(request, "commitment")
    body = await read_model(request, NewSovLinesRequest)
    await deps_of(request).invoices.add_sov_lines(admin_of(request), commitment_id,
                                           [line.to_command() for line in body.sov_lines])
    commitment = await deps_of(request).projects.get_commitment(admin_of(request),
                                                                commitment_id)
    return created(Commitment.from_record(commitment), f"/api/commitments/{commitment_id}")


_INVOICE_ID = [id_parameter("id", "The invoice's id.")]
_COMMITMENT_ID = [id_parameter("id", "The commitment's id.")]
OPENAPI_PATHS = {
    "/api/commitments/{id}/invoices": {"post": operation(
        operation_id="createInvoiceOnBehalf", summary="Enter an invoice on the contact's behalf",
        tag="Invoices", parameters=_COMMITMENT_ID,
        body=request_body("NewInvoiceRequest", "Allowed at any time, also after the due "
                          "date; the invoice is sent at once (status under_review)."),
        errors=(400, 404, 409, 413, 422),
        answers={"201": json_answer("The invoice with every G703 column and the G702 "
                                    "summary.", ref("Invoice"), location=True)})},
    "/api/invoices": {"get": operation(
        operation_id="listInvoices", summary="A billing period's invoices", tag="Invoices",
        parameters=[{"name": "billing_period_id", "in": "query", "required": True,
                     "schema": {"type": "integer", "minimum": 1}}, *PAGE_PARAMETERS],
        errors=(400, 404, 422),
        answers={"200": json_answer("Status and amounts of each invoice, in id order, a "
                                    "page at a time.", paged_list_of("InvoiceListItem"))})},
    "/api/invoices/{id}": {"get": operation(
        operation_id="getInvoice", summary="One invoice", tag="Invoices",
        parameters=_INVOICE_ID, errors=(404,),
        answers={"200": json_answer("Lines and summary; money as decimal strings.",
                                    ref("Invoice"))})},
    "/api/invoices/{id}/status": {"post": operation(
        operation_id="changeInvoiceStatus", summary="Review an invoice", tag="Invoices",
        parameters=_INVOICE_ID,
        body=request_body("InvoiceStatusRequest", "revise_and_resubmit needs a note; it is "
                          "mailed to the contacts, who may then edit and send again."),
        errors=(400, 404, 409, 422),
        answers={"200": json_answer("The invoice after the change.", ref("Invoice"))})},
    "/api/invoices/{id}/export.csv": {"get": operation(
        operation_id="exportInvoice", summary="The invoice as CSV (G703 and G702)",
        tag="Invoices", parameters=_INVOICE_ID, errors=(404,),
        answers={"200": {"description": "The G703 rows with totals, then the G702 summary; "
                                        "headers and labels in the project's language and "
                                        "dictionary, figures as plain decimals (1234.50).",
                         "content": {"text/csv": {"schema": {"type": "string"}}}}})},
    "/api/commitments/{id}/sov-lines": {"post": operation(
        operation_id="addSovLines", summary="Add SOV lines (change orders among them)",
        tag="Commitments", parameters=_COMMITMENT_ID,
        body=request_body("NewSovLinesRequest", "Billed from the next invoice on."),
        errors=(400, 404, 413, 422),
        answers={"201": json_answer("The commitment with its lines.", ref("Commitment"),
                                    location=True)})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewInvoiceRequest, InvoiceStatusRequest, NewSovLinesRequest)
    app[OPENAPI].add_responses(Invoice, InvoiceListItem)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
