"""The query of the directory's lists: `search`, `limit` and `cursor`, read strictly."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from domain.directory import MAX_PAGE
from domain.text_rules import control_character_problem
from payloads.openapi_parts import JsonObject
from web.errors import ApiError
from web.path_params import query_number

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class ListQuery:
    search: str
    limit: int
    cursor: int | None


def list_query(request: web.Request) -> ListQuery:
    search = request.query.get("search", "")
    if len(search) > 200 or control_character_problem(search):
        raise ApiError(400, "invalid_query", "search must be at most 200 characters of text")
    limit = query_number(request, "limit")
    if limit is not None and not 1 <= limit <= MAX_PAGE:
        raise ApiError(400, "invalid_query", f"limit must be between 1 and {MAX_PAGE}")
    return ListQuery(search.strip(), limit or DEFAULT_LIMIT, query_number(request, "cursor"))


LIST_PARAMETERS: list[JsonObject] = [
    {"name": "search", "in": "query", "required": False,
     "description": "Part of a company's name, a person's name or an address.",
     "schema": {"type": "string", "maxLength": 200}},
    {"name": "limit", "in": "query", "required": False,
     "description": f"Companies per page (1 to {MAX_PAGE}, default {DEFAULT_LIMIT}).",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
    {"name": "cursor", "in": "query", "required": False,
     "description": "The `next` of the previous page.",
     "schema": {"type": "integer", "minimum": 1}},
]
