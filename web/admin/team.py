"""The team of the company's administrators: GET /admin/team (the administrators, the
invitation form, the sign-in history a page at a time), POST /admin/team/invitations,
POST /admin/team/{id}/remove, and GET/POST /admin/team/password (one's own password).

Everything is the signed-in administrator's company's: another company's administrator
answers 404, like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from domain.errors import Conflict, DomainError, InvalidInput
from domain.model import Administrator
from domain.team import MAX_EMAIL, MAX_NAME, MAX_PASSWORD
from domain.text_rules import without_control_characters
from web.admin.sign_in import see_other
from web.csrf import checked_form
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, MAX_ID, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin, start_session

TEAM_PATH = "/admin/team"
PASSWORD_PATH = "/admin/team/password"  # noqa: S105 - a path, not a password
# ?done=...: the key of what the team page says after a change (fixed words, never the
# query's).
DONE = {"removed": "team.done_removed", "password": "team.done_password"}

routes = web.RouteTableDef()


def done_notice(request: web.Request, keys: dict[str, str]) -> str | None:
    key = keys.get(request.query.get("done", ""))
    return page_wording(request).gettext(key) if key else None


@dataclass
class InviteForm:
    name: str = ""
    email: str = ""
    errors: dict[str, str] = field(default_factory=dict)


async def team_page(request: web.Request, admin: Administrator, *, status: int = 200,
                    form: InviteForm | None = None, error: str | None = None,
                    notice: str | None = None) -> web.Response:
    access = deps_of(request).access
    words = page_wording(request)
    before = query_number(request, "before")
    members = await access.team(admin)
    invited = query_number(request, "invited")
    if invited is not None:
        notice = next((words.gettext("team.invitation_sent").format(email=member.email)
                       for member in members if member.person_id == invited), None)
    history = await access.sign_in_history(
        admin, before if before is not None and 0 < before <= MAX_ID else None)
    return render(request, "team.html.j2", status=status, members=members, you=admin,
                  history=history, form=form or InviteForm(), error=error,
                  notice=notice or done_notice(request, DONE),
                  paged=before is not None,
                  max_name=MAX_NAME, max_email=MAX_EMAIL)


@routes.get(TEAM_PATH)
@page
async def team(request: web.Request) -> web.StreamResponse:
    return await team_page(request, await require_admin(request))


def shown(value: object, limit: int) -> str:
    return (without_control_characters(value) or "")[:limit] if isinstance(value, str) else ""


@routes.post(TEAM_PATH + "/invitations")
@page
async def invite(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    # Kept for the form shown again (what cannot be shown, control characters, is not).
    typed = InviteForm(name=shown(form.get("name"), MAX_NAME),
                       email=shown(form.get("email"), MAX_EMAIL))
    try:
        typed.name = text_field(form, "name", "The name", max_length=MAX_NAME + 1)
        typed.email = text_field(form, "email", "The email address", max_length=MAX_EMAIL + 1)
        member = await deps_of(request).access.invite_admin(
            admin, name=typed.name, email=typed.email)
    except FieldRefused as exc:
        typed.errors[exc.name] = exc.message
        return await team_page(request, admin, status=422, form=typed)
    except (InvalidInput, Conflict) as exc:
        typed.errors["name" if exc.code == "name" else "email"] = exc.message
        return await team_page(request, admin, status=409 if isinstance(exc, Conflict)
                               else 422, form=typed)
    return see_other(f"{TEAM_PATH}?invited={member.person_id}")


@routes.post(f"{TEAM_PATH}/{ID_PATTERN}/remove")
@page
async def remove(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    person_id = path_id(request, "administrator")
    try:
        await deps_of(request).access.remove_admin(admin, person_id)
    except Conflict as exc:
        return await team_page(request, admin, status=409, error=exc.message)
    return see_other(f"{TEAM_PATH}?done=removed")


def password_form(request: web.Request, *, status: int = 200,
                  errors: dict[str, str] | None = None) -> web.Response:
    return render(request, "team_password.html.j2", status=status, errors=errors or {})


@routes.get(PASSWORD_PATH)
@page
async def password_page(request: web.Request) -> web.StreamResponse:
    await require_admin(request)
    return password_form(request)


@routes.post(PASSWORD_PATH)
@page
async def change_password(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    current, new, repeat = (form.get(name, "") for name in ("current", "password", "repeat"))
    if not all(isinstance(value, str) for value in (current, new, repeat)):
        return password_form(request, status=422, errors={
            "password": page_wording(request).gettext("team_password.not_text")})
    assert isinstance(current, str) and isinstance(new, str)
    if not current or len(current) > MAX_PASSWORD:
        return password_form(request, status=422,
                             errors={"current": page_wording(request).gettext(
                                 "team_password.type_current")})
    if new != repeat:
        return password_form(request, status=422, errors={
            "repeat": page_wording(request).gettext("team_password.differ")})
    try:
        changed = await deps_of(request).access.change_password(admin, current=current,
                                                                new=new)
    except DomainError as exc:
        field_name = {"new_password": "password", "throttled": "current"}.get(
            exc.code, "current")
        return password_form(request, status=429 if exc.code == "throttled" else 422,
                             errors={field_name: exc.message})
    response = see_other(f"{TEAM_PATH}?done=password")
    start_session(response, deps_of(request), changed)  # this browser stays signed in
    return response


def register(app: web.Application) -> None:
    add_routes(app, routes)
