"""A new administrator's first steps in a real browser (Debian's chromium): create a
project, open its first billing period from the pre-filled form, and read the refusal of
a due date that has already passed next to its field."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import SCREENSHOTS, Service, console_errors

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "nina@fresh-builders.example", "a long new password"


async def test_a_new_administrator_creates_a_project_and_opens_a_period(
        service: Service, browser: Browser) -> None:
    assert service.container is not None
    await service.container.access.create_admin(email=EMAIL, name="Nina New",
                                                password=PASSWORD,
                                                company_name="Fresh Builders")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await page.goto(f"{service.base_url}/admin")
    await page.get_by_label("Email address").fill(EMAIL)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text("Your company has no projects yet.")).to_be_visible()

    await page.get_by_role("link", name="New project").click()
    await page.get_by_label("Name", exact=True).fill("Harbor Lofts")
    await page.get_by_label("Number").fill("HL-2027")
    await page.get_by_label("Time zone").select_option("America/New_York")
    await page.get_by_role("button", name="Create the project").click()
    await expect(page.locator(".banner-success")).to_contain_text("The project is created.")
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Billing periods")

    # The service's clock says November 10, 2026: this month is proposed (1 / last / 25).
    await expect(page.get_by_label("Start date")).to_have_value("2026-11-01")
    await expect(page.get_by_label("End date")).to_have_value("2026-11-30")
    await expect(page.get_by_label("Due date")).to_have_value("2026-11-25")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "periods-new.png"), full_page=True)

    await page.get_by_label("Due date").fill("2026-11-05")
    await page.get_by_role("button", name="Open the period").click()
    refusal = page.locator("#due_date-error")
    await expect(refusal).to_contain_text("This due date has already passed")
    await expect(page.get_by_label("Due date")).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_label("Start date")).to_have_value("2026-11-01")  # kept
    await expect(page.locator("#periods")).to_have_count(0)  # nothing was opened
    await page.screenshot(path=str(SCREENSHOTS / "periods-refused.png"), full_page=True)

    await page.get_by_label("Due date").fill("2026-11-25")
    await page.get_by_role("button", name="Open the period").click()
    await expect(page.locator(".banner-success")).to_contain_text("The billing period is open.")
    row = page.locator("#periods tbody tr")
    await expect(row).to_have_count(1)
    await expect(row.locator("[data-status]")).to_have_text("Open")
    await expect(row).to_contain_text("November 25, 2026")
    # The next proposal follows the new period.
    await expect(page.get_by_label("Start date")).to_have_value("2026-12-01")
    # The refused form answered 422 (the browser logs it twice); nothing else went wrong.
    assert [e for e in errors if "422" not in e] == []
    assert len(errors) == 2
