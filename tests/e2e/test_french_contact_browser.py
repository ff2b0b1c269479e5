"""A Québec contact on a US project, in a real browser (Debian's chromium via Playwright):
their language set to fr-CA, the invite arrives in French, the answer page speaks French
(Canadian dates, the project's terms) and the Yes leads to the invoice form."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.support.browsing import (
    FRENCH_SUBJECT,
    SCREENSHOTS,
    Service,
    console_errors,
    invite,
    open_link_from_the_mailbox,
    prefer_french,
)

pytestmark = pytest.mark.browser



async def test_a_french_contact_answers_yes_in_french(service: Service,
                                                     browser: Browser) -> None:
    await prefer_french(service, "Luis Romero")
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch,
                                           "Oui, je facturerai cette période",
                                           subject=FRENCH_SUBJECT)
    errors = console_errors(tab)

    await expect(tab).to_have_url(re.compile(r"/a/[^/]+/yes$"))
    await expect(tab.locator("html")).to_have_attribute("lang", "fr-CA")
    await expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Souhaitez-vous facturer cette période?")
    await expect(tab.get_by_text("Bonjour Luis Romero,")).to_be_visible()
    facts = tab.locator("dl.facts")
    for text in ("Période de facturation", "du 1er novembre 2026 au 30 novembre 2026",
                 "Date limite", "25 novembre 2026", "Entreprise contractante",
                 "Réponse actuelle", "Invité"):
        await expect(facts).to_contain_text(text)
    await expect(tab.get_by_text("Vous ne facturez pas cette période?")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await tab.screenshot(path=str(SCREENSHOTS / "answer-fr-ca.png"), full_page=True)

    await tab.get_by_role("button", name="Oui, je facturerai cette période").click()
    await expect(tab).to_have_url(re.compile(r"/c/commitments/\d+/invoices/new\?answer=yes$"))
    await expect(tab.locator(".account-name")).to_have_text("Luis Romero")
    assert errors == []


async def test_a_french_contact_answers_no_and_reads_the_thanks_in_french(
        service: Service, browser: Browser) -> None:
    await prefer_french(service, "Luis Romero")
    batch = await invite(service, "SC-004")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    tab = await open_link_from_the_mailbox(page, service, batch,
                                           "Non, je ne facturerai pas cette période",
                                           subject=FRENCH_SUBJECT)
    errors = console_errors(tab)
    await tab.get_by_role("button", name="Non, je ne facturerai pas cette période").click()
    await expect(tab.get_by_role("heading", level=1)).to_have_text("Merci, Luis Romero")
    await expect(tab.get_by_role("status")).to_contain_text(
        "Votre réponse est enregistrée : vous ne facturerez pas cette période.")
    await expect(tab.locator("dl.facts")).to_contain_text("Refusé")
    await expect(tab.get_by_role("button", name="Changer ma réponse pour Oui")).to_be_visible()
    assert errors == []
