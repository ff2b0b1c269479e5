"""The OpenAPI document is valid 3.1 and matches the routes the application registers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from domain.webhooks import EVENT_TYPES
from web.app import create_app
from web.keys import OPENAPI, HttpDeps
from webhooks.inbound_schemas import EVENT_TYPES as INBOUND_TYPES

EXCLUDED_PREFIXES = ("/dev/", "/static/")
# Only the API, the webhooks and the operations endpoints are documented; the rest are
# pages for browsers (sign-in, dashboard, mail links).
DOCUMENTED_PREFIXES = ("/api/", "/webhooks/", "/healthz", "/metrics")


class NeverCalled:
    """Stands in for every service: building the app must not touch them."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the static OpenAPI check called {name}")


@pytest.fixture(scope="module")
def app() -> web.Application:
    never = NeverCalled()
    deps = HttpDeps(access=never, health=never, projects=never,  # type: ignore[arg-type]
                    base_url="http://testserver.local", version="0.0.0-test",
                    invites=never, outbox=never, answers=never,
                    invoices=never, inbound_mail=never, inbound_webhooks=never, links=never,
                    webhook_subscriptions=never, webhook_sources=never,
                    **dict.fromkeys((
                        "late_requests", "directory", "commitments", "imports", "waivers",
                        "payments", "pay_applications", "sub_tiers"), never),
                    secret_keys=("k" * 40,), templates_dir=Path("templates"))
    return create_app(deps)


@pytest.fixture(scope="module")
def document(app: web.Application) -> dict[str, Any]:
    return app[OPENAPI].document(version="0.0.0-test", base_url="http://testserver.local")


def registered_operations(app: web.Application) -> set[tuple[str, str]]:
    operations = set()
    for route in app.router.routes():
        resource = route.resource
        if resource is None or route.method in ("HEAD", "*"):
            continue
        path = resource.canonical
        if not path.startswith(DOCUMENTED_PREFIXES):
            continue
        if path.startswith(EXCLUDED_PREFIXES) or isinstance(resource, web.StaticResource):
            continue
        operations.add((route.method.lower(), path))
    return operations


def documented_operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method, path) for path, item in document["paths"].items()
            for method in item if method != "parameters"}


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document, cls=OpenAPIV31SpecValidator)


def test_every_route_is_documented(app: web.Application, document: dict[str, Any]) -> None:
    missing = registered_operations(app) - documented_operations(document)
    assert not missing, f"routes without documentation: {sorted(missing)}"


def test_every_documented_operation_is_a_route(app: web.Application,
                                               document: dict[str, Any]) -> None:
    phantom = documented_operations(document) - registered_operations(app)
    assert not phantom, f"documented but not routed: {sorted(phantom)}"


def test_the_api_needs_a_bearer_token_but_the_document_itself_does_not(
        document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert document["security"] == [{"bearerAuth": []}]
    assert document["paths"]["/api/openapi.json"]["get"]["security"] == []
    assert "401" in document["paths"]["/api/projects"]["post"]["responses"]


def walk(node: object) -> list[dict[str, Any]]:
    """Every JSON object nested in `node`, itself included."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in walk(value))]
    if isinstance(node, list):
        return [found for value in node for found in walk(value)]
    return []


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    for node in walk(document):
        reference = node.get("$ref")
        if isinstance(reference, str):
            section, _, name = reference.removeprefix("#/components/").partition("/")
            assert name in document["components"][section], reference


@pytest.mark.parametrize(("schema", "field"), [
    ("SovLineRequest", "scheduled_value"), ("SovLineRequest", "unit_price"),
    ("NewCommitmentRequest", "retainage_percent_work"),
    ("Commitment", "retainage_percent_work"), ("SovLine", "scheduled_value"),
])
def test_money_is_documented_as_strings_never_numbers(document: dict[str, Any], schema: str,
                                                      field: str) -> None:
    described = document["components"]["schemas"][schema]["properties"][field]
    types = {node["type"] for node in walk(described) if isinstance(node.get("type"), str)}
    assert "string" in types
    assert "number" not in types


def test_every_event_we_send_and_receive_is_documented(document: dict[str, Any]) -> None:
    assert set(document["webhooks"]) == set(EVENT_TYPES)
    body = document["paths"]["/webhooks/{source}"]["post"]["requestBody"]
    assert set(body["content"]["application/json"]["schema"]["discriminator"]["mapping"]) \
        == set(INBOUND_TYPES)
