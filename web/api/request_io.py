"""Reading API requests and writing API answers: JSON bodies in, response models out as
JSON, 201s and lists (path ids and query numbers: web/path_params.py, shared with the
pages)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from web.api.resources.base import ResponseModel
from web.errors import ApiError

Model = TypeVar("Model", bound=BaseModel)

MAX_REPORTED_ERRORS = 5

# Pydantic's wording for these names internal classes or reads awkwardly in an API answer.
FRIENDLIER_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "model_type": "must be a JSON object",
    "model_attributes_type": "must be a JSON object",
    "list_type": "must be a JSON array",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be a string",
}


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object, or 400. Oversized bodies raise aiohttp's 413."""
    raw = await request.read()
    try:
        # NaN and Infinity are Python extensions, not JSON (RFC 8259).
        data = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "malformed_json", "the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "the request body must be a JSON object")
    return data


def _field_name(location: Iterable[int | str]) -> str:
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "body"


def validation_failed(error: ValidationError) -> ApiError:
    """A 422 naming each offending field, e.g. `sov_lines[0].scheduled_value: ...`."""
    fields = [{"field": _field_name(item["loc"]),
               "message": FRIENDLIER_MESSAGES.get(item["type"], item["msg"])}
              for item in error.errors(include_url=False, include_input=False)]
    summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:MAX_REPORTED_ERRORS])
    if len(fields) > MAX_REPORTED_ERRORS:
        summary += f"; and {len(fields) - MAX_REPORTED_ERRORS} more"
    return ApiError(422, "invalid_input", summary, fields=fields)


async def read_model(request: web.Request, model: type[Model]) -> Model:
    """The body validated by `model`: 400 when it is not JSON, 422 when a field is wrong."""
    data = await read_json_object(request)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_failed(error) from None


def answer(model: ResponseModel, *, status: int = 200,
           headers: Mapping[str, str] | None = None) -> web.Response:
    """The model as its documented JSON."""
    return web.json_response(model.to_json(), status=status, headers=headers)


def created(model: ResponseModel, location: str) -> web.Response:
    """201 with the new object and a Location header (relative, valid per RFC 9110)."""
    return answer(model, status=201, headers={"Location": location})


def listed(models: Iterable[ResponseModel]) -> web.Response:
    """A list answer: `{"items": [...]}`."""
    return web.json_response({"items": [model.to_json() for model in models]})
