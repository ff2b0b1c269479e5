"""Paging every API list the same way: `?limit=` and `?cursor=` in, `{"items": [...],
"next": <cursor or null>}` out.

A cursor is opaque to clients: the last key of the page (a list's items are in the order
of a unique key), signed with the service's secret keys and bound to the list it came
from (the caller's company, the path and the other query parameters). A cursor that was
tampered with, or that comes from another list or another company, answers 400; it can
never read what the list itself would not show.

To page a list:

    page = page_request(request)                       # 400 on a bad limit or cursor
    found = await use_case.a_page_of_things(admin, ..., page)      # keyset in the store
    return paged(request, [Thing.from_record(x) for x in found.items], found.next_after)

A list that is small by nature (a company's webhook sources) may be read whole and cut
with `page_of`, which keeps the same keyset semantics.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from aiohttp import web
from itsdangerous import BadData, URLSafeSerializer

from domain.listing import Page, PageRequest
from domain.text_rules import strict_number
from payloads.openapi_parts import JsonObject, ref
from web.api.resources.base import ResponseModel, json_list
from web.errors import ApiError
from web.keys import admin_of, deps_of

T = TypeVar("T")

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
SALT = "itb.api.cursor"
# Parameters that choose the page rather than the list.
PAGING_PARAMETERS = ("limit", "cursor")
MAX_CURSOR_LENGTH = 200

PAGE_PARAMETERS: list[JsonObject] = [
    {"name": "limit", "in": "query", "required": False,
     "description": f"Items per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT}},
    {"name": "cursor", "in": "query", "required": False,
     "description": "The `next` of the previous page, as given; absent for the first page. "
                    "Valid only for the list (and the query) it came from.",
     "schema": {"type": "string", "maxLength": MAX_CURSOR_LENGTH}},
]


def paged_list_of(schema_name: str, **extra: JsonObject) -> JsonObject:
    """The schema of a paged list answer: `{"items": [...], "next": ..., **extra}`."""
    return {"type": "object", "required": ["items", "next", *extra],
            "additionalProperties": False,
            "properties": {
                "items": {"type": "array", "items": ref(schema_name)},
                "next": {"type": ["string", "null"],
                         "description": "The cursor of the next page; null on the last page."},
                **extra}}


def _serializer(request: web.Request) -> URLSafeSerializer:
    return serializer(deps_of(request).secret_keys)


def serializer(secret_keys: Sequence[str]) -> URLSafeSerializer:
    # itsdangerous signs with the last key of the list and verifies with all of them.
    return URLSafeSerializer(list(reversed(secret_keys)), salt=SALT)


def scope_of(company_id: int, path: str, query: Iterable[tuple[str, str]]) -> str:
    """The list a cursor belongs to: company, path and the query minus the paging."""
    kept = sorted((name, value) for name, value in query if name not in PAGING_PARAMETERS)
    text = f"{company_id}\n{path}\n{kept!r}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _scope(request: web.Request) -> str:
    return scope_of(admin_of(request).company_id, request.path, request.query.items())


def bad_cursor() -> ApiError:
    return ApiError(400, "invalid_cursor", "cursor is not one this list gave: start again "
                    "without it")


def page_request(request: web.Request) -> PageRequest:
    """The page asked for: `limit` (default 100, at most 500) after the cursor's key."""
    limit_text = request.query.get("limit", "")
    limit = DEFAULT_LIMIT
    if limit_text != "":
        value = strict_number(limit_text)
        if value is None or not 1 <= value <= MAX_LIMIT:
            raise ApiError(400, "invalid_limit",
                           f"limit must be a whole number from 1 to {MAX_LIMIT}")
        limit = value
    cursor = request.query.get("cursor", "")
    if cursor == "":
        return PageRequest(limit)
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise bad_cursor()
    try:
        scope, after = _serializer(request).loads(cursor)
    except (BadData, ValueError, TypeError):
        raise bad_cursor() from None
    if scope != _scope(request) or type(after) is not int or after < 0:
        raise bad_cursor()
    return PageRequest(limit, after=after)


def cursor_after(request: web.Request, key: int | None) -> str | None:
    """The cursor of the page after the key `key` (None: there is no next page)."""
    if key is None:
        return None
    return str(_serializer(request).dumps([_scope(request), key]))


def paged(request: web.Request, items: Sequence[ResponseModel], next_after: int | None, *,
          extra: Mapping[str, Any] | None = None) -> web.Response:
    """A page answer: `{**extra, "items": [...], "next": cursor or null}`."""
    body = {**(extra or {}), "items": json_list(items),
            "next": cursor_after(request, next_after)}
    return web.json_response(body)


def page_of(records: Iterable[T], page: PageRequest, key: Callable[[T], int], *,
            descending: bool = False) -> Page[T]:
    """One page of a list read whole (small by nature), in key order (or descending):
    the same keyset semantics as the store's pages."""
    ordered = sorted(records, key=key, reverse=descending)
    if page.after is not None:
        after = page.after
        ordered = [r for r in ordered if (key(r) < after if descending else key(r) > after)]
    chosen = ordered[:page.limit]
    more = len(ordered) > page.limit
    return Page(tuple(chosen), key(chosen[-1]) if more and chosen else None)


def record_id(record: Any) -> int:
    """The key of records keyed by their `id`."""
    key = record.id
    assert isinstance(key, int)
    return key
