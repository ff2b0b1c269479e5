"""Importing commitments in a real browser: a file with one bad row is listed and writes
nothing; the fixed file is previewed, confirmed and imported; a re-import updates without
duplicates (Debian's chromium via Playwright, the real service on loopback)."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browsing import SCREENSHOTS, Service, api_headers, console_errors
from tests.support.imports import GOOD_ROWS, csv_file, row

pytestmark = pytest.mark.browser


async def project_commitments(service: Service) -> dict[str, dict[str, object]]:
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.get(f"/api/projects/{service.demo.project_id}/commitments") as found:
            return {item["number"]: item for item in (await found.json())["items"]}


async def upload(page: Page, path: Path) -> None:
    await page.get_by_label("CSV or XLSX file").set_input_files(str(path))
    await page.get_by_role("button", name="Preview the import").click()


async def test_import_a_bad_file_then_the_fixed_one_then_again(
        service: Service, browser: Browser, tmp_path: Path) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await page.goto(f"{service.base_url}/admin/projects/{service.demo.project_id}")
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("link", name="Import commitments from CSV or XLSX").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Import commitments")

    async with page.expect_download() as downloading:
        await page.get_by_role("link", name="the CSV template").click()
    template = await (await downloading.value).path()
    assert template is not None and b"Commitment Number" in template.read_bytes()

    before = await project_commitments(service)
    bad = tmp_path / "erp-export.csv"
    bad.write_bytes(csv_file([*GOOD_ROWS, row("IMP-003", "001", "abc")]))
    await upload(page, bad)
    problem = page.locator("#import-problem")
    await expect(problem).to_contain_text("nothing was imported")
    await expect(page.locator("#row-errors li")).to_have_text(
        ["Row 5: scheduled value 'abc' is not an amount"])
    await expect(page.get_by_label("CSV or XLSX file")).to_have_attribute("aria-invalid", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "import-errors.png"), full_page=True)
    assert await project_commitments(service) == before

    fixed = tmp_path / "erp-export-fixed.csv"
    fixed.write_bytes(csv_file([*GOOD_ROWS, row("IMP-003", "001", "250.00")]))
    await upload(page, fixed)
    await expect(page.locator("#import-counts")).to_have_text(
        "4 rows: 3 commitments will be created, 0 updated, 0 unchanged.")
    assert await project_commitments(service) == before  # previewed, not written
    await page.get_by_role("button", name="Confirm the import").click()
    await expect(page.locator("#import-done")).to_contain_text(
        "3 created, 0 updated, 0 unchanged")
    imported = await project_commitments(service)
    assert set(imported) - set(before) == {"IMP-001", "IMP-002", "IMP-003"}

    await page.goto(f"{service.base_url}/admin/projects/{service.demo.project_id}/import")
    again = tmp_path / "erp-export-changed.csv"
    again.write_bytes(csv_file([*GOOD_ROWS, row("IMP-003", "001", "275.00")]))
    await upload(page, again)
    await expect(page.locator("#import-counts")).to_have_text(
        "4 rows: 0 commitments will be created, 1 updated, 2 unchanged.")
    await page.get_by_role("button", name="Confirm the import").click()
    await expect(page.locator("#import-done")).to_contain_text(
        "0 created, 1 updated, 2 unchanged")
    after = await project_commitments(service)
    assert len(after) == len(imported)
    assert after["IMP-003"]["id"] == imported["IMP-003"]["id"]
    assert [line["scheduled_value"] for line in after["IMP-003"]["sov_lines"]  # type: ignore[attr-defined]
            ] == ["275.00"]
    # The 422 of the bad upload is the only answer >= 400 the journey saw.
    assert [error for error in errors if " 422 " not in f" {error} "] == [], errors
