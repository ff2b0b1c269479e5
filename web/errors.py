"""The error middlewares: domain errors and edge errors become HTTP answers.

The API and webhook receiver sub-apps answer every error as JSON
`{"error": {"code", "message"}}`; the root application (pages, links) gives short
plain-text answers, or aiohttp's own for its exceptions.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

from aiohttp import web

from domain.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound, PastDue
from web.metrics import route_label

logger = logging.getLogger(__name__)


DOMAIN_STATUSES: Mapping[type[DomainError], int] = {
    InvalidInput: 422, NotFound: 404, Forbidden: 403, Conflict: 409, PastDue: 410,
}

# Codes for aiohttp's own exceptions (unknown route, wrong method, body too large, ...).
HTTP_CODES: Mapping[int, tuple[str, str]] = {
    400: ("bad_request", "the request is malformed"),
    404: ("not_found", "no route matches this path"),
    405: ("method_not_allowed", "this route does not accept this method"),
    413: ("payload_too_large", "the request body is larger than the server accepts"),
}

# Headers of an aiohttp exception worth keeping on the JSON answer (RFC 9110 requires
# Allow on 405; WWW-Authenticate on 401).
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ApiError(Exception):
    """An answer decided at the edge itself: malformed JSON, no token, a wrong field type."""

    def __init__(self, status: int, code: str, message: str, *,
                 headers: Mapping[str, str] | None = None,
                 fields: Sequence[Mapping[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.fields = list(fields)


def error_response(status: int, code: str, message: str, *,
                   headers: Mapping[str, str] | None = None,
                   fields: Sequence[Mapping[str, str]] = ()) -> web.Response:
    """The JSON error answer every API client can rely on."""
    error: dict[str, object] = {"code": code, "message": message}
    if fields:
        error["fields"] = [dict(field) for field in fields]
    return web.json_response({"error": error}, status=status, headers=headers)


def domain_status(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in DOMAIN_STATUSES:
            return DOMAIN_STATUSES[kind]
    return 400


def _from_http_exception(exc: web.HTTPException) -> web.Response:
    code, message = HTTP_CODES.get(exc.status, (exc.reason.lower().replace(" ", "_"),
                                                 exc.reason))
    headers = {name: exc.headers[name] for name in KEPT_HEADERS if name in exc.headers}
    return error_response(exc.status, code, message, headers=headers)


@web.middleware
async def json_error_middleware(request: web.Request,
                                handler: Handler) -> web.StreamResponse:
    """The JSON API's and the webhook receiver's: every error is `{"error": {...}}`."""
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc.status, exc.code, exc.message, headers=exc.headers,
                              fields=exc.fields)
    except DomainError as exc:
        return error_response(domain_status(exc), exc.code, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _from_http_exception(exc)
    except Exception:
        # The route template, not the path: paths can carry ids and tokens.
        logger.exception("unexpected error answering %s %s", request.method,
                         route_label(request))
        return error_response(500, "internal_error",
                              "something went wrong on our side; it has been logged")


@web.middleware
async def page_error_middleware(request: web.Request,
                                handler: Handler) -> web.StreamResponse:
    """Everything else (pages, links): a short plain-text answer for an error a page did
    not render itself; aiohttp's own answers for its exceptions."""
    try:
        return await handler(request)
    except ApiError as exc:
        return web.Response(status=exc.status, text=exc.message, headers=exc.headers)
    except DomainError as exc:
        return web.Response(status=domain_status(exc), text=exc.message)
