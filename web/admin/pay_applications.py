"""GET /admin/invoices/{id}/pay-application.pdf: the G702/G703 PDF from the review page."""

from __future__ import annotations

from aiohttp import web

from web.downloads import pdf_download
from web.keys import pay_applications_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()


@routes.get(f"/admin/invoices/{ID_PATTERN}/pay-application.pdf")
@page
async def pay_application_pdf(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await pay_applications_of(request).pdf_for_admin(admin, path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


def register(app: web.Application) -> None:
    add_routes(app, routes)
