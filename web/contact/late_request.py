"""POST /c/commitments/{id}/late-request: after the due date, the contact asks for more
time for the commitment's invite (an optional reason). The form is on the invoice page
(web/contact/invoice_form.py); a problem shows it again with the message next to the
reason. Another commitment answers 404, exactly as one that does not exist."""

from __future__ import annotations

from aiohttp import web

from domain.errors import DomainError, InvalidInput
from web.contact.invoice_form import no_open_period, show_form
from web.contact_session import require_contact
from web.csrf import checked_form
from web.errors import domain_status
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.refusals import worded_refusal
from web.render import page
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/c/commitments/{ID_PATTERN}/late-request")
@page
async def ask(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    commitment_id = path_id(request, "commitment")
    deps = deps_of(request)
    item = await deps.access.commitment(contact, commitment_id)
    form = await checked_form(request)
    if item.period_id is None or deps.late_requests is None:
        return no_open_period(request, item)
    reason = str(form.get("reason", ""))
    try:
        await deps.late_requests.ask(contact.person_id, commitment_id, item.period_id, reason)
    except InvalidInput as error:
        return await show_form(request, contact, item, status=422, late_reason=reason,
                               late_error=worded_refusal(error, item.locale,
                                                         item.terminology))
    except DomainError as error:
        return await show_form(request, contact, item, status=domain_status(error),
                               late_error=worded_refusal(error, item.locale,
                                                         item.terminology),
                               late_reason=reason)
    raise web.HTTPSeeOther(f"/c/commitments/{commitment_id}/invoices/new?late=asked")


def register(app: web.Application) -> None:
    add_routes(app, routes)
