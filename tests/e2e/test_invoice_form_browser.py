"""The invoice form in chromium: the administrator enters an invoice on a contact's behalf
(1280 px, figures recomputed as typed, equal to the server's after sending, who entered
it shown); the contact's form on a phone (390 px) and a laptop (1280 px); and the form
without JavaScript."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browsing import (
    SCREENSHOTS,
    Service,
    api_headers,
    console_errors,
    invite,
    open_link_from_the_mailbox,
)
from tests.support.invoice_screens import every_box_is_reachable, figures, fits, sign_in_admin

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def shown(amount: str) -> str:
    return f"{Decimal(amount):,.2f}"


async def server_figures(page: Page, service: Service, invoice_id: int) -> dict[str, Any]:
    """The invoice as the API computes it, written the way the form shows figures."""
    answer = await page.request.get(f"{service.base_url}/api/invoices/{invoice_id}",
                                    headers=api_headers(service))
    assert answer.ok, await answer.text()
    invoice = await answer.json()
    rows = [{"G": shown(line["total_completed_and_stored"]),
             "GC": f"{line['percent_complete']} %", "H": shown(line["balance_to_finish"]),
             "I": shown(line["retainage"])} for line in invoice["lines"]]
    return {"rows": rows, "summary": {name: shown(value)
                                      for name, value in invoice["summary"].items()},
            "entered_by": invoice["entered_by"]}


async def test_an_administrator_enters_an_invoice_on_behalf_on_a_laptop(
        service: Service, browser: Browser) -> None:
    page = await browser.new_page(viewport=LAPTOP)
    errors = console_errors(page)
    await sign_in_admin(page, service, f"/admin/periods/{service.demo.billing_period_id}"
                                       "/invoices")
    await page.get_by_role("link", name="Enter invoice for SC-004").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Enter invoice for SC-004")
    assert await fits(page) == []
    boxes = await every_box_is_reachable(page)
    assert boxes >= 6

    await page.get_by_label("Invoice number").fill("OB-77")
    await page.locator("input[id^=work_]").first.fill("12500")
    await page.locator("input[id^=stored_]").nth(1).fill("3,000.005")  # a half cent
    # Recomputed as typed: 12,500 + 3,000.01 less 10 % retainage on both.
    await expect(page.locator("[data-sum=current_payment_due]")).to_have_text("13,950.01")
    await expect(page.locator("[data-out=G]").first).to_have_text("12,500.00")
    live = await figures(page)
    assert live["totals"]["F"] == "3,000.01"
    assert await fits(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "invoice-on-behalf-1280.png"), full_page=True)

    await page.get_by_role("button", name="Enter and send for review").click()
    await expect(page).to_have_url(re.compile(r"/admin/invoices/\d+\?entered=1$"))
    await expect(page.locator("#entered-by")).to_contain_text("Jordan Avery")
    await expect(page.locator("#invoice-status")).to_have_text("Under Review")
    invoice_id = int(re.findall(r"/admin/invoices/(\d+)", page.url)[0])
    server = await server_figures(page, service, invoice_id)
    assert live["rows"] == server["rows"]
    assert live["summary"] == server["summary"]
    assert server["entered_by"]["email"] == service.demo.admin_email
    assert errors == []


async def test_the_contacts_form_on_a_phone_and_a_laptop(service: Service,
                                                          browser: Browser) -> None:
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport=PHONE)
    tab = await open_link_from_the_mailbox(page, service, batch, "Yes, I will bill this period")
    await tab.set_viewport_size(PHONE)
    errors = console_errors(tab)
    await tab.get_by_role("button", name="Yes, I will bill this period").click()
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "New invoice for SC-004 Plumbing")
    assert await fits(tab) == []
    assert await every_box_is_reachable(tab) >= 6
    # Stacked per line: each line's boxes sit one under the other, labelled.
    first_line = tab.locator("tbody tr[data-line]").first
    work, stored = first_line.locator("input[id^=work_]"), first_line.locator("input[id^=stored_]")
    work_box, stored_box = await work.bounding_box(), await stored.bounding_box()
    assert work_box and stored_box and stored_box["y"] > work_box["y"] + work_box["height"] - 1

    await tab.get_by_label("Invoice number").fill("PH-1")
    await work.fill("1250.5")
    # A work-and-materials invite (the default type) releases no retainage: that box is
    # disabled, and the server refuses a release anyway.
    await expect(tab.locator("input[id^=released_]").first).to_be_disabled()
    await tab.locator("input[id^=stored_]").nth(1).fill("999.99")
    await expect(first_line.locator("[data-out=G]")).to_have_text("1,250.50")
    assert await fits(tab) == []
    await tab.screenshot(path=str(SCREENSHOTS / "invoice-form-390.png"), full_page=True)

    await tab.set_viewport_size(LAPTOP)
    assert await fits(tab) == []
    assert await every_box_is_reachable(tab) >= 6
    for column in ("H Balance to finish", "I Retainage held"):
        await expect(tab.get_by_role("columnheader", name=column)).to_be_in_viewport()
    live = await figures(tab)
    await tab.get_by_role("button", name="Send").click()
    await expect(tab.locator("#invoice-status")).to_have_text("Under Review")
    sent = await figures(tab)  # the server's figures, read only now
    assert [{key: row[key] for key in ("G", "GC", "H", "I")} for row in live["rows"]] \
        == sent["rows"]
    assert live["summary"] == sent["summary"]
    assert live["totals"] == sent["totals"]
    assert errors == []


async def test_the_form_works_without_javascript(service: Service, browser: Browser) -> None:
    context = await browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    page = await context.new_page()
    await sign_in_admin(page, service, f"/admin/periods/{service.demo.billing_period_id}"
                                       "/invoices")
    await page.get_by_role("link", name="Enter invoice for SC-003").click()
    before = await page.locator("[data-sum=current_payment_due]").text_content()
    await page.get_by_label("Invoice number").fill("NJ-1")
    await page.locator("input[id^=work_]").first.fill("1000x")
    await page.get_by_role("button", name="Enter and send for review").click()
    await expect(page.locator("#invoice-errors")).to_contain_text("is not a number")
    await expect(page.locator("input[id^=work_]").first).to_have_value("1000x")
    await expect(page.get_by_label("Invoice number")).to_have_value("NJ-1")

    await page.locator("input[id^=work_]").first.fill("1000")
    # Nothing recomputes without the script: the figures are the server's until sent.
    assert await page.locator("[data-sum=current_payment_due]").text_content() == before
    await page.get_by_role("button", name="Enter and send for review").click()
    await expect(page.locator("#entered-by")).to_contain_text("Jordan Avery")
    await expect(page.locator("table.summary-table")).to_contain_text("900.00")
    await context.close()
