"""The last line of defence at the HTTP edge: control characters in the path or query
string, and NUL anywhere in a form or JSON body, are refused before any handler runs.

Each field is also checked by its own type (payloads/fields.py, web/forms.py), with the
message shown next to it; this middleware is for what a field check missed. It matters most
for NUL, which PostgreSQL cannot store in text or JSON: a NUL that reached a query would
fail there, as a 500, and might leave a half-done request.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import web

from domain.text_rules import control_character_problem, shown
from web.errors import ApiError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

NUL = "\x00"
# In JSON a NUL can only be written escaped (RFC 8259 section 7): the raw body holds
# this text whenever a decoded string would hold NUL, so most bodies are never parsed here.
JSON_NUL_ESCAPE = b"\\u0000"
FORM_TYPE = "application/x-www-form-urlencoded"


def _refused(field: str, problem: str) -> ApiError:
    return ApiError(400, "control_character", f"{field}: {problem}",
                    fields=[{"field": field, "message": problem}])


def nul_location(value: Any, where: str = "") -> str | None:
    """Where in decoded JSON a NUL is (`invoice_contacts[0].name`), or None."""
    if isinstance(value, str):
        return (where or "body") if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = shown(str(key))  # the path is answered and stored: never a raw NUL
            inner = f"{where}.{name}" if where else name
            if NUL in str(key):
                return inner
            if (found := nul_location(item, inner)) is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if (found := nul_location(item, f"{where}[{index}]")) is not None:
                return found
    return None


def _problem(text: str, *, nul_only: bool) -> str | None:
    if nul_only:
        return "contains a NUL character (U+0000)" if NUL in text else None
    return control_character_problem(text)


def _check_pairs(pairs: Iterable[tuple[str, object]], kind: str, *, nul_only: bool) -> None:
    for name, value in pairs:
        if (problem := _problem(name, nul_only=nul_only)) is not None:
            raise _refused(f"{kind} name", problem)
        # Not a string: an uploaded file, whose name is cleaned where it is stored.
        if isinstance(value, str) and (problem := _problem(value, nul_only=nul_only)):
            raise _refused(f"{kind} {name}", problem)


async def _check_body(request: web.Request) -> None:
    if request.content_type == FORM_TYPE:
        # aiohttp keeps the parsed form: the handler's own request.post() reads it again.
        form = await request.post()
        _check_pairs(form.items(), "form field", nul_only=True)
        return
    if request.content_type.startswith("multipart/"):
        return  # streamed by its handler (uploads may exceed the body limit for read())
    raw = await request.read()  # kept by aiohttp for the handler, too
    if JSON_NUL_ESCAPE not in raw:
        return
    try:
        where = nul_location(json.loads(raw))
    except (ValueError, RecursionError):
        return  # not JSON: the handler answers that, naming the problem
    if where is not None:
        raise _refused(where, "contains a NUL character (U+0000)")


def reads_own_body(request: web.Request) -> bool:
    """Signed webhooks stream their raw body to check the signature first; their payload
    is checked for NUL after that (web/webhook_receiver.py), with the field named. The
    commitment import streams its file (past the JSON body limit, up to its own) and
    refuses control characters cell by cell (domain/commitment_import.py)."""
    return request.path.startswith("/webhooks/") or (
        request.path.startswith("/api/") and request.path.endswith("/commitments/import"))


@web.middleware
async def input_guard_middleware(request: web.Request,
                                 handler: Handler) -> web.StreamResponse:
    problem = control_character_problem(request.path)
    if problem is not None:
        raise _refused("path", problem)
    _check_pairs(request.query.items(), "query parameter", nul_only=False)
    if request.method in ("POST", "PUT", "PATCH") and request.can_read_body \
            and not reads_own_body(request):
        await _check_body(request)
    return await handler(request)
