"""The OpenAPI 3.1 document, assembled from what each route group contributes.

A route module's `register(app)` adds its routes and calls `app[OPENAPI].add_paths(...)`
(and `add_models(...)` for its request models, `add_responses(...)` for its response models:
their JSON schemas, with nested `$defs` lifted, become components); the document served at
/api/openapi.json is built from the registry, so it cannot forget a group that registered.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from payloads.openapi_parts import ERROR_RESPONSES, JsonObject, json_content, ref

REF_TEMPLATE = "#/components/schemas/{model}"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})

ERROR_SCHEMA: JsonObject = {
    "type": "object", "required": ["error"], "additionalProperties": False,
    "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "description": "Stable, machine-readable.",
                     "examples": ["not_found", "invalid_input", "duplicate_period"]},
            "message": {"type": "string", "description": "For people; may change."},
            "fields": {"type": "array", "description": "Validation errors, field by field.",
                       "items": {"type": "object", "required": ["field", "message"],
                                 "properties": {"field": {"type": "string"},
                                                "message": {"type": "string"}}}},
        },
    }},
}


class OpenApiRegistry:
    """Paths and component schemas contributed by the route groups of one application."""

    def __init__(self) -> None:
        self._paths: dict[str, dict[str, JsonObject]] = {}
        self._schemas: dict[str, JsonObject] = {"Error": ERROR_SCHEMA}
        self._models: dict[str, type[BaseModel]] = {}
        self._responses: dict[str, type[BaseModel]] = {}
        # OpenAPI 3.1 `webhooks`: the requests we send to other systems, by event type.
        self._webhooks: dict[str, JsonObject] = {}

    def add_paths(self, paths: Mapping[str, Mapping[str, JsonObject]]) -> None:
        """Add operations; a path may be shared by groups, a (path, method) pair may not."""
        for path, operations in paths.items():
            known = self._paths.setdefault(path, {})
            for method, described in operations.items():
                if method in HTTP_METHODS and method in known:
                    raise ValueError(f"{method.upper()} {path} is documented twice")
                known[method] = copy.deepcopy(described)

    def add_schemas(self, schemas: Mapping[str, JsonObject]) -> None:
        """Add hand-written component schemas (the webhooks' documentation)."""
        for name, schema in schemas.items():
            if name in self._schemas and self._schemas[name] != schema:
                raise ValueError(f"schema {name} is defined twice, differently")
            self._schemas[name] = copy.deepcopy(schema)

    def add_models(self, *models: type[BaseModel]) -> None:
        """Add pydantic request models; their JSON schemas become components."""
        for model in models:
            self._models[model.__name__] = model

    def add_responses(self, *models: type[BaseModel]) -> None:
        """Add pydantic response models, described as they serialise (`mode="json"`)."""
        for model in models:
            self._responses[model.__name__] = model

    def add_webhooks(self, webhooks: Mapping[str, JsonObject]) -> None:
        """Describe outgoing webhooks (the top-level `webhooks` of OpenAPI 3.1)."""
        for name, described in webhooks.items():
            if name in self._webhooks:
                raise ValueError(f"webhook {name} is documented twice")
            self._webhooks[name] = copy.deepcopy(described)

    @property
    def paths(self) -> Mapping[str, Mapping[str, JsonObject]]:
        return self._paths

    def document(self, *, version: str, base_url: str) -> JsonObject:
        """The complete OpenAPI 3.1 document."""
        schemas = dict(self._schemas)
        described: list[tuple[type[BaseModel], JsonSchemaMode]] = [
            *((model, "validation") for model in self._models.values()),
            *((model, "serialization") for model in self._responses.values())]
        if described:
            _, generated = models_json_schema(described, ref_template=REF_TEMPLATE)
            for name in generated.get("$defs", {}):
                if name in schemas:
                    raise ValueError(f"schema {name} is defined twice")
            schemas.update(generated.get("$defs", {}))
        document: JsonObject = {
            "openapi": "3.1.0",
            "info": {"title": "Invite to Bill", "version": version,
                     "description": "Invite subcontractors to bill: projects, commitments, "
                                    "billing periods, invites, invoices and webhooks. Money "
                                    "and percentages are decimal strings with two places."},
            "servers": [{"url": base_url.rstrip("/") or "/"}],
            "security": [{"bearerAuth": []}],
            "paths": {path: dict(ops) for path, ops in sorted(self._paths.items())},
            "components": {
                "securitySchemes": {"bearerAuth": {
                    "type": "http", "scheme": "bearer",
                    "description": "An API token from `invite-to-bill api-token`."}},
                "schemas": dict(sorted(schemas.items())),
                "responses": _error_responses(),
            },
        }
        if self._webhooks:
            document["webhooks"] = dict(sorted(self._webhooks.items()))
        return document


def _error_responses() -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, (name, description) in ERROR_RESPONSES.items():
        answer: JsonObject = {"description": description, "content": json_content(ref("Error"))}
        if status == 401:
            answer["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"},
                                                      "description": "Always `Bearer`."}}
        responses[name] = answer
    return responses
