"""The contact's invoice form, /c/commitments/{id}/invoices/new (where a Yes leads): GET
shows the period's invoice (blank, draft, or read only once sent), POST saves it as a
Draft or Sends it; the fields are read in web/contact/invoice_fields.py. Another
commitment answers 404, exactly as one that does not exist.

Works without JavaScript; what was typed is shown again with the problems found."""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

from app.links import waiver_token, waiver_url
from domain.attachments import CONTENT_TYPES as ACCEPTED_EXTENSIONS
from domain.contacts import ContactCommitment, SignedInContact
from domain.errors import DomainError, PastDue
from domain.invoice_records import EDITABLE_STATUSES
from domain.invoice_types import InviteType
from domain.sov import InvoiceInvalid
from mailer.i18n import wording_for
from web.contact_session import require_contact
from web.csrf import checked_form
from web.invoice_form_fields import (
    read_entry,
    sheet_context,
    shown_values,
    typed_values,
    worded,
)
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import error_page, page, render
from web.routing import add_routes

# The notices after a redirect, by query (?saved=, ?answer=, ?late=): each names a message
# `invoice_form.notice_<name>` of the "pages" catalogue, worded in the contact's language.
SAVED_NOTICES = {"draft": "draft", "sent": "sent", "files": "files"}
ANSWER_NOTICES = {"yes": "answer_yes", "repeat": "answer_repeat"}
LATE_NOTICES = {"asked": "late_asked"}

routes = web.RouteTableDef()


def no_open_period(request: web.Request, item: ContactCommitment, *,
                   invited_later: bool = False) -> web.Response:
    """409: the commitment's project has no open billing period, in the contact's words."""
    words = wording_for(item.locale, item.terminology, domain="pages")
    text = words.gettext("contact.no_open_period_text").format(
        project_name=item.project_name, number=item.number)
    if invited_later:
        text += " " + words.gettext("contact.no_open_period_invited_later")
    return error_page(request, 409, words.gettext("contact.no_open_period"), text)


async def show_form(request: web.Request, contact: SignedInContact, item: ContactCommitment,
                    *, notice: str | None = None, status: int = 200,
                    values: dict[str, str] | None = None,
                    errors: Sequence[object] | None = None, late_error: str | None = None,
                    late_reason: str = "") -> web.Response:
    """The form for the commitment's open period (`item.period_id` is set), with the
    late request section after the due date (web/contact/late_request.py)."""
    assert item.period_id is not None
    deps = deps_of(request)
    record = await deps.invoices.contact_sheet(contact.person_id, item.commitment_id,
                                               item.period_id)
    late = None if deps.late_requests is None else await deps.late_requests.for_contact(
        contact.person_id, item.commitment_id, item.period_id)
    saved = SAVED_NOTICES.get(request.query.get("saved", ""))
    editable = record.status in EDITABLE_STATUSES and (
        not item.closed or record.invite_type is InviteType.RETAINAGE_RELEASE)
    # A sent invoice: where each sub-tier's lien waivers stand.
    sub_tier_waivers = [] if not record.id or record.status in EDITABLE_STATUSES else (
        await deps.waivers.sub_tier_waivers_for_contact(contact.person_id, record.id))
    return render(request, "invoice_form.html.j2", status=status, item=item,
                  sub_tier_waivers=sub_tier_waivers,
                  late=late, late_error=late_error, late_reason=late_reason,
                  locale=item.locale, terminology=item.terminology,
                  notice=notice or saved or LATE_NOTICES.get(request.query.get("late", "")),
                  accept=",".join(sorted({"." + name for name in ACCEPTED_EXTENSIONS})),
                  **sheet_context(record, values or shown_values(record),
                                  worded(errors or [], item.locale, item.terminology),
                                  editable=editable),
                  sworn_statement=bool(record.id)
                  and await deps.waivers.contact_has_sworn_statement(contact.person_id,
                                                                     record.id),
                  # Lien waivers required before Send: the Send button reads Next.
                  needs_signing=await deps_of(request).invoices.send_needs_signing(
                      contact.person_id, item.commitment_id, item.period_id))


@routes.get(f"/c/commitments/{ID_PATTERN}/invoices/new")
@page
async def new_invoice(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    item = await deps_of(request).access.commitment(contact, path_id(request, "commitment"))
    if item.period_id is None:
        return no_open_period(request, item, invited_later=True)
    return await show_form(request, contact, item,
                           notice=ANSWER_NOTICES.get(request.query.get("answer", "")))


@routes.post(f"/c/commitments/{ID_PATTERN}/invoices/new")
@page
async def save(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    commitment_id = path_id(request, "commitment")
    item = await deps_of(request).access.commitment(contact, commitment_id)
    form = await checked_form(request)
    if item.period_id is None:
        return no_open_period(request, item)
    service = deps_of(request).invoices
    record = await service.contact_sheet(contact.person_id, commitment_id, item.period_id)
    values = typed_values(form, record)
    entry, read_problems = read_entry(values, record, item.period_id, locale=item.locale)
    problems: list[object] = list(read_problems)
    send = form.get("action") in ("send", "next")
    status = 422
    if entry is not None:
        try:
            if form.get("action") == "next":
                # Next: sign the waivers required before Send first, then it sends.
                to_sign = await service.prepare_signing(contact.person_id, commitment_id, entry)
                if to_sign:
                    raise web.HTTPSeeOther(
                        waiver_url("", waiver_token(deps_of(request).links, to_sign[0])))
            await service.save_for_contact(contact.person_id, commitment_id, entry, send=send)
        except InvoiceInvalid as error:
            problems = list(error.problems)
        except PastDue as error:
            problems, status = [error.message], 410
        except DomainError as error:
            problems = [error.message]
        else:
            raise web.HTTPSeeOther(f"/c/commitments/{commitment_id}/invoices/new"
                                   f"?saved={'sent' if send else 'draft'}")
    return await show_form(request, contact, item, status=status, values=values,
                           errors=problems)


def register(app: web.Application) -> None:
    add_routes(app, routes)
