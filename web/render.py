"""Rendering pages: one Jinja2 environment (autoescaped, StrictUndefined) per application.

`render` adds what every page needs (the signed-in administrator, the CSRF token of its
forms, static file URLs) to the handler's own context.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Mapping
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from domain.errors import NotFound
from web.contact_session import PAGE_CONTACT
from web.csrf import FIELD, CsrfFailed, set_seed_cookie, token_for
from web.errors import ApiError
from web.forms import FieldRefused
from web.keys import DEPS, deps_of
from web.session import PAGE_ADMIN

HTML = "text/html"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def long_date(value: date | None) -> str:
    """November 25, 2026 (the way the invite mail writes dates)."""
    return "" if value is None else f"{value:%B} {value.day}, {value.year}"


def local_time(value: datetime | None, zone: str = "UTC") -> str:
    """Nov 10, 2026, 9:00 AM CST: a stored UTC moment, in the project's time zone."""
    if value is None:
        return ""
    moment = value.astimezone(ZoneInfo(zone))
    hour = moment.hour % 12 or 12
    return (f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M %p} "
            f"{moment.tzname()}")


class PageRenderer:
    """The templates of `templates/pages/` and the version stamps of its static files."""

    def __init__(self, pages_dir: Path) -> None:
        self.static_dir = pages_dir / "static"
        self.environment = Environment(
            loader=FileSystemLoader(pages_dir), autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.environment.filters["long_date"] = long_date
        self.environment.filters["local_time"] = local_time
        self.environment.globals["static_url"] = self.static_url
        self._stamps: dict[str, str] = {}

    def static_url(self, name: str) -> str:
        # A content hash in the query: browsers may cache the file for long, and still
        # fetch the new one the moment it changes.
        if name not in self._stamps:
            content = (self.static_dir / name).read_bytes()
            self._stamps[name] = hashlib.sha256(content).hexdigest()[:12]
        return f"/static/{name}?v={self._stamps[name]}"

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return self.environment.get_template(name).render(context)


PAGES = web.AppKey("pages.renderer", PageRenderer)


def install_renderer(app: web.Application) -> None:
    if PAGES not in app:
        app[PAGES] = PageRenderer(app[DEPS].templates_dir / "pages")


def render(request: web.Request, name: str, *, status: int = 200,
           headers: Mapping[str, str] | None = None, **context: Any) -> web.Response:
    """The page `name` as an HTML answer."""
    token, new_seed = token_for(request)
    values = {"admin": request.get(PAGE_ADMIN), "contact": request.get(PAGE_CONTACT),
              "csrf_field": FIELD, "csrf_token": token,
              "path": request.path, "dev_mailbox": deps_of(request).mailbox is not None,
              **context}
    body = request.app[PAGES].render(name, values)
    response = web.Response(text=body, content_type=HTML, status=status, headers=headers)
    if new_seed is not None:
        set_seed_cookie(response, deps_of(request), new_seed)
    return response


def error_page(request: web.Request, status: int, title: str, message: str) -> web.Response:
    return render(request, "error.html.j2", status=status, title=title, message=message)


def not_found(request: web.Request) -> web.Response:
    return error_page(request, 404, "Not found",
                      "There is nothing here, or it belongs to another company.")


def page(handler: Handler) -> Handler:
    """Answers a page handler's NotFound with the 404 page, a failed CSRF check with 403,
    and a refused field or malformed number in the address with 400."""

    @wraps(handler)
    async def answer(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except NotFound:
            return not_found(request)
        except CsrfFailed as exc:
            return error_page(request, 403, "This form has expired",
                              f"{exc}. Go back, reload the page and try again.")
        except FieldRefused as exc:
            return error_page(request, 400, "This form cannot be read",
                              f"{exc.message} Go back, correct it and try again.")
        except ApiError as exc:  # a malformed id or number in the address
            return error_page(request, exc.status, "This address is not valid", exc.message)

    return answer
