"""Sub-tiers in a real browser: from the invoice form to its sub-tiers, a required field
refused next to it, two sub-tiers (one hired by the other), their amounts, the
pay-application PDF downloaded; then both removed and Certify No Sub-Tiers."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browsing import (
    SCREENSHOTS,
    Service,
    console_errors,
    invite,
    open_link_from_the_mailbox,
)

pytestmark = pytest.mark.browser


async def invoice_form(service: Service, browser: Browser, number: str) -> Page:
    batch = await invite(service, number)
    page = await browser.new_page(viewport={"width": 1440, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch, "Yes, I will bill this period")
    await tab.get_by_role("button", name="Yes, I will bill this period").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await tab.get_by_label("Invoice number").fill(f"{number}-1")
    await tab.get_by_role("button", name="Save as Draft").click()
    await expect(tab.locator("#invoice-status")).to_have_text("Draft")
    return tab


async def add_sub_tier(tab: Page, company: str, hired_by: str | None = None) -> None:
    form = tab.locator("#add-sub-tier")
    await form.get_by_label("Company name").fill(company)
    if hired_by is not None:
        await form.get_by_label("Hired by").select_option(label=hired_by)
    for label, value in (("City", "Montréal"), ("State", "QC"), ("ZIP code", "H2X 1Y4"),
                         ("Country", "Canada")):
        await form.get_by_label(label, exact=False).first.fill(value)
    await form.get_by_role("button", name="Add the sub-tier").click()
    await expect(tab.get_by_role("status").first).to_contain_text("The sub-tier is added.")


async def test_sub_tiers_entered_billed_and_certified_in_the_browser(
        service: Service, browser: Browser) -> None:
    tab = await invoice_form(service, browser, "SC-004")
    errors = console_errors(tab)
    await tab.get_by_role("link", name="Sub-tiers of this invoice").click()
    await expect(tab.get_by_role("heading", level=1)).to_contain_text("Sub-tiers of SC-004")

    # The browser's own check is bypassed so the server's answer is what is tested.
    await tab.locator("#add-sub-tier").evaluate("form => form.noValidate = true")
    form = tab.locator("#add-sub-tier")
    await form.get_by_label("Company name").fill("Étincelle Électrique")
    await form.get_by_role("button", name="Add the sub-tier").click()
    await expect(tab.locator("#st-city-error")).to_have_text("The city is required.")
    await expect(tab.locator("#st-company_name")).to_have_value("Étincelle Électrique")
    assert [error for error in errors if "422" not in error] == []
    errors.clear()  # the refusal answered 422 on purpose

    await tab.locator("#st-city").fill("Montréal")
    for field, value in (("#st-state", "QC"), ("#st-zip_code", "H2X 1Y4"),
                         ("#st-country", "Canada")):
        await tab.locator(field).fill(value)
    await tab.locator("#add-sub-tier").get_by_role("button", name="Add the sub-tier").click()
    await expect(tab.get_by_role("status").first).to_contain_text("The sub-tier is added.")
    await add_sub_tier(tab, "Copper Supply", hired_by="Étincelle Électrique")
    rows = tab.locator("tr[id^=tier-row-]")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(1)).to_contain_text("Étincelle Électrique")  # its hirer

    await tab.get_by_label("Billed by Étincelle Électrique").fill("1200")
    await tab.get_by_label("Progress or final for Étincelle Électrique").select_option("final")
    await tab.get_by_label("Billed by Copper Supply").fill("0")
    await tab.get_by_role("button", name="Save the amounts").click()
    await expect(tab.get_by_role("status").first).to_contain_text("The amounts are saved.")
    await expect(tab.get_by_label("Billed by Étincelle Électrique")).to_have_value("1,200.00")
    await expect(rows.first).to_contain_text("Final expected")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "sub-tiers.png"), full_page=True)

    await tab.get_by_role("link", name="Invoice", exact=True).click()
    async with tab.expect_download() as downloading:
        await tab.get_by_role("link", name=re.compile("Download the pay application")).click()
    download = await downloading.value
    assert download.suggested_filename.startswith("pay-application-")
    assert (await download.path()).read_bytes().startswith(b"%PDF-")

    # Removing both (the one hired by the other first) lets the contact certify none.
    await tab.get_by_role("link", name="Sub-tiers of this invoice").click()
    await rows.nth(1).get_by_role("button", name="Remove").click()
    await expect(tab.get_by_role("status").first).to_contain_text("The sub-tier is removed.")
    await rows.first.get_by_role("button", name="Remove").click()
    await expect(rows).to_have_count(0)
    await tab.get_by_role("button", name="Certify No Sub-Tiers").click()
    await expect(tab.get_by_role("status").first).to_contain_text(
        "You certified that nobody worked or supplied under you.")
    await expect(tab.locator("#no-sub-tiers-certified")).to_contain_text(
        "Certified no sub-tiers:")
    assert errors == []
