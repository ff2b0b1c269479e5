"""Calls through the real application, each answer checked against the OpenAPI document
the application serves: the JSON body against the documented schema for its status
(JSON Schema Draft 2020-12, `#/components/...` resolved within the document)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp.test_utils import TestClient
from jsonschema import Draft202012Validator, FormatChecker

JSON = "application/json"


def answer_schema(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` as a standalone Draft 2020-12 schema whose `#/components/...` resolve."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": document["components"], "allOf": [schema]}


def schema_errors(document: dict[str, Any], schema: dict[str, Any], body: Any) -> list[str]:
    validator = Draft202012Validator(answer_schema(document, schema),
                                     format_checker=FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
            for error in validator.iter_errors(body)]


def documented_answers(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(method, path, status) of every documented 2xx answer with a JSON body."""
    return {(method.upper(), path, status)
            for path, operations in document["paths"].items()
            for method, operation in operations.items() if isinstance(operation, dict)
            for status, answer in operation.get("responses", {}).items()
            if status.startswith("2") and JSON in answer.get("content", {})}


@dataclass
class ContractClient:
    """Calls `client` by path template and checks each answer against `document`."""

    client: TestClient
    document: dict[str, Any]
    reached: set[tuple[str, str, str]] = field(default_factory=set)

    async def call(self, method: str, template: str, expect: int, *,
                   headers: dict[str, str] | None = None, json: Any = None,
                   data: bytes | None = None,
                   params: dict[str, Any] | None = None, **path: Any) -> Any:
        """The answer's JSON body (None without one), after checking status and schema."""
        response = await self.client.request(method, template.format(**path), json=json,
                                             data=data, params=params, headers=headers)
        text = await response.text()
        assert response.status == expect, f"{method} {template}: {response.status} {text}"
        operation = self.document["paths"][template][method.lower()]
        answer = operation["responses"].get(str(expect))
        assert answer is not None, f"{method} {template} answered {expect}, not documented"
        answer = self._resolve(answer)
        if JSON not in answer.get("content", {}):
            return None
        assert response.content_type == JSON, f"{method} {template}: {response.content_type}"
        body = await response.json()
        errors = schema_errors(self.document, answer["content"][JSON]["schema"], body)
        assert not errors, f"{method} {template} {expect} breaks its schema: {errors}"
        self.reached.add((method.upper(), template, str(expect)))
        return body

    def _resolve(self, answer: dict[str, Any]) -> dict[str, Any]:
        reference = answer.get("$ref")
        if reference is None:
            return answer
        name = reference.removeprefix("#/components/responses/")
        resolved: dict[str, Any] = self.document["components"]["responses"][name]
        return resolved

    def unreached(self) -> list[tuple[str, str, str]]:
        return sorted(documented_answers(self.document) - self.reached)
