"""The commitment page's other forms: invoice contacts (POST /admin/commitments/{id}/contacts,
POST .../contacts/{person_id}/remove: the open invites' links stop working), the SOV
editor (POST .../sov, until the first invoice), change-order lines after it
(POST .../change-orders) and closing (POST .../close)."""

from __future__ import annotations

from aiohttp import web

from domain.commands import NewContact, NewSovLine
from domain.errors import DomainError, NotFound
from domain.model import Channel
from domain.text_rules import strict_number
from web.admin.commitments import Refused, commitment_page
from web.admin.form_errors import field_errors, status_of
from web.admin.sign_in import see_other
from web.admin.sov_form import decimal_field, lines_of, typed_rows
from web.csrf import checked_form
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
CONTACT_FIELDS = ("person_id", "name", "email")


@routes.post(f"/admin/commitments/{ID_PATTERN}/contacts")
@page
async def add_contact(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    commitment_id = path_id(request, "commitment")
    typed = {name: str(form.get(name, "")) for name in CONTACT_FIELDS}
    try:
        person_id = strict_number(typed["person_id"]) if typed["person_id"] else None
        email = text_field(form, "email", "The email address")
        if person_id is None and not email:
            raise FieldRefused("person_id", "The contact", "must be chosen, or an email "
                               "address typed")
        await deps_of(request).commitments.add_contact(
            admin, commitment_id, person_id=None if email else person_id,
            contact=NewContact(text_field(form, "name", "The name"), email) if email else None)
    except NotFound as exc:
        if not exc.message.startswith("person"):
            raise
        return await commitment_page(request, admin, commitment_id, Refused(
            "contacts", typed, {"person_id": "commitment.choose_person"}), 404)
    except (DomainError, FieldRefused) as exc:
        return await commitment_page(request, admin, commitment_id, Refused(
            "contacts", typed, field_errors(exc, CONTACT_FIELDS)), status_of(exc))
    return see_other(f"/admin/commitments/{commitment_id}?saved=contact_added#contacts")


@routes.post(f"/admin/commitments/{ID_PATTERN}/contacts/{{person_id:[^/]{{1,40}}}}/remove")
@page
async def remove_contact(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    commitment_id = path_id(request, "commitment")
    await deps_of(request).commitments.remove_contact(
        admin, commitment_id, path_id(request, "person", "person_id"), Channel.DASHBOARD)
    return see_other(f"/admin/commitments/{commitment_id}?saved=contact_removed#contacts")


@routes.post(f"/admin/commitments/{ID_PATTERN}/sov")
@page
async def save_sov(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    commitment_id = path_id(request, "commitment")
    rows = typed_rows(form)
    lines = lines_of(rows)
    if lines is None:
        return await commitment_page(request, admin, commitment_id, Refused(
            "sov", errors={"": "commitment.sov_rows_wrong"},
            rows=rows), 422)
    try:
        await deps_of(request).commitments.replace_sov_lines(admin, commitment_id, lines)
    except NotFound:
        raise
    except DomainError as exc:
        return await commitment_page(request, admin, commitment_id, Refused(
            "sov", errors=field_errors(exc, ()), rows=rows), status_of(exc))
    return see_other(f"/admin/commitments/{commitment_id}?saved=sov#sov")


@routes.post(f"/admin/commitments/{ID_PATTERN}/change-orders")
@page
async def add_change_order(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    commitment_id = path_id(request, "commitment")
    fields = ("co_item", "co_description", "co_value")
    typed = {name: str(form.get(name, "")) for name in fields}
    try:
        await deps_of(request).commitments.get(admin, commitment_id)  # ours, or 404 first
        line = NewSovLine(text_field(form, "co_item", "The item number"),
                          text_field(form, "co_description", "The description"),
                          decimal_field(form, "co_value", "The scheduled value"),
                          change_order=True)
        await deps_of(request).invoices.add_sov_lines(admin, commitment_id, [line])
    except NotFound:
        raise
    except (DomainError, FieldRefused) as exc:
        errors = field_errors(exc, fields)
        return await commitment_page(request, admin, commitment_id, Refused(
            "change_order", typed, errors), status_of(exc))
    return see_other(f"/admin/commitments/{commitment_id}?saved=change_order#sov")


@routes.post(f"/admin/commitments/{ID_PATTERN}/close")
@page
async def close(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    commitment_id = path_id(request, "commitment")
    await deps_of(request).commitments.close(admin, commitment_id)
    return see_other(f"/admin/commitments/{commitment_id}?saved=closed")


def register(app: web.Application) -> None:
    add_routes(app, routes)
