"""Rendering pages: one Jinja2 environment (autoescaped, StrictUndefined) per application.

`render` adds what every page needs (the signed-in administrator, the CSRF token of its
forms, static file URLs) to the handler's own context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import wraps
from typing import Any

from aiohttp import web

from domain.errors import NotFound
from web.csrf import FIELD, CsrfFailed, set_seed_cookie, token_for
from web.errors import ApiError
from web.forms import FieldRefused
from web.keys import DEPS, PAGE_ADMIN, PAGE_CONTACT, PAGES, deps_of
from web.page_renderer import PageRenderer
from web.page_words import default_words, page_wording

HTML = "text/html"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def install_renderer(app: web.Application) -> None:
    if PAGES not in app:
        app[PAGES] = PageRenderer(app[DEPS].templates_dir / "pages")


def render(request: web.Request, name: str, *, status: int = 200,
           headers: Mapping[str, str] | None = None, words: Mapping[str, str] | None = None,
           **context: Any) -> web.Response:
    """The page `name` as an HTML answer, in `words` (the `locale` and `terminology` of
    web/admin/words.py) or, when neither they nor the context name a locale, the
    request's default (web/page_words.py)."""
    token, new_seed = token_for(request)
    values = {"admin": request.get(PAGE_ADMIN), "contact": request.get(PAGE_CONTACT),
              "csrf_field": FIELD, "csrf_token": token,
              "path": request.path, "dev_mailbox": deps_of(request).mailbox is not None,
              **context}
    if words is not None:
        values.update(words)
    elif "locale" not in context:
        values.update(default_words(request) or {})
    body = request.config_dict[PAGES].render(name, values)
    response = web.Response(text=body, content_type=HTML, status=status, headers=headers)
    if new_seed is not None:
        set_seed_cookie(response, deps_of(request), new_seed)
    return response


def error_page(request: web.Request, status: int, title: str, message: str) -> web.Response:
    return render(request, "error.html.j2", status=status, title=title, message=message)


def not_found(request: web.Request) -> web.Response:
    words = page_wording(request)
    return error_page(request, 404, words.gettext("error.not_found_title"),
                      words.gettext("error.not_found_text"))


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
            words = page_wording(request)
            return error_page(request, 403, words.gettext("error.form_expired_title"),
                              words.gettext("error.form_expired_text").format(reason=exc))
        except FieldRefused as exc:
            words = page_wording(request)
            return error_page(request, 400, words.gettext("error.form_unreadable_title"),
                              words.gettext("error.form_unreadable_text").format(
                                  reason=exc.message))
        except ApiError as exc:  # a malformed id or number in the address
            return error_page(request, exc.status,
                              page_wording(request).gettext("error.bad_address_title"),
                              exc.message)

    return answer
