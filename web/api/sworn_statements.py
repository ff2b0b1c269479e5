"""GET /api/invoices/{id}/sworn-statement.pdf: Michigan's sworn statement of an invoice
(the signed one once signed; the one waiting for its signature; before Send, a preview)."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, operation
from web.downloads import pdf_download
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get(f"/api/invoices/{ID_PATTERN}/sworn-statement.pdf")
async def sworn_statement_pdf(request: web.Request) -> web.Response:
    invoice_id = path_id(request, "invoice")
    data = await deps_of(request).waivers.sworn_statement_for_admin(admin_of(request),
                                                                    invoice_id)
    return pdf_download(f"sworn-statement-{invoice_id}.pdf", data)


OPENAPI_PATHS = {
    "/api/invoices/{id}/sworn-statement.pdf": {"get": operation(
        operation_id="getSwornStatementPdf", summary="The invoice's sworn statement (Michigan)",
        tag="Invoices", parameters=[id_parameter("id", "The invoice's id.")], errors=(404,),
        answers={"200": {
            "description": "For an invoice of a project in Michigan (state MI) that lists "
                           "sub-tiers: each sub-tier's contract amount, paid to date, this "
                           "period and balance to complete, with totals, the oath and the "
                           "signature. The signed document once signed (its SHA-256 is the "
                           "`sworn_statement` lien waiver's `signed_sha256`), else the one "
                           "waiting for its signature, else a preview. 404 "
                           "`no_sworn_statement` for any other invoice.",
            "content": {"application/pdf": {"schema": {"type": "string",
                                                       "format": "binary"}}}}})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
