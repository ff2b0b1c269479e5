"""The contact's pages in the contact's words, over HTTP through the real app on both
databases: a fr-CA project's (or a fr-CA contact's) invoice form, commitments, sub-tiers and
sign-in pages read French with French dates and figures; an en-AU project's read
"progress claim" and "retention"; the words of another language never leak in."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.answering import form_token
from tests.support.contact_words import read, shown, speak
from tests.support.invoicing import commitment_of, form_url, signed_in, submit
from tests.support.on_behalf import commitment_id, on_behalf_url, sign_in_rival
from tests.support.pages import sign_in
from tests.support.waivering import (
    signing_path_of_french_signer,
)
from tests.support.world import World

NBSP = "\u00a0"
FRENCH_MONTH = re.compile(r"\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|"
                          r"septembre|octobre|novembre|décembre) 20\d\d")
ENGLISH_MONTH = re.compile(r"(January|February|March|April|May|June|July|August|September|"
                           r"October|November|December) \d{1,2}, 20\d\d")


async def test_a_french_project_s_invoice_form_reads_french_with_french_figures(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    first, second = (await commitment_of(world, link)).sov_lines[:2]
    saved = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": "1234.50",
                                           f"stored_{second.id}": "2500"}, "draft")
    assert saved.status == 303, await saved.text()
    response = await world_api.get(saved.headers["Location"])
    assert response.status == 200
    html = await read(response)
    assert '<html lang="fr-CA">' in html
    for words in ("Nouvelle facture pour SC-003 Electrical", "Votre brouillon est enregistré",
                  "Travaux exécutés cette période", "Matériaux actuellement entreposés",
                  "Retenue de garantie libérée", "Enregistrer comme brouillon",
                  "Type de facturation", "Brouillon", "Sommaire (G702)",
                  "8. Paiement actuellement dû", "Pièces jointes"):
        assert words in html, words
    assert re.search(r"temps restant : \d+ (jour|jours|heure|heures)", html)
    assert FRENCH_MONTH.search(html) and not ENGLISH_MONTH.search(html)
    # Figures grouped the French way (no-break space, decimal comma), also for the script.
    assert f"1{NBSP}234,50" in html and f"2{NBSP}500,00" in html
    assert f'data-group="{NBSP}" data-decimal=","' in html
    for english in ("New invoice", "Save as Draft", "Work completed this period",
                    "Retainage", "Your draft is saved", " left)", "Billing type"):
        assert english not in shown(html), english


async def test_a_french_form_refuses_bad_input_in_french_and_keeps_what_was_typed(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    wrong = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": "12x"},
                         "draft")
    assert wrong.status == 422
    html = await read(wrong)
    assert "La facture n'a pas été enregistrée. Veuillez corriger :" in html
    assert 'value="12x"' in html and "The invoice was not saved" not in html
    assert (f"Article {first.item_number} : travaux exécutés cette période n'est pas un "
            "nombre ('12x')") in html
    assert "is not a number" not in html
    # The domain's refusal (past 100 %), worded by its code, French figures included.
    too_much = str(first.scheduled_value + 1)
    past = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": too_much},
                        "draft")
    assert past.status == 422
    html = await read(past)
    assert "une ligne ne peut être facturée au-delà de 100 %" in html
    assert f"Article {first.item_number} : l'exécuté et entreposé à ce jour (" in html
    assert "cannot be billed past 100 %" not in html and f'value="{too_much}"' in html


async def test_a_french_form_reads_a_decimal_comma_and_refuses_a_figure_read_two_ways(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    first, second = (await commitment_of(world, link)).sov_lines[:2]
    ambiguous = await submit(world_api, link, {"number": "BW-7",
                                               f"work_{first.id}": "1,250.50"}, "draft")
    assert ambiguous.status == 422
    assert "n'est pas un nombre ('1,250.50')" in await read(ambiguous)
    saved = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": "1 250,50",
                                           f"stored_{second.id}": f"2{NBSP}000,5"}, "draft")
    assert saved.status == 303, await saved.text()
    html = await read(await world_api.get(form_url(link)))
    assert 'value="1250.50"' in html and 'value="2000.50"' in html


async def test_a_french_contact_on_a_us_project_reads_french(
        world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    await speak(world, locale="en-US", contact_language="fr-CA", link=link)
    html = await read(await world_api.get(form_url(link)))
    assert "Nouvelle facture pour SC-003" in html and "New invoice" not in html
    listing = await read(await world_api.get("/c/commitments"))
    assert "Mes engagements" in listing and "Périodes de facturation en cours" in listing
    assert "Accepté" in listing or "Invité" in listing
    assert "My commitments</h1>" not in listing and "Current billing periods" not in listing
    assert FRENCH_MONTH.search(listing) and not ENGLISH_MONTH.search(listing)
    sub_tiers = await read(await world_api.get(
        f"/c/commitments/{link.commitment_id}/sub-tiers"))
    for words in ("Sous-traitants de second rang de SC-003", "Ajouter un sous-traitant",
                  "Nom de l'entreprise", "Code postal", "sont obligatoires"):
        assert words in sub_tiers, words
    for english in ("Add a sub-tier", "Company name", "ZIP code", "are required"):
        assert english not in sub_tiers, english


async def test_an_australian_project_s_form_says_progress_claim_and_retention(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="en-AU")
    link = await signed_in(world, world_api)
    html = await read(await world_api.get(form_url(link)))
    for words in ("New progress claim for SC-003 Electrical", "Progress claim number",
                  "I Retention held", "Retention released", "5. Total retention",
                  "9. Balance to finish, including retention", "Claim period"):
        assert words in html, words
    for american in ("New invoice", "Invoice number", "Retainage", "retainage",
                     "Billing period"):
        assert american not in shown(html), american
    # Australian dates: the day first.
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|"
                     r"September|October|November|December) 20\d\d", html)
    assert not ENGLISH_MONTH.search(html)


async def test_an_owner_dictionary_form_says_payment_application(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="en-US", terminology="owner")
    link = await signed_in(world, world_api)
    html = await read(await world_api.get(form_url(link)))
    assert "New payment application for SC-003" in html
    assert "Payment application number" in html and "New invoice" not in html


async def test_the_sign_in_pages_follow_the_browser_s_language(world_api: TestClient) -> None:
    french = await read(await world_api.get(
        "/c/sign-in", headers={"Accept-Language": "de-DE, fr-CA;q=0.8, en;q=0.5"}))
    assert "Connexion" in french and "M'envoyer un lien de connexion" in french
    assert "Email me a sign-in link" not in french
    english = await read(await world_api.get("/c/sign-in"))
    assert "Email me a sign-in link" in english and "Connexion" not in english
    refused = await world_api.post("/c/sign-in", headers={"Accept-Language": "fr"},
                                   data={"csrf_token": form_token(french), "email": "x"})
    assert refused.status == 422
    page = await read(refused)
    assert "Entrez l'adresse courriel à laquelle vos invitations sont envoyées." in page
    assert 'value="x"' in page and "Enter the email address" not in page


async def test_a_stranger_is_sent_to_sign_in_and_another_commitment_is_not_found(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    stranger = await world_api.get("/c/commitments", allow_redirects=False)
    assert stranger.status == 303 and stranger.headers["Location"] == "/c/sign-in"
    link = await signed_in(world, world_api)
    other = await world_api.get(f"/c/commitments/{link.commitment_id + 10_000}/invoices/new")
    assert other.status == 404


async def test_the_administrator_s_on_behalf_sheet_speaks_the_project_s_words(
        world_api: TestClient, world: World) -> None:
    """The invoice sheet is shared with the administrator's on-behalf form: an en-AU
    project's sheet there says retention too (the page around it is words-docs' part)."""
    await speak(world, locale="en-AU")
    await sign_in(world_api, world)
    page = await world_api.get(on_behalf_url(world.demo.billing_period_id,
                                             await commitment_id(world, "SC-004")))
    assert page.status == 200
    html = await read(page)
    assert "I Retention held" in html and "Progress claim number" in html
    assert "Retainage released" not in shown(html)
    await sign_in_rival(world_api)
    rival = await world_api.get(on_behalf_url(world.demo.billing_period_id,
                                              await commitment_id(world, "SC-004")))
    assert rival.status == 404


async def test_no_open_period_is_said_in_the_contact_s_words(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    async with world.container.ctx.sessions.begin() as session:
        period = await session.get(t.BillingPeriod, world.demo.billing_period_id)
        assert period is not None
        period.status = "closed"
    for path in (form_url(link), f"/c/commitments/{link.commitment_id}/sub-tiers"):
        response = await world_api.get(path)
        assert response.status == 409, path
        html = await read(response)
        assert "Aucune période de facturation n'est ouverte" in html
        assert "n'a aucune période de facturation ouverte pour SC-003." in html
        assert "No billing period is open" not in html


async def test_a_french_signer_reads_the_signing_page_and_the_verification_in_french(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    path = await signing_path_of_french_signer(world_api, world, world_headers)
    html = await read(await world_api.get(path))
    for words in ("Signer la renonciation", "Nom complet", "Fonction",
                  "Quelqu'un d'autre signe pour votre entreprise?",
                  "Transmettre la demande de signature", "Ouvrir l'aperçu PDF"):
        assert words in html, words
    assert re.search(r"Renonciation à l'hypothèque légale W?[-\w]+", html)
    for english in ("Sign the waiver", "Full name", "Share the signature request"):
        assert english not in shown(html), english
    # A forged link is refused; the public verification speaks the browser's language.
    forged = await world_api.get("/w/" + "x" * 40)
    assert forged.status == 400
    verify = await world_api.get("/w/verify?code=NOPE-0000",
                                 headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    assert verify.status == 404
    page = await read(verify)
    assert "Aucune renonciation ne porte ce code." in page and "No waiver has" not in page
