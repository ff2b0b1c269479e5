"""A signed-in contact's pages: GET /c/commitments (theirs only) and
GET /c/commitments/{id}/invoices/new (where a Yes leads: the invoice form, see
webhooks.pages.invoice_form). Another commitment answers 404, exactly as one that does not exist."""

from __future__ import annotations

from aiohttp import web

from webhooks.api.request_io import ID_PATTERN, path_id
from webhooks.pages.contact_session import contact_access, require_contact
from webhooks.pages.dashboard import STATUS_LABELS
from webhooks.pages.invoice_form import show_form
from webhooks.pages.render import error_page, page, render

# ?answer= on the invoice page after answering from a link.
ANSWER_NOTICES = {
    "yes": "Thank you. Your answer is recorded: you will bill this period.",
    "repeat": "You had already answered Yes, so nothing changed.",
}

routes = web.RouteTableDef()


@routes.get("/c/commitments")
@page
async def commitments(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    items = await contact_access(request).commitments(contact)
    return render(request, "contact_commitments.html.j2", items=items,
                  status_labels=STATUS_LABELS)


@routes.get(f"/c/commitments/{ID_PATTERN}/invoices/new")
@page
async def new_invoice(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    item = await contact_access(request).commitment(contact, path_id(request, "commitment"))
    if item.period_id is None:
        return error_page(request, 409, "No billing period is open",
                          f"{item.project_name} has no open billing period for "
                          f"{item.number}. You will be invited when one opens.")
    return await show_form(request, contact, item,
                           notice=ANSWER_NOTICES.get(request.query.get("answer", "")))


def register(app: web.Application) -> None:
    app.router.add_routes(routes)
