"""Sub-tiers through the API on both databases: a tree of sub-tiers kept on the commitment,
amounts billed per invoice (0.00 allowed, never blank), final billing, Certify No
Sub-Tiers; bad input explained with nothing written; another company and a stranger
refused."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.api import assert_error
from tests.support.invoicing import NOVEMBER, ok, post_invoice, setup_commitment

ELECTRIC: dict[str, Any] = {
    "company_name": "Étincelle Électrique", "tier_type": "subcontractor",
    "kind_of_work": "Low voltage", "city": "Montréal", "state": "QC", "zip_code": "H2X 1Y4",
    "country": "Canada", "estimated_contract_amount": "25000.00",
    "waiver_email": "Signer@Etincelle.example"}
SUPPLY = {"company_name": "Copper Supply Co", "tier_type": "supplier", "city": "Reno",
          "state": "NV", "zip_code": "89501", "country": "USA"}


async def commitment_with_invoice(api: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    ids = await setup_commitment(api, headers)
    # Entered on the contact's behalf, so sent at once (under review): the administrator
    # may still enter its sub-tier lines.
    invoice = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "lines": []}), 201)
    return {**ids, "invoice": invoice["id"]}


async def test_a_tree_of_sub_tiers_billed_on_an_invoice_and_kept_for_the_next(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await commitment_with_invoice(api, admin_headers)
    base = f"/api/commitments/{ids['commitment']}/sub-tiers"
    electric = await ok(await api.post(base, json=ELECTRIC, headers=admin_headers), 201)
    assert electric["waiver_email"] == "signer@etincelle.example"
    assert (electric["status"], electric["hired_by_id"]) == ("active", None)
    supply = await ok(await api.post(base, json={**SUPPLY, "hired_by_id": electric["id"]},
                                     headers=admin_headers), 201)
    assert supply["hired_by_id"] == electric["id"]
    listed = await ok(await api.get(base, headers=admin_headers))
    assert [tier["company_name"] for tier in listed["items"]] == [
        "Étincelle Électrique", "Copper Supply Co"]

    # A loop: the electrician hired by its own supplier.
    loop = await api.patch(f"{base}/{electric['id']}", json={"hired_by_id": supply["id"]},
                           headers=admin_headers)
    assert "cannot be hired by itself or by a company it hired" in (
        await assert_error(loop, 422))["message"]
    own = await api.patch(f"{base}/{electric['id']}", json={"hired_by_id": electric["id"]},
                          headers=admin_headers)
    await assert_error(own, 422)
    again = await ok(await api.get(f"{base}/{electric['id']}", headers=admin_headers))
    assert again["hired_by_id"] is None

    lines_path = f"/api/invoices/{ids['invoice']}/sub-tiers"
    blank = await ok(await api.get(lines_path, headers=admin_headers))
    assert [(line["sub_tier"]["id"], line["amount_billed"]) for line in blank["lines"]] == [
        (electric["id"], None), (supply["id"], None)]
    missing = await api.put(lines_path, headers=admin_headers, json={"lines": [
        {"sub_tier_id": electric["id"], "amount_billed": "1200.50"}]})
    assert "Copper Supply Co: enter the amount billed this invoice (0.00 if none)" in (
        await assert_error(missing, 422))["message"]
    negative = await api.put(lines_path, headers=admin_headers, json={"lines": [
        {"sub_tier_id": electric["id"], "amount_billed": "-1"},
        {"sub_tier_id": supply["id"], "amount_billed": "0"}]})
    await assert_error(negative, 422)
    not_money = await api.put(lines_path, headers=admin_headers, json={"lines": [
        {"sub_tier_id": electric["id"], "amount_billed": "twelve"},
        {"sub_tier_id": supply["id"], "amount_billed": "0"}]})
    await assert_error(not_money, 422)
    assert (await ok(await api.get(lines_path, headers=admin_headers)))["lines"] == \
        blank["lines"]  # nothing partial written

    billed = await ok(await api.put(lines_path, headers=admin_headers, json={"lines": [
        {"sub_tier_id": electric["id"], "amount_billed": "1200.50", "billing": "final"},
        {"sub_tier_id": supply["id"], "amount_billed": "0.00"}]}))
    assert [(line["amount_billed"], line["billing"]) for line in billed["lines"]] == [
        ("1200.50", "final"), ("0.00", "progress")]
    assert billed["lines"][0]["sub_tier"]["status"] == "final_expected"
    # Certifying none while sub-tiers are listed is refused.
    certify = await api.put(lines_path, headers=admin_headers,
                            json={"certify_no_sub_tiers": True})
    await assert_error(certify, 409, "sub_tiers_listed")

    # The next invoice starts from the same sub-tiers.
    period = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                     json=NOVEMBER, headers=admin_headers), 201)
    november = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": period["id"], "number": "INV-2", "lines": []}), 201)
    next_lines = await ok(await api.get(f"/api/invoices/{november['id']}/sub-tiers",
                                        headers=admin_headers))
    assert [(line["sub_tier"]["company_name"], line["amount_billed"])
            for line in next_lines["lines"]] == [("Étincelle Électrique", None),
                                                 ("Copper Supply Co", None)]

    # Status by the administrator; removal keeps the invoice's line.
    lien = await ok(await api.patch(f"{base}/{supply['id']}", json={"status": "lien_filed"},
                                    headers=admin_headers))
    assert lien["status"] == "lien_filed" and lien["company_name"] == "Copper Supply Co"
    await assert_error(await api.delete(f"{base}/{electric['id']}", headers=admin_headers),
                       409, "sub_tier_has_sub_tiers")
    await ok(await api.patch(f"{base}/{supply['id']}", json={"hired_by_id": None},
                             headers=admin_headers))
    assert (await api.delete(f"{base}/{electric['id']}", headers=admin_headers)).status == 204
    remaining = await ok(await api.get(base, headers=admin_headers))
    assert [tier["id"] for tier in remaining["items"]] == [supply["id"]]


async def test_certify_no_sub_tiers_records_who_and_when(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await commitment_with_invoice(api, admin_headers)
    path = f"/api/invoices/{ids['invoice']}/sub-tiers"
    both = await api.put(path, headers=admin_headers, json={
        "certify_no_sub_tiers": True, "lines": [{"sub_tier_id": 1, "amount_billed": "0"}]})
    await assert_error(both, 422)
    certified = await ok(await api.put(path, headers=admin_headers,
                                       json={"certify_no_sub_tiers": True}))
    assert certified["lines"] == []
    assert certified["no_sub_tiers_certified_by"] == "Ada Admin"
    assert certified["no_sub_tiers_certified_at"].endswith("+00:00")


async def test_bad_sub_tiers_are_explained_and_nothing_is_written(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await commitment_with_invoice(api, admin_headers)
    base = f"/api/commitments/{ids['commitment']}/sub-tiers"
    no_city = {key: value for key, value in ELECTRIC.items() if key != "city"}
    await assert_error(await api.post(base, json=no_city, headers=admin_headers), 422)
    blank_city = await api.post(base, json={**ELECTRIC, "city": "  "}, headers=admin_headers)
    assert "city" in (await assert_error(blank_city, 422))["message"]
    bad_email = await api.post(base, json={**ELECTRIC, "waiver_email": "not-an-address"},
                               headers=admin_headers)
    assert "not-an-address is not an email address" in (
        await assert_error(bad_email, 422))["message"]
    negative = await api.post(base, json={**ELECTRIC, "estimated_contract_amount": "-5"},
                              headers=admin_headers)
    await assert_error(negative, 422)
    stranger_hirer = await api.post(base, json={**ELECTRIC, "hired_by_id": 999999},
                                    headers=admin_headers)
    await assert_error(stranger_hirer, 422)
    assert (await ok(await api.get(base, headers=admin_headers)))["items"] == []


async def test_another_company_and_a_stranger_see_nothing(
        api: TestClient, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    ids = await commitment_with_invoice(api, admin_headers)
    base = f"/api/commitments/{ids['commitment']}/sub-tiers"
    tier = await ok(await api.post(base, json=ELECTRIC, headers=admin_headers), 201)
    one = f"{base}/{tier['id']}"
    lines = f"/api/invoices/{ids['invoice']}/sub-tiers"
    for headers, status in ((other_admin_headers, 404), ({}, 401)):
        await assert_error(await api.get(base, headers=headers), status)
        await assert_error(await api.post(base, json=SUPPLY, headers=headers), status)
        await assert_error(await api.get(one, headers=headers), status)
        await assert_error(await api.patch(one, json={"city": "X"}, headers=headers), status)
        await assert_error(await api.delete(one, headers=headers), status)
        await assert_error(await api.get(lines, headers=headers), status)
        await assert_error(await api.put(lines, json={"certify_no_sub_tiers": True},
                                         headers=headers), status)
    after = await ok(await api.get(base, headers=admin_headers))
    assert [(item["id"], item["city"]) for item in after["items"]] == [(tier["id"],
                                                                        "Montréal")]
    assert (await ok(await api.get(lines, headers=admin_headers)))[
        "no_sub_tiers_certified_by"] is None
