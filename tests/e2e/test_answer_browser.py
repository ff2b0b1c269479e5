"""A contact answers from the development mailbox in a real browser (Debian's chromium via
Playwright): the invite's Yes link leads through the answer page to the invoice page; a No
can be changed to Yes. The service runs for real (see tests/e2e/conftest.py)."""

from __future__ import annotations

import re

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


async def test_a_contact_answers_yes_and_lands_on_the_invoice_page(service: Service,
                                                                   browser: Browser) -> None:
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch, "Yes, I will bill this period")
    errors = console_errors(tab)

    await expect(tab).to_have_url(re.compile(r"/a/[^/]+/yes$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Do you want to bill this period?")
    facts = tab.locator("dl.facts")
    for text in ("SC-004 \u2013 Plumbing", "Clearflow Plumbing", "Jordan Avery",
                 "November 25, 2026", "15 days and 15 hours left"):
        await expect(facts).to_contain_text(text)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "answer.png"), full_page=True)

    await tab.get_by_role("button", name="Yes, I will bill this period").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "New invoice for SC-004 Plumbing")
    await expect(tab.get_by_role("status")).to_contain_text(
        "Your answer is recorded: you will bill this period.")
    await expect(tab.locator(".account-name")).to_have_text("Luis Romero")
    await tab.screenshot(path=str(SCREENSHOTS / "invoice-new.png"), full_page=True)
    assert errors == []


async def test_a_contact_answers_no_then_changes_to_yes(service: Service,
                                                        browser: Browser) -> None:
    batch = await invite(service, "SC-002")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch,
                                           "No, I will not bill this period")
    errors = console_errors(tab)

    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Do you want to bill this period?")
    no_link = tab.url
    await tab.get_by_role("button", name="No, I will not bill this period").click()
    await expect(tab.get_by_role("heading", level=1)).to_have_text("Thank you, Kevin O'Brien")
    await expect(tab.get_by_role("status")).to_contain_text(
        "Your answer is recorded: you will not bill this period.")
    await expect(tab.locator("dl.facts")).to_contain_text("Declined")
    await tab.screenshot(path=str(SCREENSHOTS / "declined.png"), full_page=True)

    await tab.get_by_role("button", name="Change my answer to Yes").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "New invoice for SC-002 Structural Steel")

    # The No link opened again says the answer is Yes now, and offers to change it.
    await tab.goto(no_link)
    await expect(tab.locator("dl.facts")).to_contain_text("Accepted")
    await expect(tab.get_by_role("button", name="No, I will not bill this period")).to_be_visible()
    assert errors == []
