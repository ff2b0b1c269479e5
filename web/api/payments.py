"""Payments recorded against approved invoices.

POST /api/invoices/{id}/payments, GET /api/invoices/{id}/payments.
"""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, json_answer, operation, ref, request_body
from payloads.payments import PaymentRequest
from web.api.request_io import answer, created, read_model
from web.api.resources.payments import InvoicePayments
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/api/invoices/{ID_PATTERN}/payments")
async def record_payment(request: web.Request) -> web.Response:
    invoice_id = path_id(request, "invoice")
    body = await read_model(request, PaymentRequest)
    done = await deps_of(request).payments.record(admin_of(request), invoice_id, body.to_entry(),
                                             source="api")
    return created(InvoicePayments.from_record(done), f"/api/invoices/{invoice_id}/payments")


@routes.get(f"/api/invoices/{ID_PATTERN}/payments")
async def list_payments(request: web.Request) -> web.Response:
    found = await deps_of(request).payments.of_invoice(admin_of(request),
                                                       path_id(request, "invoice"))
    return answer(InvoicePayments.from_record(found))


_INVOICE_ID = [id_parameter("id", "The invoice's id.")]
OPENAPI_PATHS = {
    "/api/invoices/{id}/payments": {
        "post": operation(
            operation_id="recordPayment", summary="Record a payment", tag="Payments",
            parameters=_INVOICE_ID,
            body=request_body("PaymentRequest", "Against an approved invoice; partial "
                              "payments add up; more than is still due answers 409. The "
                              "contacts are mailed, `invoice.paid` goes to subscribers, and "
                              "held waivers the payment covers are released."),
            errors=(400, 404, 409, 422),
            answers={"201": json_answer("The invoice's payments.", ref("InvoicePayments"),
                                        location=True)}),
        "get": operation(
            operation_id="listPayments", summary="An invoice's payments", tag="Payments",
            parameters=_INVOICE_ID, errors=(404,),
            answers={"200": json_answer("Paid, partially paid or unpaid, and each payment.",
                                        ref("InvoicePayments"))})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(PaymentRequest)
    app[OPENAPI].add_responses(InvoicePayments)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
