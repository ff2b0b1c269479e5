"""The pay application as documents: GET /api/invoices/{id}/pay-application.pdf (the G702
page and the G703 continuation sheet), /api/invoices/{id}/package.pdf and .zip (with the
attachments), and GET /api/billing-periods/{id}/pay-applications.zip (every approved
invoice of the period, streamed)."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, operation
from web.downloads import pdf_download, streamed_zip, zip_download
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get(f"/api/invoices/{ID_PATTERN}/pay-application.pdf")
async def pay_application_pdf(request: web.Request) -> web.Response:
    found = await deps_of(request).pay_applications.pdf_for_admin(
        admin_of(request), path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


@routes.get(f"/api/invoices/{ID_PATTERN}/package.pdf")
async def package_pdf(request: web.Request) -> web.Response:
    found = await deps_of(request).pay_applications.package_pdf(admin_of(request),
                                                           path_id(request, "invoice"))
    return pdf_download(found.filename, found.data)


@routes.get(f"/api/invoices/{ID_PATTERN}/package.zip")
async def package_zip(request: web.Request) -> web.Response:
    found = await deps_of(request).pay_applications.package_zip(admin_of(request),
                                                           path_id(request, "invoice"))
    return zip_download(found.filename, found.data)


@routes.get(f"/api/billing-periods/{ID_PATTERN}/pay-applications.zip")
async def period_zip(request: web.Request) -> web.StreamResponse:
    admin, service = admin_of(request), deps_of(request).pay_applications
    period_id = path_id(request, "billing period")
    invoice_ids = await service.approved_in_period(admin, period_id)  # 404 before streaming
    return await streamed_zip(
        request, f"pay-applications-period-{period_id}.zip",
        lambda write: service.write_period_zip(admin, invoice_ids, write))


def _binary(media_type: str, description: str) -> dict[str, object]:
    return {"description": description,
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}}}


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
    "/api/invoices/{id}/package.pdf": {"get": operation(
        operation_id="getPayApplicationPackagePdf", summary="The pay-application package "
        "as one PDF", tag="Invoices", parameters=[id_parameter("id", "The invoice's id.")],
        errors=(404,), answers={"200": _binary(
            "application/pdf", "A cover sheet listing the contents and any skipped "
            "attachment, the G702/G703, then the attachments (PDF pages appended, images "
            "on pages), with a bookmark for each part.")})},
    "/api/invoices/{id}/package.zip": {"get": operation(
        operation_id="getPayApplicationPackageZip", summary="The pay-application package "
        "as a ZIP", tag="Invoices", parameters=[id_parameter("id", "The invoice's id.")],
        errors=(404,), answers={"200": _binary(
            "application/zip", "package.pdf, pay-application.pdf and attachments/ as "
            "uploaded.")})},
    "/api/billing-periods/{id}/pay-applications.zip": {"get": operation(
        operation_id="getPeriodPayApplications", summary="Every approved invoice's package "
        "of a period, as one ZIP", tag="Invoices",
        parameters=[id_parameter("id", "The billing period's id.")], errors=(404,),
        answers={"200": _binary(
            "application/zip", "One folder per approved invoice; streamed while it is "
            "made (no Content-Length).")})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
