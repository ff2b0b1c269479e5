"""Helpers for lien waiver tests: the waiver policy, the signing link read from the mail
the signer received over SMTP, the signing form, and a PDF's text."""

from __future__ import annotations

import io
import re
from typing import Any

from aiohttp.test_utils import TestClient
from pypdf import PdfReader
from sqlalchemy import update

from store import tables
from tests.support.answering import form_token
from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.mail import text_and_html
from tests.support.world import World

SIGNING_LINK = re.compile(r"https?://[^\s/]+(/w/[A-Za-z0-9_.\-]{20,500})")


async def require_waivers(api: TestClient, headers: dict[str, str], project_id: int) -> None:
    """Every kind requested with the invoices of its billing type."""
    for billing_type, kinds in (("progress", ("conditional_progress", "unconditional_progress")),
                                ("final", ("conditional_final", "unconditional_final",
                                           "unconditional_progress"))):
        for kind in kinds:
            await ok(await api.post(f"/api/projects/{project_id}/waiver-policy", json={
                "billing_type": billing_type, "kind": kind, "requirement": "requested"},
                headers=headers))


async def signing_links(world: World, to: str, subject: str = "lien waiver") -> list[str]:
    """The paths of the signing links mailed to `to` so far in mails whose subject names
    `subject`, oldest first (delivers the outbox first)."""
    await world.container.delivery.deliver_due()
    paths = []
    for received in world.sink.handler.received:
        if received.rcpt_tos == [to] and subject in str(received.message["Subject"]):
            text, _ = text_and_html(received.message)
            found = SIGNING_LINK.search(text)
            assert found, text
            paths.append(found.group(1))
    return paths


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


async def post_signing(api: TestClient, path: str, fields: dict[str, str],
                       action: str = "sign") -> Any:
    page = await api.get(path)
    assert page.status == 200, await page.text()
    return await api.post(f"{path}/{action}", allow_redirects=False,
                          data={"csrf_token": form_token(await page.text()), **fields})


async def waivers_of(api: TestClient, headers: dict[str, str], invoice_id: int) -> list[Any]:
    return (await ok(await api.get(f"/api/invoices/{invoice_id}/lien-waivers",
                                   headers=headers)))["items"]


async def contract_calls(api: Any, world: World, admin: dict[str, str]) -> None:
    """Reach every documented answer of the waiver and payment routes (`api` is the API
    contract test's ContractClient, which checks each answer against its schema)."""
    from tests.support.api import create_project
    from tests.support.invoicing import COMMITMENT, OCTOBER, line, post_invoice

    project = await create_project(api.client, admin, number="P-WAIVERS")
    commitment = await ok(await api.client.post(
        f"/api/projects/{project['id']}/commitments", json=COMMITMENT, headers=admin), 201)
    october = await ok(await api.client.post(
        f"/api/projects/{project['id']}/billing-periods", json=OCTOBER, headers=admin), 201)
    ids = {"project": project["id"], "commitment": commitment["id"], "october": october["id"],
           "lines": {item["item_number"]: item["id"] for item in commitment["sov_lines"]}}
    template = await api.call("POST", "/api/waiver-templates", 201, headers=admin, json={
        "name": "Generic", "kind": "conditional_progress", "state": "NY",
        "body": "{{ claimant }} waives {{ amount }} through {{ through_date }}."})
    await api.call("POST", "/api/projects/{id}/waiver-policy", 200, headers=admin,
                   id=ids["project"], json={"billing_type": "progress",
                                            "kind": "conditional_progress",
                                            "requirement": "requested",
                                            "template_id": template["id"]})
    invoice = await ok(await post_invoice(api.client, admin, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "1000")]}), 201)
    [waiver] = (await api.call("GET", "/api/invoices/{id}/lien-waivers", 200, headers=admin,
                               id=invoice["id"]))["items"]
    signature = {"full_name": "Gina Granite", "title": "Owner", "consent": "yes"}
    [path] = await signing_links(world, "gina@granite.example")
    assert (await post_signing(api.client, path, signature)).status == 303
    again = await api.call("POST", "/api/lien-waivers/{id}/revise", 201, headers=admin,
                           id=waiver["id"], json={"reason": "Use your legal title"})
    path = (await signing_links(world, "gina@granite.example"))[-1]
    assert (await post_signing(api.client, path, signature)).status == 303
    await api.call("POST", "/api/lien-waivers/{id}/approve", 200, headers=admin, id=again["id"])
    await ok(await api.client.post(f"/api/invoices/{invoice['id']}/status",
                                   json={"status": "approved"}, headers=admin))
    await api.call("POST", "/api/invoices/{id}/payments", 201, headers=admin, id=invoice["id"],
                   json={"amount": "100.00", "paid_on": "2026-11-02", "method": "wire"})
    await api.call("GET", "/api/invoices/{id}/payments", 200, headers=admin, id=invoice["id"])


async def invoice_asking_for_waivers(api: TestClient,
                                     headers: dict[str, str]) -> tuple[dict[str, Any], Any]:
    """A commitment whose project requests every waiver kind, and its October progress
    invoice INV-1 (30,000.00 on line 1) sent: its conditional waiver waits for Gina."""
    ids = await setup_commitment(api, headers)
    await require_waivers(api, headers, ids["project"])
    invoice = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "30000")]}), 201)
    return ids, invoice


async def signing_path_of_french_signer(api: TestClient, world: World,
                                        headers: dict[str, str]) -> str:
    """The signing link of the waiver an invoice asks of the demo signer, who reads fr-CA."""
    await invoice_asking_for_waivers(api, headers)
    [path] = await signing_links(world, "gina@granite.example")
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(tables.Person).where(
            tables.Person.email == "gina@granite.example").values(language="fr-CA"))
    return path
