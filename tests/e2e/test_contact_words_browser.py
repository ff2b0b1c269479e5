"""The invoice form in the contact's words, in a real browser (Debian's chromium via
Playwright): a Québec contact answers Yes in French and enters an invoice on a French form
(French labels, Canadian dates, figures grouped "12 500,00" also as they are typed); an
Australian project's contact reads "progress claim" and "retention"."""

from __future__ import annotations

import re

import aiohttp
import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import (
    FRENCH_SUBJECT,
    SCREENSHOTS,
    Service,
    api_headers,
    console_errors,
    invite,
    open_link_from_the_mailbox,
    prefer_french,
)

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


async def test_a_french_contact_enters_an_invoice_on_a_french_form(
        service: Service, browser: Browser) -> None:
    await prefer_french(service, "Luis Romero")
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1440, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch,
                                           "Oui, je facturerai cette période",
                                           subject=FRENCH_SUBJECT)
    errors = console_errors(tab)
    await tab.get_by_role("button", name="Oui, je facturerai cette période").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.locator("html")).to_have_attribute("lang", "fr-CA")
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Nouvelle facture pour SC-004 Plumbing")
    await expect(tab.get_by_role("status").first).to_contain_text(
        "Merci. Votre réponse est enregistrée : vous allez facturer cette période.")
    period = tab.locator("dl.period")
    for text in ("Période de facturation", "1er novembre 2026", "30 novembre 2026",
                 "Date limite", "25 novembre 2026", "Type de facturation", "Brouillon"):
        await expect(period).to_contain_text(text)
    await expect(period).to_contain_text(re.compile(r"temps restant : \d+ jours?"))

    await tab.get_by_label("Numéro de facture").fill("BW-1001")
    await tab.locator("input[id^=work_]").first.fill("12500")
    await tab.locator("input[id^=stored_]").nth(1).fill("3 000,00")  # as French writes it
    # The script recomputes as it is typed, grouping the French way.
    summary = tab.locator("#invoice-summary")
    await expect(summary).to_contain_text(f"13{NBSP}950,00")
    await expect(tab.locator("[data-total=E]")).to_have_text(f"12{NBSP}500,00")
    await tab.get_by_role("button", name="Enregistrer comme brouillon").click()
    await expect(tab.get_by_role("status").first).to_contain_text(
        "Votre brouillon est enregistré")
    await expect(tab.locator("#invoice-status")).to_have_text("Brouillon")
    # 12 500 of work and 3 000 stored, 10 % retained on both: 13 950 due (the server's).
    await expect(summary).to_contain_text("8. Paiement actuellement dû")
    await expect(summary.locator("[data-sum=current_payment_due]")).to_have_text(
        f"13{NBSP}950,00")
    await expect(summary).to_contain_text("5. Total de la retenue de garantie")
    for english in ("Save as Draft", "New invoice", "Work completed this period", "Retainage"):
        await expect(tab.get_by_text(english, exact=False)).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "invoice-form-fr-ca.png"), full_page=True)
    assert errors == []


async def test_an_australian_project_s_contact_reads_progress_claim_and_retention(
        service: Service, browser: Browser) -> None:
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.patch(f"/api/projects/{service.demo.project_id}",
                              json={"locale": "en-AU"}) as changed:
            assert changed.status == 200, await changed.text()
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1440, "height": 900})
    tab = await open_link_from_the_mailbox(
        page, service, batch, "Yes, I will submit a progress claim this period",
        subject="Riverside Medical Office Building: Jordan Avery has invited you to submit a "
                "progress claim.")
    errors = console_errors(tab)
    await tab.get_by_role("button", name="Yes, I will submit a progress claim this period"
                          ).click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "New progress claim for SC-004 Plumbing")
    for text in ("Progress claim number", "I Retention held", "Retention released",
                 "5. Total retention", "Claim period"):
        await expect(tab.locator("main")).to_contain_text(text)
    await expect(tab.locator("dl.period")).to_contain_text("25 November 2026")
    await expect(tab.get_by_text("Retainage", exact=False)).to_have_count(0)
    await expect(tab.get_by_text("New invoice", exact=False)).to_have_count(0)
    assert errors == []
