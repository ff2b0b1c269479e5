"""Ids and numbers in paths and query strings, read the same way by the API and the pages:
1 to 12 ASCII digits, or a 400 naming the parameter."""

from __future__ import annotations

from aiohttp import web

from domain import text_rules
from domain.errors import NotFound
from web.errors import ApiError

# Database ids are 32-bit on PostgreSQL: a larger id cannot exist, so it is simply not found.
MAX_ID = 2**31 - 1
# Any segment matches, so that a malformed id gets a 400 saying so (`path_id`) rather than
# a bare "no route"; `\d` would also have matched other scripts' digits.
ID_PATTERN = r"{id:[^/]{1,40}}"


def strict_number(text: str, what: str) -> int:
    """`text` as a number written with 1 to 12 ASCII digits, or 400 naming `what`."""
    value = text_rules.strict_number(text)
    if value is None:
        raise ApiError(400, "invalid_number",
                       f"{what} must be {text_rules.STRICT_NUMBER_RULE}")
    return value


def path_id(request: web.Request, noun: str, name: str = "id") -> int:
    """The id in the path (400 when it is not digits); ids no table can hold are simply
    not found."""
    value = strict_number(request.match_info[name], f"the {noun} id in the path")
    if not 0 < value <= MAX_ID:
        raise NotFound(f"no {noun} with id {value}")
    return value


def query_number(request: web.Request, name: str) -> int | None:
    """An optional numeric query parameter: None when absent or empty, 400 when malformed."""
    text = request.query.get(name, "")
    return None if text == "" else strict_number(text, f"the query parameter {name}")


__all__ = ["ID_PATTERN", "MAX_ID", "path_id", "query_number", "strict_number"]
