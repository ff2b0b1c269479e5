"""The invoice follows the invite's type, on both databases: the contact's form over HTTP
and the administrator's on-behalf entry through the API. A refused invoice writes
nothing; a final invoice releases the retainage and closes a line short."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.answering import answer, invitation
from tests.support.api import assert_error
from tests.support.invite_types import (
    invitation_of,
    invite_typed,
    invoice_count,
    stored_lines,
)
from tests.support.invoicing import (
    NOVEMBER,
    form_url,
    line,
    ok,
    post_invoice,
    setup_commitment,
    submit,
)
from tests.support.world import World


async def billed_in_october(api: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    """A commitment (item 1: 100,000, item 2: 50,000; 10 % retainage) with an October
    invoice billing 60,000 and 50,000 (retainage held: 6,000 and 5,000), and November open."""
    ids = await setup_commitment(api, headers)
    one, two = ids["lines"]["1"], ids["lines"]["2"]
    await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "OCT-1",
        "lines": [line(one, "60000"), line(two, "50000")]}), 201)
    november = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                       json=NOVEMBER, headers=headers), 201)
    return {**ids, "november": november["id"], "one": one, "two": two}


async def test_a_final_invoice_releases_retainage_and_closes_a_line_short(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ids = await billed_in_october(world_api, world_headers)
    commitment, one, two = ids["commitment"], ids["one"], ids["two"]
    invited = await invite_typed(world_api, world_headers, ids["november"], [commitment],
                                 "final")
    assert invited.status == 202, await invited.text()

    def final(*lines: dict[str, Any], billing: str = "final") -> dict[str, Any]:
        return {"billing_period_id": ids["november"], "number": "NOV-F",
                "billing_type": billing, "lines": list(lines)}

    progress = await post_invoice(world_api, world_headers, commitment,
                                  final(line(one, "40000"), billing="progress"))
    assert "its billing type is Final" in (await assert_error(progress, 422))["message"]
    open_lines = await post_invoice(world_api, world_headers, commitment, final(
        line(one, "30000", released="9000"), line(two, released="5000")))
    message = (await assert_error(open_lines, 422))["message"]
    assert "item 1: bill the balance to finish (10000.00) or close the line short" in message
    assert "item 2" not in message
    held = await post_invoice(world_api, world_headers, commitment, final(
        line(one, "40000", released="10000"), line(two)))
    assert "item 2: release the remaining retainage (5000.00)" in (
        await assert_error(held, 422))["message"]
    assert await invoice_count(world, commitment) == 1  # October's only

    closed = await ok(await post_invoice(world_api, world_headers, commitment, final(
        {**line(one, "30000", released="9000"), "closed_short": True},
        line(two, released="5000"))), 201)
    assert (closed["billing_type"], closed["invite_type"], closed["status"]) == (
        "final", "final", "under_review")
    first, second = closed["lines"]
    assert (first["closed_short"], first["balance_to_finish"], first["retainage"]) == (
        True, "10000.00", "0.00")
    assert (second["closed_short"], second["balance_to_finish"], second["retainage"]) == (
        False, "0.00", "0.00")
    assert closed["summary"]["total_retainage"] == "0.00"
    assert [row.closed_short for row in await stored_lines(world, closed["id"])] == [
        True, False]


async def test_only_a_final_invoice_closes_a_line_short(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ids = await billed_in_october(world_api, world_headers)
    await invite_typed(world_api, world_headers, ids["november"], [ids["commitment"]],
                       "work_materials_and_retainage")
    refused = await post_invoice(world_api, world_headers, ids["commitment"], {
        "billing_period_id": ids["november"], "number": "NOV-1",
        "lines": [{**line(ids["one"], "1000"), "closed_short": True}]})
    assert "only a final invoice closes lines short (items 1)" in (
        await assert_error(refused, 422))["message"]
    both = await ok(await post_invoice(world_api, world_headers, ids["commitment"], {
        "billing_period_id": ids["november"], "number": "NOV-1",
        "lines": [line(ids["one"], "1000", released="500")]}), 201)
    assert both["invite_type"] == "work_materials_and_retainage"


async def test_a_retainage_release_form_takes_only_retainage_even_after_the_due_date(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ids = await billed_in_october(world_api, world_headers)
    invited = await invite_typed(world_api, world_headers, ids["november"],
                                 [ids["commitment"]], "retainage_release")
    assert invited.status == 202
    link = await invitation_of(world, ids["commitment"], ids["november"])
    assert (await answer(world_api, link, "yes")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    assert 'data-invoice-type="retainage_release">Retainage release<' in html
    for cell in ("work", "stored"):
        assert f'name="{cell}_{ids["one"]}" value="0.00" inputmode="decimal" disabled>' in html
    assert f'name="released_{ids["one"]}" value="0.00" inputmode="decimal">' in html

    refused = await submit(world_api, link, {"number": "REL-1", f"work_{ids['one']}": "100",
                                             f"released_{ids['one']}": "1000"}, "send")
    assert refused.status == 422
    assert "only retainage released can be entered" in await refused.text()
    assert await invoice_count(world, ids["commitment"]) == 1

    world.clock.advance(days=20)  # Nov 30: past November's due date (the 25th)
    sent = await submit(world_api, link, {"number": "REL-1",
                                          f"released_{ids['one']}": "6000"}, "send")
    assert sent.status == 303, await sent.text()
    invoices = await ok(await world_api.get(
        f"/api/invoices?billing_period_id={ids['november']}", headers=world_headers))
    [released] = [item for item in invoices["items"] if item["number"] == "REL-1"]
    record = await ok(await world_api.get(f"/api/invoices/{released['id']}",
                                          headers=world_headers))
    assert [(row["work_completed_this_period"], row["retainage_released"], row["retainage"])
            for row in record["lines"]] == [("0.00", "6000.00", "0.00"),
                                            ("0.00", "0.00", "5000.00")]


async def test_work_and_materials_releases_no_retainage_on_the_form_or_on_behalf(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    link = await invitation(world, "SC-003")  # invited as work and materials (the default)
    assert (await answer(world_api, link, "yes")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    assert 'data-invoice-type="work_and_materials">Work and materials<' in html
    assert html.count('inputmode="decimal" disabled>') == html.count('name="released_')
    commitment = link.commitment_id
    sov = await ok(await world_api.get(f"/api/commitments/{commitment}",
                                       headers=world_headers))
    first = sov["sov_lines"][0]["id"]
    refused = await submit(world_api, link, {"number": "BW-1", f"work_{first}": "1000",
                                             f"released_{first}": "1"}, "draft")
    assert refused.status == 422
    assert "it releases no retainage" in await refused.text()
    body = {"billing_period_id": world.demo.billing_period_id, "number": "BW-2",
            "lines": [line(first, "1000", released="10")]}
    message = (await assert_error(await post_invoice(world_api, world_headers, commitment,
                                                     body), 422))["message"]
    assert "this invite is for work and materials: it releases no retainage" in message
    rival = await post_invoice(world_api, world.rival_headers, commitment,
                               {**body, "lines": [line(first, "1000")]})
    await assert_error(rival, 404)
    stranger = await world_api.post(f"/api/commitments/{commitment}/invoices", json=body)
    assert stranger.status == 401
    assert await invoice_count(world, commitment) == 0


async def test_the_final_form_is_billed_final_and_closes_a_line_short(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ids = await billed_in_october(world_api, world_headers)
    await invite_typed(world_api, world_headers, ids["november"], [ids["commitment"]], "final")
    link = await invitation_of(world, ids["commitment"], ids["november"])
    assert (await answer(world_api, link, "yes")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    assert "<dt>Billing type</dt><dd>Final" in html
    assert f'<label for="short_{ids["one"]}">Close short, item 1: 40,000.00 left unbilled' in html
    one, two = ids["one"], ids["two"]
    still_open = await submit(world_api, link, {"number": "FIN-1", f"work_{one}": "30000",
                                                f"released_{one}": "9000",
                                                f"released_{two}": "5000"}, "send")
    assert still_open.status == 422
    assert "item 1: bill the balance to finish (10000.00) or close the line short" in (
        await still_open.text())
    assert await invoice_count(world, ids["commitment"]) == 1
    sent = await submit(world_api, link, {"number": "FIN-1", f"work_{one}": "30000",
                                          f"short_{one}": "on", f"released_{one}": "9000",
                                          f"released_{two}": "5000"}, "send")
    assert sent.status == 303, await sent.text()
    invoices = await ok(await world_api.get(
        f"/api/invoices?billing_period_id={ids['november']}", headers=world_headers))
    [final] = invoices["items"]
    record = await ok(await world_api.get(f"/api/invoices/{final['id']}", headers=world_headers))
    assert (record["billing_type"], [row["closed_short"] for row in record["lines"]]) == (
        "final", [True, False])
    html = await (await world_api.get(form_url(link))).text()
    assert "Close short" not in html  # sent: read only, and it says what was closed
    assert html.count("Closed short: 10,000.00 left unbilled") == 1
