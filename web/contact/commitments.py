"""A signed-in contact's commitments: GET /c/commitments (theirs only; each links to its
invoice form, web/contact/invoice_form.py)."""

from __future__ import annotations

from aiohttp import web

from mailer.i18n import DEFAULT_LOCALE
from web.contact_session import require_contact
from web.keys import deps_of
from web.render import page, render
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/c/commitments")
@page
async def commitments(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    items = await deps_of(request).access.commitments(contact)
    # The contact's own language; else their projects' (the first one's: the list spans
    # them), with a dictionary only when all their projects share it.
    locale = contact.language or (items[0].locale if items else DEFAULT_LOCALE)
    dictionaries = {item.terminology for item in items}
    return render(request, "contact_commitments.html.j2", items=items, locale=locale,
                  terminology=dictionaries.pop() if len(dictionaries) == 1 else None)


def register(app: web.Application) -> None:
    add_routes(app, routes)
