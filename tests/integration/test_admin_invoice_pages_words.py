"""The administrator's invoice list, invoice review, invoice-on-behalf, invite and
late-request pages in the project's language and dictionary, through the real application
on both databases: French on a fr-CA project, Australian terms on an en-AU one, and none of
the English words they replace. The rival company's administrator gets 404 and a stranger
is sent to sign in, whatever the language."""

from __future__ import annotations

import html
import re
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from app.bootstrap import build_web_app
from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.invoicing import commitment_of, signed_in, submit
from tests.support.late_requests import ask, link_path, mails_to
from tests.support.pages import csrf_token, sign_in
from tests.support.pdf_reading import pages_text
from tests.support.period_pages import sign_in_rival
from tests.support.world import World


async def speak(world: World, locale: str, terminology: str = "general_contractor") -> None:
    async with world.container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == world.demo.project_id)
                              .values(locale=locale, terminology=terminology))


async def page(client: TestClient, path: str) -> str:
    response = await client.get(path)
    assert response.status == 200, path
    # Entities decoded (an apostrophe is &#39; in the markup); French spaces made plain.
    text = html.unescape(await response.text())
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def absent(text: str, *english: str) -> None:
    for words in english:
        assert words not in text, words


async def test_a_quebec_projects_invoice_pages_speak_french(
        world: World, world_api: TestClient, tmp_path: Path) -> None:
    await speak(world, "fr-CA")
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    assert (await submit(world_api, link, {"number": "BW-1", f"work_{first.id}": "1234.5"},
                         "send")).status == 303
    await sign_in(world_api, world)
    period = world.demo.billing_period_id
    listing = await page(world_api, f"/admin/periods/{period}/invoices")
    heading = re.search(r"<h1>(.*?)</h1>", listing)
    assert heading is not None and heading.group(1).startswith("Factures, ")
    assert "novembre" in heading.group(1) or "octobre" in heading.group(1)
    assert "Entreprise contractante" in listing and "En révision" in listing
    assert "1 234,50" in listing
    assert "Saisir une facture au nom d'un contact" in listing
    absent(listing, "Contract company", "Under Review", "Current payment due",
           "Enter an invoice on a contact's behalf", "1,234.50")

    invoice_id = int(re.search(r'href="/admin/invoices/(\d+)"', listing).group(1))  # type: ignore[union-attr]
    review = await page(world_api, f"/admin/invoices/{invoice_id}")
    for french in ("Facture BW-1", "Sommaire (G702)", "Paiement exigible", "I Retenue",
                   "Modifier le statut", "Nouveau statut", "Approuvée avec remarques",
                   "Télécharger en CSV (G703 et G702)", "Période de facturation"):
        assert french in review, french
    absent(review, "Summary (G702)", "Current payment due", "Change status",
           "Approved as Noted", "Download as CSV", "Billing period")
    # A refused review is worded in French too, and changes nothing.
    refused = await world_api.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(review), "status": "bogus"})
    assert refused.status == 422
    assert "Choisissez l'un des statuts de révision." in html.unescape(await refused.text())
    assert "En révision" in await page(world_api, f"/admin/invoices/{invoice_id}")

    # The documents of the invoice, through the same app: the G702/G703 and the package.
    pdf = await world_api.get(f"/admin/invoices/{invoice_id}/pay-application.pdf")
    assert pdf.status == 200
    pages = [" ".join(text.replace("\u00a0", " ").split())
             for text in pages_text(await pdf.read(), tmp_path)]
    assert "DEMANDE ET CERTIFICAT DE PAIEMENT" in pages[0] and "FEUILLE DE DÉTAIL" in pages[1]
    assert "1 234,50" in pages[1] and "Retainage" not in " ".join(pages)
    package = await world_api.get(f"/admin/invoices/{invoice_id}/package.pdf")
    assert package.status == 200
    cover = " ".join(pages_text(await package.read(), tmp_path)[0].split())
    assert "Demande de paiement BW-1" in cover and "Contenu" in cover
    assert "Demande et certificat de paiement (G702) et feuille de détail (G703)" in cover
    assert "Contents" not in cover and "Skipped attachments" not in cover

    invite = await page(world_api, f"/admin/invites/{link.invite_id}")
    for french in ("Liens du courriel", "Désactiver les liens", "Historique", "A répondu Oui",
                   "Accepté", "Type de facture"):
        assert french in invite, french
    absent(invite, "Links in the mail", "Revoke the links", "History", "Answered Yes")

    on_behalf = re.search(r'href="(/admin/periods/\d+/commitments/\d+/invoice)"', listing)
    assert on_behalf is not None
    entry = await page(world_api, on_behalf.group(1))
    assert "Saisir la facture de" in entry and "Saisir et envoyer en révision" in entry
    absent(entry, "Enter invoice for", "Enter and send for review")

    # Another company's administrator: 404 on every page; a stranger: sent to sign in.
    rival = TestClient(TestServer(build_web_app(world.container)))
    stranger = TestClient(TestServer(build_web_app(world.container)))
    await rival.start_server()
    await stranger.start_server()
    try:
        await sign_in_rival(rival)
        paths = (f"/admin/periods/{period}/invoices", f"/admin/invoices/{invoice_id}",
                 f"/admin/invoices/{invoice_id}/pay-application.pdf",
                 f"/admin/invoices/{invoice_id}/export.csv",
                 f"/admin/invites/{link.invite_id}", on_behalf.group(1))
        for path in paths:
            assert (await rival.get(path, allow_redirects=False)).status == 404, path
            away = await stranger.get(path, allow_redirects=False)
            assert away.status in (302, 303) and "/sign-in" in away.headers["Location"], path
    finally:
        await rival.close()
        await stranger.close()


async def test_an_australian_projects_late_request_and_invite_pages_say_claim(
        world: World, world_api: TestClient) -> None:
    await speak(world, "en-AU", "owner")
    link = await signed_in(world, world_api)
    world.clock.advance(days=16)  # past the due date in Chicago
    asked = await ask(world_api, link, "Waiting on the supplier")
    assert asked.status == 303  # type: ignore[attr-defined]
    await world.container.delivery.deliver_due()
    [mail] = mails_to(world, ADMIN_EMAIL, "more time")
    path = link_path(mail)
    await sign_in(world_api, world, path)
    late = await page(world_api, path)
    assert "Claim period" in late and "25 November 2026" in late  # the Australian date
    assert "Grant more time" in late and "7 days" in late
    assert "26 Nov 2026, 9:00 am CST" in late  # asked on, the Australian way
    absent(late, "Billing period", "November 25, 2026")

    listing = await page(world_api, f"/admin/periods/{world.demo.billing_period_id}/invoices")
    assert "Progress claims" in listing and "Enter a progress claim on a contact's behalf" \
        in listing
    assert "No progress claims yet for this claim period." in listing
    absent(listing, "Invoices", "Enter invoice", "No invoices yet")

    invite = await page(world_api, f"/admin/invites/{link.invite_id}")
    assert "Progress claim type" in invite and "Claim period" in invite
    assert "Asked for more time" in invite
    absent(invite, "Invoice type", "Billing period")
