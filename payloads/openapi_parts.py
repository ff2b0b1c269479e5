"""Small builders for OpenAPI fragments, so route modules describe operations tersely."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

JsonObject = dict[str, Any]

# Every documented error answer, by status: the name of its component in `responses`.
ERROR_RESPONSES: Mapping[int, tuple[str, str]] = {
    400: ("BadRequest", "The body is not valid JSON or not a JSON object; the path, query "
                        "string or body holds a NUL (or the path or query another control "
                        "character); or an id or number in the path or query is not 1 to "
                        "12 ASCII digits. The message names the field."),
    401: ("Unauthorized", "The bearer token is missing or not valid."),
    403: ("Forbidden", "The caller may not do this."),
    404: ("NotFound", "No such object (or it belongs to another company)."),
    405: ("MethodNotAllowed", "The route exists but not with this method."),
    409: ("Conflict", "The request contradicts the current state."),
    410: ("PastDue", "The due date has passed."),
    413: ("PayloadTooLarge", "The body is larger than the server accepts."),
    415: ("UnsupportedMediaType", "The body's Content-Type is not one this operation reads."),
    422: ("ValidationFailed", "A field is missing, of the wrong type or breaks a rule."),
    500: ("InternalError", "Something unexpected went wrong; details are in the server log."),
}

# What every authenticated API operation may answer besides its own errors (400: the
# input guard, web/input_guard.py, and malformed ids in the path).
API_ERRORS = (400, 401, 500)


def ref(schema_name: str) -> JsonObject:
    return {"$ref": f"#/components/schemas/{schema_name}"}


def json_content(schema: JsonObject) -> JsonObject:
    return {"application/json": {"schema": schema}}


def request_body(schema_name: str, description: str | None = None) -> JsonObject:
    body: JsonObject = {"required": True, "content": json_content(ref(schema_name))}
    if description:
        body["description"] = description
    return body


def list_of(schema_name: str) -> JsonObject:
    """The schema of a list answer: `{"items": [...]}`."""
    return {"type": "object", "required": ["items"], "additionalProperties": False,
            "properties": {"items": {"type": "array", "items": ref(schema_name)}}}


def json_answer(description: str, schema: JsonObject, *, location: bool = False) -> JsonObject:
    answer: JsonObject = {"description": description, "content": json_content(schema)}
    if location:
        answer["headers"] = {"Location": {"description": "The path of the created object.",
                                          "schema": {"type": "string"}}}
    return answer


def error_answers(statuses: Iterable[int]) -> JsonObject:
    return {str(status): {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
            for status in sorted(set(statuses))}


def id_parameter(name: str, description: str) -> JsonObject:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "integer", "minimum": 1}}


def operation(*, operation_id: str, summary: str, tag: str, answers: Mapping[str, JsonObject],
              errors: Iterable[int] = (), body: JsonObject | None = None,
              parameters: Iterable[JsonObject] = (), public: bool = False) -> JsonObject:
    """One operation. `public` ones need no bearer token and do not answer 401."""
    statuses = set(errors) | ({500} if public else set(API_ERRORS))
    described: JsonObject = {"operationId": operation_id, "summary": summary, "tags": [tag],
                             "responses": {**answers, **error_answers(statuses)}}
    if parameters:
        described["parameters"] = list(parameters)
    if body is not None:
        described["requestBody"] = body
    if public:
        described["security"] = []
    return described
