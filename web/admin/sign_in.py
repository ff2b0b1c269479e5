"""Signing in and out: GET / , GET/POST /sign-in, POST /sign-out.

Password attempts are counted per account and per client address (the use case refuses
an attempt over either limit before hashing: 429 with Retry-After); signing out ends
every session of the administrator, not only this browser's cookie.
"""

from __future__ import annotations

import math

from aiohttp import web

from domain.text_rules import without_control_characters
from web.client_address import client_address
from web.csrf import checked_form
from web.forms import text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.render import page, render
from web.routing import add_routes
from web.session import (
    HOME_PATH,
    SIGN_IN_PATH,
    current_admin,
    end_session,
    safe_next,
    start_session,
)

# Longer values are never valid; refusing them spares the password hash the work.
MAX_EMAIL = 254
MAX_PASSWORD = 1024
# ?done=...: the key of what the page says after a password was set with a mailed link
# (fixed words, so the address bar cannot put text of its own on the page).
NOTICES = {"password": "sign_in.done_password", "welcome": "sign_in.done_welcome"}

routes = web.RouteTableDef()


def see_other(location: str) -> web.Response:
    """303: after a POST the browser follows with a GET (RFC 9110 section 15.4.4)."""
    return web.Response(status=303, headers={"Location": location})


@routes.get("/")
async def home(request: web.Request) -> web.Response:
    raise web.HTTPFound(HOME_PATH)


@routes.get(SIGN_IN_PATH)
@page
async def sign_in_form(request: web.Request) -> web.StreamResponse:
    next_path = safe_next(request.query.get("next"))
    if await current_admin(request) is not None:
        raise web.HTTPFound(next_path)
    notice = NOTICES.get(request.query.get("done", ""))
    return render(request, "sign_in.html.j2", next_path=next_path, email="", error=None,
                  notice=page_wording(request).gettext(notice) if notice else None)


@routes.post(SIGN_IN_PATH)
@page
async def sign_in(request: web.Request) -> web.StreamResponse:
    form = await checked_form(request)
    email, password = text_field(form, "email", "The email address"), \
        str(form.get("password", ""))
    next_path = safe_next(text_field(form, "next", "The page to return to"))
    admin = None
    if email and password and len(email) <= MAX_EMAIL and len(password) <= MAX_PASSWORD:
        outcome = await deps_of(request).access.admin_for_password(
            email, password, client_address(request),
            without_control_characters(request.headers.get("User-Agent")))
        if outcome.throttled:
            wait = math.ceil(outcome.retry_after.total_seconds())
            minutes = max(1, math.ceil(wait / 60))
            return render(request, "sign_in.html.j2", status=429, next_path=next_path,
                          email=email[:MAX_EMAIL], headers={"Retry-After": str(wait)},
                          notice=None,
                          error=page_wording(request).ngettext(
                              "sign_in.throttled", "sign_in.throttled_plural",
                              minutes).format(minutes=minutes))
        admin = outcome.admin
    if admin is None:
        # The same words whether the address is unknown or the password wrong: the page
        # must not tell who has an account.
        return render(request, "sign_in.html.j2", status=401, next_path=next_path,
                      email=email[:MAX_EMAIL], notice=None,
                      error=page_wording(request).gettext("sign_in.wrong_credentials"))
    response = see_other(next_path)
    start_session(response, deps_of(request), admin)
    return response


@routes.post("/sign-out")
@page
async def sign_out(request: web.Request) -> web.StreamResponse:
    await checked_form(request)
    admin = await current_admin(request)
    if admin is not None:  # every cookie of this administrator, not only this browser's
        await deps_of(request).access.end_sessions(admin.person_id)
    response = see_other(SIGN_IN_PATH)
    end_session(response, deps_of(request))
    return response


def register(app: web.Application) -> None:
    add_routes(app, routes)
