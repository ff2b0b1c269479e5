"""GET /c/invoices/{id}/pay-application.pdf: the contact's G702/G703 PDF of an invoice of
one of their commitments (any other answers 404)."""

from __future__ import annotations

from aiohttp import web

from web.contact_session import require_contact
from web.downloads import pdf_download
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get(f"/c/invoices/{ID_PATTERN}/pay-application.pdf")
@page
async def pay_application_pdf(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    found = await deps_of(request).pay_applications.pdf_for_contact(
        contact.person_id, path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


@routes.get(f"/c/invoices/{ID_PATTERN}/sworn-statement.pdf")
@page
async def sworn_statement_pdf(request: web.Request) -> web.StreamResponse:
    """Michigan's sworn statement of the invoice (see the API's route of the same name)."""
    contact = await require_contact(request)
    invoice_id = path_id(request, "invoice")
    data = await deps_of(request).waivers.sworn_statement_for_contact(contact.person_id,
                                                                      invoice_id)
    return pdf_download(f"sworn-statement-{invoice_id}.pdf", data)


def register(app: web.Application) -> None:
    add_routes(app, routes)
