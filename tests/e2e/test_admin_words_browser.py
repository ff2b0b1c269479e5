"""The administrator's pages in their words, in a real browser (Debian's chromium via
Playwright): the administrator of an Australian project reads progress claims, the head
contractor, retention and variations on the dashboard and the commitment page; an
administrator whose own language is fr-CA finds the directory in French."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browsing import SCREENSHOTS, Service, console_errors
from tests.support.page_words import set_language, set_project_words

pytestmark = pytest.mark.browser


async def sign_in(page: Page, service: Service, *, button: str = "Sign in") -> None:
    await page.goto(f"{service.base_url}/admin")
    await page.locator("#email").fill(service.demo.admin_email)
    await page.locator("#password").fill(service.demo.admin_password)
    await page.get_by_role("button", name=button).click()
    await expect(page.get_by_role("heading", level=1)).to_be_visible()


async def test_the_administrator_of_an_australian_project_reads_its_terms(
        service: Service, browser: Browser) -> None:
    assert service.container is not None
    await set_project_words(service.container, service.demo.project_id, "en-AU")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await sign_in(page, service)
    await page.get_by_role("link", name="Riverside Medical Office Building").click()
    await expect(page.locator("html")).to_have_attribute("lang", "en-AU")
    period = page.locator("dl.period")
    await expect(period).to_contain_text("Claim period")
    await expect(period.get_by_role("link", name="Review this period's progress claims")
                 ).to_be_visible()
    await expect(page.get_by_role("columnheader", name="Progress claim contacts")
                 ).to_be_visible()
    select = page.get_by_label("Progress claim type")
    await select.select_option(label="Work, materials and retention")
    await expect(select).to_have_value("work_materials_and_retainage")
    await expect(page.get_by_text("Invoice", exact=False)).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "dashboard-en-au.png"), full_page=True)

    await page.goto(f"{service.base_url}/admin/commitments/{service.demo.commitment_ids[0]}")
    await expect(page.get_by_text(
        "Retention: what the head contractor holds back from each progress claim until the "
        "work is accepted.")).to_be_visible()
    await expect(page.get_by_label("Retention on work (%)")).to_have_value("10.00")
    await expect(page.get_by_role("columnheader", name="Variation")).to_be_visible()
    await expect(page.get_by_label("Row 1 is a variation")).to_be_visible()
    await expect(page.get_by_text("retainage", exact=False)).to_have_count(0)
    await page.screenshot(path=str(SCREENSHOTS / "commitment-en-au.png"), full_page=True)
    assert errors == []


async def test_a_french_administrator_finds_the_directory_in_french(
        service: Service, browser: Browser) -> None:
    assert service.container is not None
    await set_language(service.container, service.demo.admin_email, "fr-CA")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    await sign_in(page, service)
    await expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    await page.get_by_role("navigation", name="Principale").get_by_role(
        "link", name="Répertoire").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Répertoire")
    await expect(page.get_by_role("heading", name="Entreprises")).to_be_visible()
    await page.get_by_label("Rechercher par entreprise, nom ou courriel").fill("Clearflow")
    await page.get_by_role("button", name="Recherche", exact=True).click()
    await expect(page.get_by_role("link", name="Afficher tout le monde")).to_be_visible()
    await page.get_by_role("link", name="Luis Romero").click()
    await expect(page.get_by_role("heading", name="Courriels à cette adresse")).to_be_visible()
    await expect(page.get_by_label("Langue de ses courriels")).to_have_value("")
    await expect(page.get_by_role("button", name="Renvoyer les invitations ouvertes")
                 ).to_be_visible()
    await expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / "directory-fr-ca.png"), full_page=True)
    assert errors == []
