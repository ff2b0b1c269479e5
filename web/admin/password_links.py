"""Administrators' passwords by mailed link, before signing in (on the root application,
beside /sign-in): GET/POST /sign-in/forgot asks for a reset link; GET/POST
/sign-in/reset/{token} and /sign-in/welcome/{token} (an invited colleague's link) set a
password.

The request page answers the same whether or not the address has an account, so it tells
nobody who has one. Opening a link only looks (mail scanners open links too); the POST
spends it. A new password ends every session of the person; they then sign in with it.
"""

from __future__ import annotations

import math

from aiohttp import web

from app.links import LinkPurpose
from domain.errors import Conflict, InvalidInput
from domain.team import MAX_EMAIL, MAX_PASSWORD
from web.admin.sign_in import see_other
from web.client_address import client_address
from web.csrf import Form, checked_form
from web.forms import text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.render import error_page, page, render
from web.routing import add_routes
from web.session import SIGN_IN_PATH

FORGOT_PATH = SIGN_IN_PATH + "/forgot"
LINK_PATH = SIGN_IN_PATH + r"/{kind:reset|welcome}/{token:[^/]{1,200}}"
# What each link is for, where a success goes; its page's words are the keys
# set_password.<kind>_title, _intro and _gone (templates/locales/*/pages.po).
LINKS = {
    "reset": (LinkPurpose.PASSWORD_RESET, "password"),
    "welcome": (LinkPurpose.ADMIN_INVITATION, "welcome"),
}

routes = web.RouteTableDef()


def forgot_form(request: web.Request, *, status: int = 200, email: str = "",
                error: str | None = None,
                headers: dict[str, str] | None = None) -> web.Response:
    return render(request, "password_reset_request.html.j2", status=status,
                  email=email[:MAX_EMAIL], error=error, headers=headers)


@routes.get(FORGOT_PATH)
@page
async def ask_form(request: web.Request) -> web.StreamResponse:
    return forgot_form(request)


@routes.post(FORGOT_PATH)
@page
async def ask(request: web.Request) -> web.StreamResponse:
    form = await checked_form(request)
    email = text_field(form, "email", "The email address")
    if not 3 <= len(email) <= MAX_EMAIL or "@" not in email:
        return forgot_form(request, status=422, email=email, error=page_wording(
            request).gettext("password_reset_request.bad_email"))
    outcome = await deps_of(request).access.request_password_reset(email,
                                                                   client_address(request))
    if not outcome.accepted:
        wait = math.ceil(outcome.retry_after.total_seconds())
        minutes = max(1, math.ceil(wait / 60))
        return forgot_form(request, status=429, email=email,
                           headers={"Retry-After": str(wait)},
                           error=page_wording(request).ngettext(
                               "password_reset_request.throttled",
                               "password_reset_request.throttled_plural",
                               minutes).format(minutes=minutes))
    return render(request, "password_reset_sent.html.j2", email=email)


def link_kind(request: web.Request) -> str:
    return request.match_info["kind"]


async def link_page(request: web.Request, *, status: int = 200,
                    errors: dict[str, str] | None = None) -> web.Response:
    kind = link_kind(request)
    purpose, _ = LINKS[kind]
    words = page_wording(request)
    email = await deps_of(request).access.password_link_email(request.match_info["token"],
                                                              purpose)
    if email is None:
        return render(request, "set_password.html.j2", status=410, usable=False,
                      title=words.gettext("set_password.gone_title"),
                      gone=words.gettext(f"set_password.{kind}_gone"), errors={}, kind=kind)
    return render(request, "set_password.html.j2", status=status, usable=True,
                  title=words.gettext(f"set_password.{kind}_title"),
                  intro=words.gettext(f"set_password.{kind}_intro"), email=email,
                  errors=errors or {}, kind=kind)


@routes.get(LINK_PATH)
@page
async def show(request: web.Request) -> web.StreamResponse:
    return await link_page(request)


def passwords(request: web.Request, form: Form) -> tuple[str, dict[str, str]]:
    """The new password typed twice, and what is wrong with the form (field -> message)."""
    new, repeat = form.get("password", ""), form.get("repeat", "")
    if not isinstance(new, str) or not isinstance(repeat, str):
        return "", {"password": "The password must be text."}
    if len(new) > MAX_PASSWORD:
        return "", {"password": f"The password must have at most {MAX_PASSWORD} characters."}
    if new != repeat:
        return "", {"repeat": page_wording(request).gettext("set_password.differ")}
    return new, {}


@routes.post(LINK_PATH)
@page
async def set_password(request: web.Request) -> web.StreamResponse:
    form = await checked_form(request)
    purpose, done = LINKS[link_kind(request)]
    new, errors = passwords(request, form)
    if errors:
        return await link_page(request, status=422, errors=errors)
    try:
        admin = await deps_of(request).access.set_password_with_link(
            request.match_info["token"], purpose, new)
    except InvalidInput as exc:
        return await link_page(request, status=422, errors={"password": exc.message})
    except Conflict as exc:
        return error_page(request, 409,
                          page_wording(request).gettext("set_password.conflict_title"),
                          exc.message)
    if admin is None:
        return await link_page(request)  # used or expired meanwhile: the 410 page
    return see_other(f"{SIGN_IN_PATH}?done={done}")


def register(app: web.Application) -> None:
    add_routes(app, routes)
