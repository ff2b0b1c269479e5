"""A person of the directory: GET/POST /admin/directory/people/{id} (name, and the address:
a new one fixes a bounce and revokes the links mailed to the old one), POST .../resend
(the open invites' mail again), POST .../merge (fold a duplicate, named by its address,
into this person)."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from domain.errors import DomainError, NotFound
from domain.model import Administrator, Channel
from web.admin.form_errors import field_errors, status_of
from web.admin.sign_in import see_other
from web.csrf import checked_form
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
# The languages of the mail catalogues; "" leaves it to each project's locale.
# "" is the project's language (its words: the key directory_person.project_language).
LANGUAGES = (("", ""), ("en-US", "English (United States)"),
             ("en-GB", "English (United Kingdom)"), ("en-AU", "English (Australia)"),
             ("fr-CA", "Français (Canada)"))


async def person_page(request: web.Request, admin: Administrator, person_id: int, *,
                      status: int = 200, typed: dict[str, str] | None = None,
                      errors: dict[str, str] | None = None, form: str = "") -> web.Response:
    deps = deps_of(request).directory
    person = await deps.person(admin, person_id)
    merges = await deps.merges(admin, "person", person_id)
    return render(request, "directory_person.html.j2", status=status, person=person,
                  commitments=await deps.commitments(admin, person_id=person_id),
                  merges=merges, typed=typed or {}, errors=errors or {}, form=form,
                  saved=request.query.get("saved", ""),
                  resent=query_number(request, "resent"), languages=LANGUAGES)


@routes.get(f"/admin/directory/people/{ID_PATTERN}")
@page
async def person(request: web.Request) -> web.StreamResponse:
    return await person_page(request, await require_admin(request),
                             path_id(request, "person"))


@routes.post(f"/admin/directory/people/{ID_PATTERN}")
@page
async def change_person(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    person_id = path_id(request, "person")
    typed = {name: str(form.get(name, "")) for name in ("name", "email", "language")}
    try:
        before = await deps_of(request).directory.person(admin, person_id)
        language = _language(form)
        after = await deps_of(request).directory.change_person(
            admin, person_id, name=text_field(form, "name", "The name"),
            email=text_field(form, "email", "The email address"), channel=Channel.DASHBOARD,
            language=language or None, clear_language=language == "")
    except NotFound:
        raise
    except (DomainError, FieldRefused) as exc:
        return await person_page(request, admin, person_id, status=status_of(exc), typed=typed,
                                 form="edit",
                                 errors=field_errors(exc, ["name", "email", "language"]))
    saved = "address" if after.email != before.email else "saved"
    return see_other(f"/admin/directory/people/{person_id}?saved={saved}")


def _language(form: Mapping[str, object]) -> str | None:
    """The chosen language ("" for the project's); None when the form has no such field."""
    if "language" not in form:
        return None
    language = str(form["language"])
    if language not in {value for value, _ in LANGUAGES}:
        raise FieldRefused("language", "The language", "is not one we write mail in")
    return language


@routes.post(f"/admin/directory/people/{ID_PATTERN}/resend")
@page
async def resend(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    person_id = path_id(request, "person")
    try:
        queued = await deps_of(request).directory.resend(admin, person_id, Channel.DASHBOARD)
    except NotFound:
        raise
    except DomainError as exc:
        return await person_page(request, admin, person_id, status=status_of(exc),
                                 form="resend", errors=field_errors(exc, []))
    return see_other(f"/admin/directory/people/{person_id}?resent={queued}")


@routes.post(f"/admin/directory/people/{ID_PATTERN}/merge")
@page
async def merge(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    person_id = path_id(request, "person")
    deps = deps_of(request).directory
    typed = {"merged_email": str(form.get("merged_email", ""))}
    try:
        await deps.person(admin, person_id)  # this person first: another company's is 404
        email = text_field(form, "merged_email", "The duplicate's address")
        duplicate = await deps.person_with_email(admin, email)
        if duplicate is None:
            raise FieldRefused("merged_email", "The duplicate's address",
                               "is nobody's in your directory")
        await deps.merge_people(admin, person_id, duplicate.id)
    except NotFound:
        raise
    except (DomainError, FieldRefused) as exc:
        return await person_page(request, admin, person_id, status=status_of(exc), typed=typed,
                                 form="merge", errors=field_errors(exc, ["merged_email"]))
    return see_other(f"/admin/directory/people/{person_id}?saved=merged")


def register(app: web.Application) -> None:
    add_routes(app, routes)
