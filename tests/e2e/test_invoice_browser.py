"""The whole journey in a real browser: the invite in the development mailbox, Yes, the
invoice form, an attachment, Send; then the administrator opens it and approves it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import (
    SCREENSHOTS,
    Service,
    console_errors,
    invite,
    open_link_from_the_mailbox,
)

pytestmark = pytest.mark.browser


async def test_yes_then_the_form_an_attachment_send_and_approval(
        service: Service, browser: Browser, tmp_path: Path) -> None:
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1440, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch, "Yes, I will bill this period")
    errors = console_errors(tab)
    await tab.get_by_role("button", name="Yes, I will bill this period").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "New invoice for SC-004 Plumbing")

    await tab.get_by_label("Invoice number").fill("BW-1001")
    work = tab.locator("input[id^=work_]")
    await work.first.fill("12500")
    await tab.locator("input[id^=stored_]").nth(1).fill("3000")
    await tab.get_by_role("button", name="Save as Draft").click()
    await expect(tab.get_by_role("status").first).to_contain_text("Your draft is saved")
    await expect(tab.locator("#invoice-status")).to_have_text("Draft")

    waiver = tmp_path / "lien-waiver.pdf"
    waiver.write_bytes(b"%PDF-1.7\nconditional lien waiver\n")
    await tab.get_by_label("Add files").set_input_files(str(waiver))
    await tab.get_by_role("button", name="Attach").click()
    await expect(tab.locator(".attachment-list")).to_contain_text("lien-waiver.pdf")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "invoice-form.png"), full_page=True)

    await tab.get_by_role("button", name="Send").click()
    await expect(tab.locator("#invoice-status")).to_have_text("Under Review")
    await expect(tab.locator("input.entered-input")).to_have_count(0)
    # 12,500 of work and 3,000 stored, 10 % retainage on both: 13,950 due.
    await expect(tab.locator("#invoice-summary")).to_contain_text("13,950.00")

    admin = await browser.new_page(viewport={"width": 1440, "height": 900})
    await admin.goto(f"{service.base_url}/admin/projects/{service.demo.project_id}")
    await admin.get_by_label("Email address").fill(service.demo.admin_email)
    await admin.get_by_label("Password").fill(service.demo.admin_password)
    await admin.get_by_role("button", name="Sign in").click()
    await admin.locator("#period-invoices").click()
    await expect(admin.locator("#invoice-list")).to_contain_text("Under Review")
    await admin.get_by_role("link", name="BW-1001").click()
    await expect(admin.get_by_role("link", name="lien-waiver.pdf")).to_be_visible()
    await admin.get_by_label("Approved", exact=True).check()
    await admin.get_by_role("button", name="Change status").click()
    await expect(admin.locator("#invoice-status")).to_have_text("Approved")
    await admin.screenshot(path=str(SCREENSHOTS / "invoice-review.png"), full_page=True)

    await tab.reload()
    await expect(tab.locator("#invoice-status")).to_have_text("Approved")
    assert errors == []
