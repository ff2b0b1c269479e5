"""JSON API helpers: creating objects, reading answers, asserting error answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.world import World

PROJECT = {"name": "Riverside Clinic", "number": "P-2025-014", "time_zone": "America/Chicago",
           "locale": "en-US", "accounting_method": "amount"}


async def create_project(api: TestClient, headers: dict[str, str],
                         **changes: Any) -> dict[str, Any]:
    response = await api.post("/api/projects", json={**PROJECT, **changes}, headers=headers)
    assert response.status == 201, await response.text()
    return await response.json()


async def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    error = (await response.json())["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    return error


COMMITMENT: dict[str, Any] = {
    "number": "SC-001", "title": "Concrete and formwork", "kind": "subcontract",
    "contract_company": {"name": "Granite Concrete LLC"},
    "retainage_percent_work": "10", "retainage_percent_stored": "5.5",
    "sov_lines": [
        {"item_number": "1", "cost_code": "03-300", "description": "Foundations",
         "scheduled_value": "125000.5", "change_order": False},
        {"item_number": "2", "cost_code": None, "description": "Slab on grade",
         "scheduled_value": 80000},
        {"item_number": "CO-1", "description": "Deduct: rebar credit",
         "scheduled_value": "-1250.00", "change_order": True},
    ],
    "invoice_contacts": [{"name": "Gina Granite", "email": "Gina@Granite.example"},
                         {"name": "Bo Books", "email": "ap@granite.example"}],
}


def invites_path(world: World) -> str:
    return f"/api/billing-periods/{world.demo.billing_period_id}/invites"


async def send(world_api: TestClient, headers: dict[str, str], world: World,
               body: dict[str, Any]) -> Any:
    return await world_api.post(invites_path(world), json=body, headers=headers)


async def get_json(world_api: TestClient, headers: dict[str, str], path: str) -> Any:
    response = await world_api.get(path, headers=headers)
    assert response.status == 200, await response.text()
    return await response.json()


async def rival_headers(world: World) -> dict[str, str]:
    """An administrator of another company, in the same world."""
    await world.container.access.create_admin(
        email="otto@rival.example", name="Otto Rival", password="correct horse battery",
        company_name="Rival Construction")
    token = await world.container.access.issue_api_token("otto@rival.example")
    return {"Authorization": f"Bearer {token}"}


def assert_aware(moment: str) -> None:
    assert datetime.fromisoformat(moment).utcoffset() is not None, moment
