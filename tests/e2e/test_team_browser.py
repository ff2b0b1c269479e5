"""The team in a real browser (Debian's chromium via Playwright), the service running for
real with the development mailbox receiving mail over SMTP on loopback: an administrator
invites a colleague, who opens the mailed link in a browser of their own, sets a password,
signs in and sees the company's projects; an administrator who forgot the password resets
it by mail, and the session opened with the old one ends."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import SCREENSHOTS, Service, console_errors
from tests.support.team_browsing import link_in_mail, set_new_password, sign_in_on_page

pytestmark = pytest.mark.browser

COLLEAGUE = "casey@summit-builders.example"
PASSWORD = "caseys own long password"


async def test_an_administrator_invites_a_colleague_who_sets_a_password_and_signs_in(
        service: Service, browser: Browser) -> None:
    base, demo = service.base_url, service.demo
    admin = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(admin)
    await sign_in_on_page(admin, base, demo.admin_email, demo.admin_password)
    await admin.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    await expect(admin.get_by_role("heading", level=1)).to_have_text("Team")
    await admin.get_by_label("Name").fill("Casey Colleague")
    await admin.get_by_label("Email address").fill(COLLEAGUE)
    await admin.get_by_role("button", name="Send the invitation").click()
    await expect(admin.get_by_role("status")).to_have_text(
        f"An invitation is on its way to {COLLEAGUE}.")
    row = admin.locator("#administrators tr", has_text="Casey Colleague")
    await expect(row).to_contain_text("invited")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await admin.screenshot(path=str(SCREENSHOTS / "team.png"), full_page=True)

    url = await link_in_mail(admin, base, "Jordan Avery invited you to Summit Builders on "
                             "Invite to Bill", "Set your password")
    colleague_browser = await browser.new_context(viewport={"width": 1280, "height": 900})
    casey = await colleague_browser.new_page()
    casey_errors = console_errors(casey)
    await casey.goto(url)
    await expect(casey.get_by_role("heading", level=1)).to_have_text("Set your password")
    await expect(casey.get_by_label("Email address")).to_have_value(COLLEAGUE)
    await set_new_password(casey, PASSWORD)
    await expect(casey).to_have_url(f"{base}/sign-in?done=welcome")
    await expect(casey.get_by_role("status")).to_contain_text("Your password is set.")
    await sign_in_on_page(casey, base, COLLEAGUE, PASSWORD)
    await expect(casey.get_by_role("link", name=re.compile("Riverside Medical Office Building"))
                 ).to_be_visible()
    await expect(casey.locator(".account-name")).to_have_text("Casey Colleague")

    await admin.goto(f"{base}/admin/team")
    await expect(row).to_contain_text("active")
    await colleague_browser.close()
    assert errors == [] and casey_errors == []


async def test_an_administrator_resets_a_forgotten_password_by_mail(service: Service,
                                                                   browser: Browser) -> None:
    base, demo = service.base_url, service.demo
    office = await browser.new_context()  # signed in with the old password, left open
    old_session = await office.new_page()
    await sign_in_on_page(old_session, base, demo.admin_email, demo.admin_password)

    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await page.goto(f"{base}/sign-in")
    await page.get_by_role("link", name="Forgot your password?").click()
    await page.get_by_label("Email address").fill(demo.admin_email)
    await page.get_by_role("button", name="Email me a link").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    await expect(page.get_by_role("status")).to_contain_text(
        f"If {demo.admin_email} belongs to an administrator")

    url = await link_in_mail(page, base, "Set a new password for Invite to Bill",
                             "Set a new password")
    await page.goto(url)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Set a new password")
    await set_new_password(page, "a forgotten password, new")
    await expect(page).to_have_url(f"{base}/sign-in?done=password")
    await sign_in_on_page(page, base, demo.admin_email, "a forgotten password, new")

    await old_session.reload()  # the session from before the reset has ended
    await expect(old_session).to_have_url(re.compile(r"/sign-in\?next=/admin$"))
    assert errors == []
    await page.goto(url)  # the link worked once
    await expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    assert f"410 {url}" in errors
    await office.close()
