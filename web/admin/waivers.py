"""The administrator's side of lien waivers and payments, on the invoice page:
each waiver's state (approve, or revise and resubmit with a reason), its PDF, the
invoice's payments and the form to record one.

POST /admin/lien-waivers/{id}/approve, POST /admin/lien-waivers/{id}/revise,
GET /admin/lien-waivers/{id}/pdf, GET /admin/lien-waivers/{id}/notarized (the signer's
notarized scan), POST /admin/invoices/{id}/payments.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from domain.errors import DomainError, InvalidInput, NotFound
from domain.model import Administrator
from domain.money import money
from domain.payments import PaymentEntry
from domain.sub_tier_waivers import HOLDING_STATES
from web.admin.sign_in import see_other
from web.csrf import checked_form
from web.errors import domain_status
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
WAIVER_STATUS_LABELS = {
    "pending_signature": "Waiting for signature", "awaiting_notary": "Waiting for notary",
    "signed": "Signed, to review", "approved": "Approved",
    "revise_and_resubmit": "Sent back", "void": "Void"}


async def waiver_context(request: web.Request, admin: Administrator,
                         invoice_id: int) -> dict[str, Any]:
    """What the invoice page's waivers and payments section shows."""
    sub_tier_lines = await deps_of(request).waivers.sub_tier_waivers(admin, invoice_id)
    return {"waivers": await deps_of(request).waivers.list_for_invoice(admin, invoice_id),
            "sub_tier_waivers": sub_tier_lines,
            "sub_tier_names": {waiver.id: line.company_name for line in sub_tier_lines
                               for waiver in line.waivers},
            "payment_held": [line.company_name for line in sub_tier_lines
                             if line.state in HOLDING_STATES],
            "payments": await deps_of(request).payments.of_invoice(admin, invoice_id),
            "waiver_labels": WAIVER_STATUS_LABELS, "payment_error": None, "payment_typed": {}}


async def _back(request: web.Request, invoice_id: int, status: int, **extra: Any) -> web.Response:
    # Imported here: the invoice page's module imports this one for waiver_context.
    from web.admin.invoice_review import invoice_page

    return await invoice_page(request, invoice_id, status=status, **extra)


@routes.post(f"/admin/lien-waivers/{ID_PATTERN}/{{action:approve|revise}}")
@page
async def review(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    waiver_id = path_id(request, "lien waiver")
    form = await checked_form(request)
    waivers = deps_of(request).waivers
    invoice_id = int(str(form.get("invoice_id") or "0")) if str(
        form.get("invoice_id") or "").isdigit() else 0
    try:
        if request.match_info["action"] == "approve":
            done = await waivers.approve(admin, waiver_id)
        else:
            done = await waivers.revise(admin, waiver_id, str(form.get("reason") or ""))
    except NotFound:
        raise
    except DomainError as exc:
        if not invoice_id:
            raise NotFound("lien waiver not found") from None
        return await _back(request, invoice_id, domain_status(exc),
                           error_key="invoice_review.waiver_not_changed",
                           reason=exc.message)
    return see_other(f"/admin/invoices/{done.invoice_id}?changed=1#waivers")


@routes.get(f"/admin/lien-waivers/{ID_PATTERN}/pdf")
@page
async def pdf(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    waiver_id = path_id(request, "lien waiver")
    data = await deps_of(request).waivers.pdf_for_admin(admin, waiver_id)
    return web.Response(body=data, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="lien-waiver-{waiver_id}.pdf"'})


@routes.get(f"/admin/lien-waivers/{ID_PATTERN}/notarized")
@page
async def notarized(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    waiver_id = path_id(request, "lien waiver")
    data, content_type = await deps_of(request).waivers.notarized_for_admin(admin, waiver_id)
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(content_type, "jpg")
    return web.Response(body=data, content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="notarized-{waiver_id}.{extension}"'})


@routes.post(f"/admin/invoices/{ID_PATTERN}/payments")
@page
async def record_payment(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    invoice_id = path_id(request, "invoice")
    form = await checked_form(request)
    typed = {name: str(form.get(name) or "").strip()
             for name in ("amount", "paid_on", "method", "reference")}
    try:
        try:
            paid_on = date.fromisoformat(typed["paid_on"])
        except ValueError:
            raise InvalidInput("give the payment date as YYYY-MM-DD", code="paid_on") from None
        entry = PaymentEntry(money(typed["amount"]), paid_on, typed["method"],
                             typed["reference"] or None)
        await deps_of(request).payments.record(admin, invoice_id, entry, source="page")
    except NotFound:
        raise
    except DomainError as exc:
        return await _back(request, invoice_id, domain_status(exc),
                           payment_error=exc.message, payment_typed=typed)
    return see_other(f"/admin/invoices/{invoice_id}?paid=1#payments")


def register(app: web.Application) -> None:
    add_routes(app, routes)
