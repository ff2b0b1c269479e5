"""A signed-in contact's commitments: GET /c/commitments (theirs only; each links to its
invoice form, web/contact/invoice_form.py)."""

from __future__ import annotations

from aiohttp import web

from web.contact_session import require_contact
from web.keys import deps_of
from web.labels import STATUS_LABELS
from web.render import page, render
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/c/commitments")
@page
async def commitments(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    items = await deps_of(request).access.commitments(contact)
    return render(request, "contact_commitments.html.j2", items=items,
                  status_labels=STATUS_LABELS)


def register(app: web.Application) -> None:
    add_routes(app, routes)
