"""Contacts sign in without a password: GET/POST /c/sign-in asks for a one-time link by
mail, GET /c/sign-in/{token} shows a button, its POST spends the link and signs in;
POST /c/sign-out.

The request page answers the same whether or not the address belongs to an invoice
contact, so it tells nobody who is one. Requests are rate-limited per address and per IP.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from aiohttp import web

from web.admin.sign_in import see_other
from web.browser_locale import browser_locale
from web.client_address import client_address
from web.contact_session import (
    HOME_PATH,
    SIGN_IN_PATH,
    current_contact,
    end_contact_session,
    start_contact_session,
)
from web.csrf import checked_form
from web.forms import text_field
from web.keys import deps_of
from web.render import page, render
from web.routing import add_routes

MAX_EMAIL = 254
LINK_PATH = SIGN_IN_PATH + r"/{token:[^/]{1,200}}"

routes = web.RouteTableDef()


class Refusal(NamedTuple):
    """Why no link was sent: `contact_sign_in.<code>` of the "pages" catalogue, or, with
    `minutes`, the wait before asking again."""

    code: str
    minutes: int = 0


def sign_in_form(request: web.Request, *, status: int = 200, email: str = "",
                 error: Refusal | None = None,
                 headers: dict[str, str] | None = None) -> web.Response:
    return render(request, "contact_sign_in.html.j2", status=status, email=email[:MAX_EMAIL],
                  error=error, headers=headers, locale=browser_locale(request))


@routes.get(SIGN_IN_PATH)
@page
async def ask_form(request: web.Request) -> web.StreamResponse:
    if await current_contact(request) is not None:
        raise web.HTTPFound(HOME_PATH)
    return sign_in_form(request)


@routes.post(SIGN_IN_PATH)
@page
async def ask(request: web.Request) -> web.StreamResponse:
    form = await checked_form(request)
    email = text_field(form, "email", "The email address")
    if not 3 <= len(email) <= MAX_EMAIL or "@" not in email:
        return sign_in_form(request, status=422, email=email,
                            error=Refusal("enter_email"))
    outcome = await deps_of(request).access.request_link(email, client_address(request))
    if not outcome.accepted:
        minutes = max(1, math.ceil(outcome.retry_after.total_seconds() / 60))
        return sign_in_form(
            request, status=429, email=email,
            headers={"Retry-After": str(math.ceil(outcome.retry_after.total_seconds()))},
            error=Refusal("too_many", minutes))
    return render(request, "contact_sign_in_sent.html.j2", email=email,
                  locale=browser_locale(request))


@routes.get(LINK_PATH)
@page
async def link_page(request: web.Request) -> web.StreamResponse:
    # Only looks: mail scanners open links too, and must not spend them.
    usable = await deps_of(request).access.link_is_usable(request.match_info["token"])
    return render(request, "contact_sign_in_link.html.j2", status=200 if usable else 410,
                  usable=usable, locale=browser_locale(request))


@routes.post(LINK_PATH)
@page
async def use_link(request: web.Request) -> web.StreamResponse:
    await checked_form(request)
    contact = await deps_of(request).access.use_link(request.match_info["token"])
    if contact is None:
        return render(request, "contact_sign_in_link.html.j2", status=410, usable=False,
                      locale=browser_locale(request))
    response = see_other(HOME_PATH)
    start_contact_session(response, deps_of(request), contact)
    return response


@routes.post("/c/sign-out")
@page
async def sign_out(request: web.Request) -> web.StreamResponse:
    await checked_form(request)
    contact = await current_contact(request)
    if contact is not None:  # every cookie of this contact, not only this browser's
        await deps_of(request).access.end_sessions(contact.person_id)
    response = see_other(SIGN_IN_PATH)
    end_contact_session(response, deps_of(request))
    return response


def register(app: web.Application) -> None:
    add_routes(app, routes)
