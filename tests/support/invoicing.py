"""Helpers for invoice tests: a project with a commitment and two periods, through the API."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from domain.model import Commitment
from tests.support.answering import Invitation, answer, form_token, invitation
from tests.support.api import create_project
from tests.support.world import World

OCTOBER = {"start_date": "2030-10-01", "end_date": "2030-10-31", "due_date": "2030-10-25"}
NOVEMBER = {"start_date": "2030-11-01", "end_date": "2030-11-30", "due_date": "2030-11-25"}

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


async def signed_in(world: World, api: TestClient, number: str = "SC-003") -> Invitation:
    link = await invitation(world, number)
    assert (await answer(api, link, "yes")).status == 303
    return link


async def commitment_of(world: World, link: Invitation) -> Commitment:
    return await world.container.projects.get_commitment(world.admin, link.commitment_id)


def form_url(link: Invitation) -> str:
    return f"/c/commitments/{link.commitment_id}/invoices/new"


async def submit(api: TestClient, link: Invitation, fields: dict[str, str],
                 action: str) -> Any:
    page = await api.get(form_url(link))
    assert page.status == 200, await page.text()
    data = {"csrf_token": form_token(await page.text()), "action": action, **fields}
    return await api.post(form_url(link), data=data, allow_redirects=False)
