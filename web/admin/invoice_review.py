"""The administrator's review: GET /admin/periods/{id}/invoices (status and amounts),
GET /admin/invoices/{id} (the whole invoice), its CSV export, and
POST /admin/invoices/{id}/status; GET /admin/attachments/{id} downloads an attachment."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.errors import DomainError, NotFound
from domain.invoice_records import REVIEW_STATUSES, InvoiceStatus
from web.admin.sign_in import see_other
from web.admin.waivers import waiver_context
from web.admin.words import project_words
from web.csrf import checked_form
from web.downloads import attachment_download
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.invoice_csv import invoice_csv, project_csv_words
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

# The order the review buttons appear in.
REVIEW_CHOICES = [status for status in InvoiceStatus if status in REVIEW_STATUSES]

routes = web.RouteTableDef()


@routes.get(f"/admin/periods/{ID_PATTERN}/invoices")
@page
async def period_invoices(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    period_id = path_id(request, "billing period")
    period = await deps_of(request).projects.get_period(admin, period_id)
    project = await deps_of(request).projects.get_project(admin, period.project_id)
    items = await deps_of(request).invoices.list_for_period(admin, period_id)
    commitments = await deps_of(request).invoices.commitments_of_period(admin, period_id)
    waiting = await deps_of(request).waivers.waiting_by_invoice(admin, [i.id for i in items])
    held = await deps_of(request).waivers.payment_holds(admin, [i.id for i in items])
    return render(request, "invoice_list.html.j2", period=period, project=project,
                  items=items, commitments=commitments, waiting=waiting, held=held,
                  **dict[str, Any](project_words(project)))


async def invoice_page(request: web.Request, invoice_id: int, *, status: int = 200,
                       error: str | None = None, error_key: str | None = None,
                       reason: str = "", **extra: Any) -> web.Response:
    """`error`: a refusal already worded; `error_key`: a key of the pages catalogue, worded
    in the project's language (its `{reason}` is the domain's own message)."""
    admin = await require_admin(request)
    record = await deps_of(request).invoices.get(admin, invoice_id)
    period = await deps_of(request).projects.get_period(admin, record.billing_period_id)
    project = await deps_of(request).projects.get_project(admin, record.project_id)
    return render(request, "invoice_review.html.j2", status=status, record=record,
                  period=period, choices=REVIEW_CHOICES, **dict[str, Any](project_words(project)),
                  error=error, error_key=error_key, reason=reason,
                  changed=request.query.get("changed") == "1",
                  entered=request.query.get("entered") == "1",
                  **{**await waiver_context(request, admin, invoice_id), **extra})


@routes.get(f"/admin/invoices/{ID_PATTERN}")
@page
async def invoice(request: web.Request) -> web.StreamResponse:
    return await invoice_page(request, path_id(request, "invoice"))


@routes.get(f"/admin/invoices/{ID_PATTERN}/export.csv")
@page
async def export(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    record = await deps_of(request).invoices.get(admin, path_id(request, "invoice"))
    project = await deps_of(request).projects.get_project(admin, record.project_id)
    text = invoice_csv(record, project_csv_words(project))
    return web.Response(text=text, content_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="invoice-{record.id}.csv"'})


@routes.post(f"/admin/invoices/{ID_PATTERN}/status")
@page
async def change_status(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    invoice_id = path_id(request, "invoice")
    form = await checked_form(request)
    chosen = str(form.get("status", ""))
    try:
        note = text_field(form, "note", "The note", multi_line=True, max_length=2000) or None
    except FieldRefused as exc:
        return await invoice_page(request, invoice_id, status=422, error=exc.message)
    try:
        status = InvoiceStatus(chosen)
    except ValueError:
        return await invoice_page(request, invoice_id, status=422,
                                  error_key="invoice_review.choose_status")
    try:
        await deps_of(request).invoices.change_status(admin, invoice_id, status, note)
    except NotFound:
        raise
    except DomainError as exc:
        return await invoice_page(request, invoice_id, status=domain_status(exc),
                                  error_key="invoice_review.not_changed",
                                  reason=exc.message)
    return see_other(f"/admin/invoices/{invoice_id}?changed=1")


@routes.get(f"/admin/attachments/{ID_PATTERN}")
@page
async def admin_download(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await deps_of(request).invoices.attachment_for_admin(
        admin, path_id(request, "attachment"))
    return attachment_download(found.info, found.path)


def register(app: web.Application) -> None:
    add_routes(app, routes)
