"""Helpers for invoice tests: a project with a commitment and two periods, through the API."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.integration.test_api_projects import create_project

OCTOBER = {"start_date": "2026-10-01", "end_date": "2026-10-31", "due_date": "2026-10-25"}
NOVEMBER = {"start_date": "2026-11-01", "end_date": "2026-11-30", "due_date": "2026-11-25"}

COMMITMENT: dict[str, Any] = {
    "number": "SC-100", "title": "Structure", "kind": "subcontract",
    "contract_company": {"name": "Granite Concrete LLC"},
    "retainage_percent_work": "10", "retainage_percent_stored": "5",
    "sov_lines": [
        {"item_number": "1", "description": "Foundations", "scheduled_value": "100000.00"},
        {"item_number": "2", "description": "Framing", "scheduled_value": "50000.00"},
    ],
    "invoice_contacts": [{"name": "Gina Granite", "email": "gina@granite.example"}],
}


async def ok(response: Any, status: int = 200) -> Any:
    assert response.status == status, await response.text()
    return await response.json()


async def setup_commitment(api: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    """A project, its commitment (lines 1 and 2) and October's period; returns ids."""
    project = await create_project(api, headers)
    commitment = await ok(await api.post(f"/api/projects/{project['id']}/commitments",
                                         json=COMMITMENT, headers=headers), 201)
    october = await ok(await api.post(f"/api/projects/{project['id']}/billing-periods",
                                      json=OCTOBER, headers=headers), 201)
    lines = {line["item_number"]: line["id"] for line in commitment["sov_lines"]}
    return {"project": project["id"], "commitment": commitment["id"], "lines": lines,
            "october": october["id"]}


async def post_invoice(api: TestClient, headers: dict[str, str], commitment_id: int,
                       body: dict[str, Any]) -> Any:
    return await api.post(f"/api/commitments/{commitment_id}/invoices", json=body,
                          headers=headers)


def line(sov_line_id: int, work: str = "0", stored: str = "0",
         released: str = "0") -> dict[str, Any]:
    return {"sov_line_id": sov_line_id, "work_completed_this_period": work,
            "materials_presently_stored": stored, "retainage_released": released}
