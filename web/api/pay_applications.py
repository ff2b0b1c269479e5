"""The pay application as a document: GET /api/invoices/{id}/pay-application.pdf (the
G702 page and the G703 continuation sheet)."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, operation
from web.downloads import pdf_download
from web.keys import OPENAPI, admin_of, pay_applications_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get(f"/api/invoices/{ID_PATTERN}/pay-application.pdf")
async def pay_application_pdf(request: web.Request) -> web.Response:
    found = await pay_applications_of(request).pdf_for_admin(
        admin_of(request), path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


OPENAPI_PATHS = {
    "/api/invoices/{id}/pay-application.pdf": {"get": operation(
        operation_id="getPayApplicationPdf", summary="The invoice's G702/G703 PDF",
        tag="Invoices", parameters=[id_parameter("id", "The invoice's id.")], errors=(404,),
        answers={"200": {
            "description": "The application and certificate for payment (G702 layout) "
                           "and its continuation sheet (G703 layout, columns A to I, page "
                           "and grand totals); the same bytes for the same invoice.",
            "content": {"application/pdf": {"schema": {"type": "string",
                                                       "format": "binary"}}}}})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
