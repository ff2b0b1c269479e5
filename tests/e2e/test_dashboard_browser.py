"""The real service in a real browser: sign in, send invites from the dashboard, watch the
mail go out, and read it in the development mailbox (Debian's chromium via Playwright).

Everything runs for real on loopback (see the fixtures in tests/e2e/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import SCREENSHOTS, WAIT_MS, Service, console_errors

pytestmark = pytest.mark.browser

SUBJECT = "Riverside Medical Office Building: Jordan Avery has invited you to bill."


async def test_send_invites_from_the_dashboard_and_read_them(service: Service,
                                                             browser: Browser) -> None:
    page = await browser.new_page(viewport={"width": 1366, "height": 900})
    errors = console_errors(page)

    await page.goto(f"{service.base_url}/admin/projects/{service.demo.project_id}")
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "sign-in.png"))
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()

    await expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Riverside Medical Office Building")
    await expect(page.locator('[data-count="not_invited"]')).to_have_text("7")
    boxes = page.locator("input[data-select]")
    await expect(boxes).to_have_count(7)

    # The select-all box is the script's: visible only when the script ran under the CSP.
    select_all = page.get_by_label("Select all commitments")
    await select_all.check()
    for index in range(7):
        await expect(boxes.nth(index)).to_be_checked()
    await select_all.uncheck()
    await expect(page.locator("input[data-select]:checked")).to_have_count(0)

    await page.get_by_label("Select SC-001").check()
    await page.get_by_label("Select SC-002").check()
    await expect(select_all).not_to_be_checked()
    await page.get_by_role("button", name="Send Invites").click()

    await expect(page.locator(".banner-success")).to_contain_text("Invited 2 commitments.")
    await expect(page).to_have_url(re.compile(r"\?batch=\d+$"))
    await expect(page.locator('[data-count="invited"]')).to_have_text("2")
    await expect(page.locator('[data-count="not_invited"]')).to_have_text("5")
    # SC-001 has two invoice contacts, SC-002 one: three mails, sent in the background.
    progress = page.locator("#batch-progress")
    await expect(progress.locator('[data-field="sent"]')).to_have_text("3", timeout=WAIT_MS)
    await expect(progress.locator('[data-field="queued"]')).to_have_text("0")
    await expect(progress.locator('[data-field="failed"]')).to_have_text("0")
    await expect(progress).to_contain_text("All mail has been delivered.")

    await page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    await page.get_by_role("link", name="Dev mailbox").click()
    mails = page.get_by_role("link", name=SUBJECT)
    await expect(mails).to_have_count(3)
    await page.screenshot(path=str(SCREENSHOTS / "mailbox.png"), full_page=True)
    await mails.first.click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    frame = page.frame_locator("iframe.mail-frame")
    links = re.escape(service.base_url) + "/a/.+/"
    yes = frame.get_by_role("link", name="Yes, I will bill this period")
    no = frame.get_by_role("link", name="No, I will not bill this period")
    await expect(yes).to_have_attribute("href", re.compile(f"^{links}yes$"))
    await expect(no).to_have_attribute("href", re.compile(f"^{links}no$"))
    await page.screenshot(path=str(SCREENSHOTS / "mail.png"), full_page=True)

    # The invite's history names who sent it, and through which channel.
    await page.goto(f"{service.base_url}/admin/projects/{service.demo.project_id}")
    await page.get_by_role("link", name="Invited", exact=True).first.click()
    history = page.get_by_role("table")
    await expect(history).to_contain_text("Jordan Avery")
    await expect(history).to_contain_text("Dashboard")
    await page.screenshot(path=str(SCREENSHOTS / "invite.png"), full_page=True)

    assert errors == []


async def test_the_dashboard_works_without_javascript(service: Service,
                                                      browser: Browser) -> None:
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(f"{service.base_url}/sign-in")
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("link", name="Riverside Medical Office Building").click()

    await expect(page.locator("#select-all")).to_be_hidden()  # the script's, absent here
    await page.get_by_role("button", name="Send Invites").click()
    await expect(page.locator(".banner-error")).to_contain_text("No commitment was selected.")

    await page.get_by_label("Select SC-003").check()
    await page.get_by_role("button", name="Send Invites").click()
    await expect(page.locator(".banner-success")).to_contain_text("Invited 1 commitment.")
    await expect(page.locator('[data-count="invited"]')).to_have_text("1")
    await context.close()
