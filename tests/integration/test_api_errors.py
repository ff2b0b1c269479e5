"""How the JSON API answers what it cannot handle, and the operations endpoints."""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from domain.model import Administrator
from tests.support.api import PROJECT, assert_error
from web.app import create_app
from web.keys import HttpDeps


async def test_an_unknown_api_route_is_json_404(api: TestClient,
                                                admin_headers: dict[str, str]) -> None:
    response = await api.get("/api/no-such-thing", headers=admin_headers)
    await assert_error(response, 404, "not_found")


async def test_a_wrong_method_is_json_405_with_allow(api: TestClient,
                                                     admin_headers: dict[str, str]) -> None:
    response = await api.delete("/api/projects", headers=admin_headers)
    await assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


async def test_malformed_json_is_400(api: TestClient, admin_headers: dict[str, str]) -> None:
    headers = {**admin_headers, "Content-Type": "application/json"}
    for body in (b'{"name": ', b"", b"\xff\xfe{", b'{"name": NaN}'):
        response = await api.post("/api/projects", data=body, headers=headers)
        await assert_error(response, 400, "malformed_json")


async def test_a_body_that_is_not_an_object_is_400(api: TestClient,
                                                   admin_headers: dict[str, str]) -> None:
    response = await api.post("/api/projects", json=[PROJECT], headers=admin_headers)
    await assert_error(response, 400, "malformed_json")


async def test_a_body_too_large_is_json_413(api: TestClient,
                                            admin_headers: dict[str, str]) -> None:
    body = {**PROJECT, "invitation_message": "x" * (2 * 1024 * 1024)}
    response = await api.post("/api/projects", json=body, headers=admin_headers)
    await assert_error(response, 413, "payload_too_large")


async def test_healthz_reports_ok_with_the_version(api: TestClient) -> None:
    response = await api.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok"
    assert body["checks"]
    assert body["version"]


async def test_metrics_count_requests_by_route_template(api: TestClient,
                                                        admin_headers: dict[str, str]) -> None:
    await api.get("/api/projects/12345", headers=admin_headers)
    response = await api.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = await response.text()
    assert "# TYPE itb_http_requests_total counter" in text
    assert "# TYPE itb_http_request_duration_seconds histogram" in text
    assert ('itb_http_requests_total{method="GET",route="/api/projects/{id}",status="404"} 1'
            in text)
    assert "/api/projects/12345" not in text
    assert 'le="+Inf"' in text


class ExplodingProjects:
    """A projects service that fails unexpectedly: the only way to provoke a 500."""

    async def list_projects(self, admin: Administrator) -> list[Any]:
        raise RuntimeError("database password is hunter2")


class OneTokenAuthenticator:
    async def admin_for_api_token(self, token: str) -> Administrator | None:
        if hmac.compare_digest(token, "good-token"):
            return Administrator(person_id=1, company_id=1, name="Ada", email="ada@example.com")
        return None


@pytest.fixture
async def exploding_api() -> AsyncIterator[TestClient]:
    deps = HttpDeps(access=OneTokenAuthenticator(), health=None,  # type: ignore[arg-type]
                    projects=ExplodingProjects(), base_url="http://testserver.local",
                    version="0.0.0-test", invites=None, outbox=None,  # type: ignore[arg-type]
                    answers=None, invoices=None,  # type: ignore[arg-type]
                    inbound_mail=None, inbound_webhooks=None, links=None,  # type: ignore[arg-type]
                    webhook_subscriptions=None, webhook_sources=None,  # type: ignore[arg-type]
                    **dict.fromkeys((
                        "late_requests", "directory", "commitments", "imports", "waivers",
                        "payments", "pay_applications", "sub_tiers")),
                    secret_keys=("k" * 40,), templates_dir=Path("templates"))
    client = TestClient(TestServer(create_app(deps)))
    await client.start_server()
    yield client
    await client.close()


async def test_an_unexpected_error_is_a_generic_500_logged_with_its_traceback(
        exploding_api: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="web.errors"):
        response = await exploding_api.get("/api/projects",
                                            headers={"Authorization": "Bearer good-token"})
    error = await assert_error(response, 500, "internal_error")
    assert "hunter2" not in error["message"]
    records = [r for r in caplog.records if r.name == "web.errors"]
    assert records and records[0].exc_info is not None
    assert "good-token" not in caplog.text


async def test_paths_outside_the_api_keep_aiohttp_answers(api: TestClient) -> None:
    response = await api.get("/no-such-page")
    assert response.status == 404
    assert response.content_type != "application/json"
