"""A contact signs a lien waiver from the development mailbox in a real browser (Debian's
chromium via Playwright): the mail's link opens the waiver (nothing recorded), a missing
consent is said beside the box, and signing shows the signature; the administrator's API
then lists the waiver as signed with its SHA-256."""

from __future__ import annotations

import re

import aiohttp
import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import SCREENSHOTS, WAIT_MS, Service, api_headers, console_errors

pytestmark = pytest.mark.browser
SUBJECT = re.compile(r"please sign a lien waiver for SC-004")

# Runs in the page until the development mailbox lists the waiver mail.
MAIL_ARRIVED = """async (url) => (await (await fetch(url)).text()).includes(
  'please sign a lien waiver for SC-004')"""


async def _invoice_on_behalf(service: Service) -> int:
    """The demo project asks for a conditional progress waiver; SC-004's invoice is
    entered on the contact's behalf (sent at once). Returns the invoice id."""
    demo = service.demo
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.post(f"/api/projects/{demo.project_id}/waiver-policy", json={
                "billing_type": "progress", "kind": "conditional_progress",
                "requirement": "requested"}) as done:
            assert done.status == 200, await done.text()
        async with http.get(f"/api/projects/{demo.project_id}/commitments") as found:
            [commitment] = [c for c in (await found.json())["items"] if c["number"] == "SC-004"]
        first = commitment["sov_lines"][0]["id"]
        async with http.post(f"/api/commitments/{commitment['id']}/invoices", json={
                "billing_period_id": demo.billing_period_id, "number": "PL-1",
                "billing_type": "progress",
                "lines": [{"sov_line_id": first, "work_completed_this_period": "5000"}]}) as made:
            assert made.status == 201, await made.text()
            return int((await made.json())["id"])


async def _waivers(service: Service, invoice_id: int) -> list[dict[str, object]]:
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.get(f"/api/invoices/{invoice_id}/lien-waivers") as found:
            items: list[dict[str, object]] = (await found.json())["items"]
            return items


async def test_a_contact_signs_a_waiver_from_the_mail(service: Service,
                                                      browser: Browser) -> None:
    invoice_id = await _invoice_on_behalf(service)
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await page.goto(f"{service.base_url}/dev/mail")
    await page.wait_for_function(MAIL_ARRIVED, arg=f"{service.base_url}/dev/mail",
                                 polling=100, timeout=WAIT_MS)
    await page.reload()
    await page.get_by_role("link", name=SUBJECT).click()
    link = page.frame_locator("iframe.mail-frame").get_by_role("link", name="Review and sign")
    async with page.context.expect_page() as opened:
        await link.click()
    tab = await opened.value
    await tab.wait_for_load_state()
    errors = console_errors(tab)

    await expect(tab).to_have_url(re.compile(r"/w/[^/]+$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Conditional waiver and release on progress payment")
    await expect(tab.locator("dl.facts")).to_contain_text("Clearflow Plumbing")
    [waiver] = await _waivers(service, invoice_id)
    assert waiver["status"] == "pending_signature"  # opening the link recorded nothing

    await tab.get_by_label("Full name").fill("Luis Romero")
    await tab.get_by_label("Title").fill("Project manager")
    await tab.get_by_role("button", name="Sign the waiver").click()
    await expect(tab.locator("#consent-error")).to_contain_text("tick the box")
    await expect(tab.get_by_label("Full name")).to_have_value("Luis Romero")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "waiver-consent.png"), full_page=True)

    await tab.get_by_label("I agree to sign this waiver electronically", exact=False).check()
    await tab.get_by_role("button", name="Sign the waiver").click()
    await expect(tab.get_by_role("status")).to_contain_text("Signed. Thank you")
    await expect(tab.locator("main")).to_contain_text("Signed by Luis Romero, Project manager")
    await tab.screenshot(path=str(SCREENSHOTS / "waiver-signed.png"), full_page=True)
    [waiver] = await _waivers(service, invoice_id)
    assert waiver["status"] == "signed" and waiver["signed_sha256"]
    # The refused signature without consent answered 400 (the browser logs it twice);
    # nothing else failed.
    assert errors and all("400" in error for error in errors), errors
