"""The pay application from the review pages: GET /admin/invoices/{id}/pay-application.pdf
(the G702/G703), /admin/invoices/{id}/package.pdf and .zip (with the attachments), and
GET /admin/periods/{id}/pay-applications.zip (every approved invoice of the period,
streamed)."""

from __future__ import annotations

from aiohttp import web

from web.downloads import pdf_download, streamed_zip, zip_download
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()


@routes.get(f"/admin/invoices/{ID_PATTERN}/pay-application.pdf")
@page
async def pay_application_pdf(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await deps_of(request).pay_applications.pdf_for_admin(
        admin, path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


@routes.get(f"/admin/invoices/{ID_PATTERN}/package.pdf")
@page
async def package_pdf(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await deps_of(request).pay_applications.package_pdf(admin, path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


@routes.get(f"/admin/invoices/{ID_PATTERN}/package.zip")
@page
async def package_zip(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await deps_of(request).pay_applications.package_zip(admin, path_id(request, "invoice"))
    return zip_download(found.filename, found.data)


@routes.get(f"/admin/periods/{ID_PATTERN}/pay-applications.zip")
@page
async def period_zip(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    period_id = path_id(request, "billing period")
    service = deps_of(request).pay_applications
    invoice_ids = await service.approved_in_period(admin, period_id)  # 404 before streaming
    return await streamed_zip(
        request, f"pay-applications-period-{period_id}.zip",
        lambda write: service.write_period_zip(admin, invoice_ids, write))


@routes.get(f"/admin/invoices/{ID_PATTERN}/sworn-statement.pdf")
@page
async def sworn_statement_pdf(request: web.Request) -> web.StreamResponse:
    """Michigan's sworn statement of the invoice (see the API's route of the same name)."""
    admin = await require_admin(request)
    invoice_id = path_id(request, "invoice")
    data = await deps_of(request).waivers.sworn_statement_for_admin(admin, invoice_id)
    return pdf_download(f"sworn-statement-{invoice_id}.pdf", data)


def register(app: web.Application) -> None:
    add_routes(app, routes)
