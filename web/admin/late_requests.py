"""The administrator's side of a late request, behind the signed link of the
`late_request` mail: GET /admin/late-requests/{token} shows it and changes nothing (mail
scanners open links); POST grants a number of days (1 to 30) or refuses. The link names
the request and the company: the administrator must be signed in, and another company's
administrator, a damaged or an expired link answer 404."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from app.use_cases.late_requests.service import (
    MAX_DAYS,
    MIN_DAYS,
    LateRequestFacts,
    LateRequests,
)
from domain.errors import DomainError, InvalidInput, NotFound
from domain.model import Administrator
from mailer.i18n import DEFAULT_LOCALE, LOCALES
from web.admin.sign_in import see_other
from web.csrf import checked_form
from web.errors import domain_status
from web.keys import deps_of
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

PATH = "/admin/late-requests/{token:[A-Za-z0-9_.\\-]{1,300}}"
DEFAULT_DAYS = 7

routes = web.RouteTableDef()


def _service(request: web.Request) -> LateRequests:
    return deps_of(request).late_requests


def show(request: web.Request, facts: LateRequestFacts, *, status: int = 200,
         error: str | None = None, days: str = str(DEFAULT_DAYS)) -> web.Response:
    # The project's language (the facts carry its locale; its dictionary is the default).
    words: dict[str, Any] = {"locale": facts.locale if facts.locale in LOCALES
                             else DEFAULT_LOCALE}
    return render(request, "late_request.html.j2", status=status, facts=facts, error=error,
                  **words,
                  days=days, day_choices=range(MIN_DAYS, MAX_DAYS + 1),
                  token=request.match_info["token"],
                  decided=request.query.get("decided") == "1")


async def _facts(request: web.Request, admin: Administrator) -> LateRequestFacts:
    return await _service(request).for_admin(admin, request.match_info["token"])


@routes.get(PATH)
@page
async def late_request(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    return show(request, await _facts(request, admin))


@routes.post(PATH)
@page
async def decide(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    facts = await _facts(request, admin)  # 404 before anything is read from the form
    grant = form.get("action") == "grant"
    typed = str(form.get("days", "")).strip()
    days = int(typed) if typed.isascii() and typed.isdigit() and len(typed) <= 3 else None
    try:
        await _service(request).decide(admin, request.match_info["token"], grant=grant,
                                       days=days)
    except NotFound:
        raise
    except InvalidInput as error:
        return show(request, facts, status=422, error=error.message, days=typed)
    except DomainError as error:
        return show(request, facts, status=domain_status(error), error=error.message,
                    days=typed)
    return see_other(f"{request.path}?decided=1")


def register(app: web.Application) -> None:
    add_routes(app, routes)
