"""A contact answers from the development mailbox in a real browser (Debian's chromium via
Playwright): the invite's Yes link leads through the answer page to the invoice page; a No
can be changed to Yes. The service runs for real (see tests/e2e/conftest.py)."""

from __future__ import annotations

import re

import aiohttp
import pytest
from playwright.async_api import Browser, Page, expect

from tests.e2e.browsing import SCREENSHOTS, WAIT_MS, Service, console_errors

pytestmark = pytest.mark.browser

SUBJECT = "Riverside Medical Office Building: Jordan Avery has invited you to bill."


async def invite(service: Service, number: str) -> int:
    """Send the invite for one commitment over the API, as an administrator would; returns
    the batch id."""
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.get(f"/api/projects/{service.demo.project_id}/commitments") as found:
            items = (await found.json())["items"]
        [commitment] = [item["id"] for item in items if item["number"] == number]
        async with http.post(f"/api/billing-periods/{service.demo.billing_period_id}/invites",
                             json={"commitment_ids": [commitment]}) as sent:
            assert sent.status == 202, await sent.text()
            return int((await sent.json())["batch_id"])


def api_headers(service: Service) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.demo.api_token}"}


# Runs in the page until the batch's mail has all been delivered (Playwright polls it).
BATCH_DELIVERED = """async ([url, token]) => {
  const answer = await fetch(url, {headers: {Authorization: `Bearer ${token}`}});
  if (!answer.ok) return false;
  const batch = await answer.json();
  return batch.queued === 0 && batch.sent > 0;
}"""


async def open_link_from_the_mailbox(page: Page, service: Service, batch_id: int,
                                     label: str) -> Page:
    """Open the invite in /dev/mail and click one of its buttons; returns the new tab."""
    await page.goto(f"{service.base_url}/dev/mail")
    # Delivery runs in the background: wait until the batch reports its mail sent.
    await page.wait_for_function(
        BATCH_DELIVERED, arg=[f"/api/batches/{batch_id}", service.demo.api_token],
        polling=100, timeout=WAIT_MS)
    await page.reload()
    mail = page.get_by_role("link", name=SUBJECT)
    await expect(mail).to_have_count(1)
    await mail.click()
    link = page.frame_locator("iframe.mail-frame").get_by_role("link", name=label)
    async with page.context.expect_page() as opened:
        await link.click()  # the mail's links open a new tab
    tab = await opened.value
    await tab.wait_for_load_state()
    return tab


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
