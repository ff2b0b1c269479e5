"""A big project's dashboard in a real browser: filter, search, page, select all matching
and send (Debian's chromium via Playwright; the service for real on loopback)."""

from __future__ import annotations

import re

import aiohttp
import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import SCREENSHOTS, Service, api_headers, console_errors

pytestmark = pytest.mark.browser

COUNT = 56


async def big_project(service: Service) -> int:
    """A project of 56 commitments (half electrical, half plumbing) and an open period,
    made over the API; returns its id."""
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.post("/api/projects", json={
                "name": "Harbor Point Tower", "number": "HPT-1", "time_zone": "America/Chicago",
                "locale": "en-US", "accounting_method": "amount"}) as made:
            assert made.status == 201, await made.text()
            project_id = int((await made.json())["id"])
        for i in range(1, COUNT + 1):
            trade = "Electrical" if i % 2 else "Plumbing"
            async with http.post(f"/api/projects/{project_id}/commitments", json={
                    "number": f"BP-{i:03d}", "title": f"{trade} package {i}",
                    "kind": "subcontract", "contract_company": {"name": f"{trade} Co {i}"},
                    "retainage_percent_work": "10", "retainage_percent_stored": "0",
                    "sov_lines": [{"item_number": "1", "description": "Work",
                                   "scheduled_value": "1000.00"}],
                    "invoice_contacts": [{"name": f"Clerk {i}",
                                          "email": f"clerk{i}@trade{i}.example"}]}) as made:
                assert made.status == 201, await made.text()
        async with http.post(f"/api/projects/{project_id}/billing-periods", json={
                "start_date": "2026-11-01", "end_date": "2026-11-30",
                "due_date": "2026-11-25"}) as opened:
            assert opened.status == 201, await opened.text()
    return project_id


async def test_filter_search_page_and_send_to_all_matching(service: Service,
                                                          browser: Browser) -> None:
    project_id = await big_project(service)
    page = await browser.new_page(viewport={"width": 1366, "height": 900})
    errors = console_errors(page)
    await page.goto(f"{service.base_url}/admin/projects/{project_id}")
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()

    rows = page.locator("input[data-select]")
    await expect(page.locator('[data-count="not_invited"]')).to_have_text(str(COUNT))
    await expect(rows).to_have_count(50)
    await page.get_by_role("link", name="Next page").click()
    await expect(rows).to_have_count(COUNT - 50)
    await expect(page.get_by_label("Select BP-056 Plumbing package 56")).to_be_visible()
    await page.get_by_role("link", name="Previous page").click()
    await expect(rows).to_have_count(50)

    # Search: a shareable URL, the typed words kept in the box.
    await page.get_by_label("Search").fill("electrical")
    await page.get_by_role("button", name="Filter").click()
    await expect(page).to_have_url(re.compile(r"\?status=&q=electrical$|\?q=electrical$"))
    await expect(rows).to_have_count(COUNT // 2)
    await expect(page.get_by_label("Search")).to_have_value("electrical")
    await expect(page.locator("#matching-count")).to_have_text("28 matching")
    await page.get_by_role("link", name="Clear").click()
    await expect(rows).to_have_count(50)

    # Status and search together, over two pages; then every matching one is invited.
    await page.get_by_label("Status", exact=True).select_option("not_invited")
    await page.get_by_label("Search").fill("BP-")
    await page.get_by_role("button", name="Filter").click()
    await expect(page.locator("#matching-count")).to_have_text(f"{COUNT} matching")
    await page.get_by_role("link", name="Next page").click()
    await expect(rows).to_have_count(COUNT - 50)
    await page.get_by_label(f"All {COUNT} matching commitments, on every page").check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "dashboard-filtered.png"), full_page=True)
    await page.get_by_role("button", name="Send Invites").click()

    await expect(page.locator(".banner-success")).to_contain_text(
        f"Invited {COUNT} commitments.")
    await expect(page).to_have_url(re.compile(r"\?status=not_invited&q=BP-&batch=\d+$"))
    await expect(page.locator('[data-count="invited"]')).to_have_text(str(COUNT))
    await expect(page.locator('[data-count="not_invited"]')).to_have_text("0")
    # Nothing is left that the filter keeps.
    await expect(page.get_by_text("No commitment matches this filter.")).to_be_visible()
    await page.locator('a.count-link[href$="?status=invited"]').click()
    await expect(rows).to_have_count(50)
    assert [error for error in errors if "favicon" not in error] == []
