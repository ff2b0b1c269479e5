"""The directory and the SOV editor in a real browser (Debian's chromium via Playwright):
a contact's invite bounces; the administrator finds them in the directory, fixes the
address and resends, and the mail arrives in the development mailbox at the new address
with working links; then edits a commitment's Schedule of Values.

Everything runs for real on loopback (see the fixtures in tests/e2e/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect
from sqlalchemy import select

from store import tables as t
from tests.support.browsing import SCREENSHOTS, WAIT_MS, Service, console_errors, invite

pytestmark = pytest.mark.browser

LUIS = "luis@clearflow.example"
NEW_ADDRESS = "luis.romero@clearflow.example"
SUBJECT = "Riverside Medical Office Building: Jordan Avery has invited you to bill."
# Runs in the page until the development mailbox lists a mail to the address (Playwright
# polls it: delivery runs in the background).
MAILBOX_HAS = """async (address) => {
  const answer = await fetch("/dev/mail");
  return answer.ok && (await answer.text()).includes(address);
}"""


async def wait_for_mail_to(page: Page, address: str) -> None:
    origin = re.match(r"^https?://[^/]+", page.url)
    assert origin is not None
    await page.goto(f"{origin.group(0)}/dev/mail")
    await page.wait_for_function(MAILBOX_HAS, arg=address, polling=100, timeout=WAIT_MS)
    await page.reload()


async def sign_in(page: Page, service: Service) -> None:
    await page.goto(f"{service.base_url}/admin")
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", level=1)).to_be_visible()


async def bounce_the_invite_to(service: Service, address: str, page: Page) -> None:
    """Wait until the invite mail to `address` is in the mailbox, then a bounce report for
    it arrives (the use case the SMTP front door and mail providers' webhooks call)."""
    await wait_for_mail_to(page, address)
    await expect(page.locator("tr", has_text=address)).to_have_count(1)
    container = service.container
    assert container is not None
    async with container.ctx.sessions() as session:
        outbox_id = (await session.execute(
            select(t.OutboxMessage.id).join(t.Person, t.Person.id == t.OutboxMessage.person_id)
            .where(t.Person.email == address, t.OutboxMessage.status == "sent"))).scalar_one()
    assert await container.webhooks.bounces.hard_bounce(
        outbox_id, "550 5.1.1 <luis@clearflow.example>: Recipient address rejected", "test")


async def test_fix_a_bounced_address_resend_and_edit_the_sov(service: Service,
                                                             browser: Browser) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await sign_in(page, service)
    await invite(service, "SC-004")
    await bounce_the_invite_to(service, LUIS, page)

    await page.get_by_role("link", name="Directory").click()
    await page.get_by_label("Search by company, name or email").fill("luis")
    await page.get_by_role("button", name="Search").click()
    await expect(page.get_by_role("link", name="Clearflow Plumbing")).to_be_visible()
    await expect(page.locator("li", has_text="Luis Romero")).to_contain_text("Bounced")
    await page.get_by_role("link", name="Luis Romero").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Luis Romero")
    await expect(page.locator("#delivery")).to_contain_text("Recipient address rejected")
    await expect(page.get_by_role("heading", name="Fix the address")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "directory-bounced.png"), full_page=True)

    await page.get_by_label("Email", exact=True).fill(NEW_ADDRESS)
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator(".banner-success")).to_contain_text("The address was fixed.")
    await page.get_by_role("button", name="Resend the open invites").click()
    await expect(page.locator(".banner-success")).to_contain_text(
        f"1 invite mail queued to {NEW_ADDRESS}.")
    # Pressing it again queues nothing more.
    await page.get_by_role("button", name="Resend the open invites").click()
    await expect(page.locator(".banner-success")).to_contain_text("Nothing new to send")

    await wait_for_mail_to(page, NEW_ADDRESS)
    arrived = page.locator("tr", has_text=NEW_ADDRESS)
    await expect(arrived).to_have_count(1)
    await arrived.get_by_role("link", name=SUBJECT).click()
    yes = page.frame_locator("iframe.mail-frame").get_by_role(
        "link", name="Yes, I will bill this period")
    async with page.context.expect_page() as opened:
        await yes.click()
    tab = await opened.value
    await tab.wait_for_load_state()
    await expect(tab.get_by_role("button")).to_contain_text("Yes")  # the link works
    await tab.close()

    # The SOV editor: SC-006 has no invoice yet.
    container = service.container
    assert container is not None
    async with container.ctx.sessions() as session:
        sc006 = (await session.execute(select(t.Commitment.id).where(
            t.Commitment.project_id == service.demo.project_id,
            t.Commitment.number == "SC-006"))).scalar_one()
    await page.goto(f"{service.base_url}/admin/commitments/{sc006}")
    await expect(page.get_by_role("heading", level=1)).to_contain_text("SC-006")
    await page.get_by_label("Description of row 2").fill("Gypsum board, type X")
    await page.get_by_label("Order of row 1").fill("9")  # framing goes last
    await page.get_by_label("Remove row 3").check()
    await page.get_by_label("Item number of row 4").fill("09-3000")
    await page.get_by_label("Description of row 4").fill("Tiling")
    await page.get_by_label("Scheduled value of row 4").fill("12,500.00")
    await page.get_by_label("Order of row 4").fill("5")
    await page.get_by_role("button", name="Save the Schedule of Values").click()
    await expect(page.locator(".banner-success")).to_contain_text(
        "The Schedule of Values was saved.")
    descriptions = [await page.get_by_label(f"Description of row {n}").input_value()
                    for n in (1, 2, 3)]
    assert descriptions == ["Gypsum board, type X", "Tiling", "Metal stud framing"]
    await expect(page.get_by_label("Scheduled value of row 2")).to_have_value("12500.00")
    await expect(page.locator(".period")).to_contain_text("172,300.00")
    await page.screenshot(path=str(SCREENSHOTS / "sov-editor.png"), full_page=True)
    assert not [e for e in errors if not re.search(r"\b4\d\d\b.*favicon", e)], errors
