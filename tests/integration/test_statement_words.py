"""The words of the last PDFs in the project's language, through the API on both databases:
Michigan's sworn statement (its labels, figures and dates from the "documents" catalogue) in
fr-CA and en-AU, and a waiver's facts and audit trail in fr-CA and en-AU; en-US stays
English. Another company gets 404 for each, and a stranger 401."""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp.test_utils import TestClient
from sqlalchemy import update

from app.bootstrap import Container
from store import tables as t
from tests.support.page_words import set_project_words
from tests.support.pdf_reading import pages_text
from tests.support.sworn import draft_with_sub_tiers, in_michigan
from tests.support.waivering import invoice_asking_for_waivers, pdf_text, waivers_of
from tests.support.world import World


async def _statement_preview(world_api: TestClient, world: World,
                             headers: dict[str, str]) -> str:
    """The demo contact's draft BW-7 of SC-003, two sub-tiers billed on it: its statement's
    preview URL."""
    await in_michigan(world_api, headers, world.demo.project_id)
    invoice_id, _, _ = await draft_with_sub_tiers(world_api, world, headers)
    return f"/api/invoices/{invoice_id}/sworn-statement.pdf"


async def _read(api: TestClient, url: str, headers: dict[str, str], tmp_path: Path) -> str:
    response = await api.get(url, headers=headers)
    assert response.status == 200 and response.content_type == "application/pdf"
    return " ".join(" ".join(pages_text(await response.read(), tmp_path)).split())


async def test_the_sworn_statement_speaks_the_projects_language(
        world_api: TestClient, world: World, world_headers: dict[str, str],
        tmp_path: Path) -> None:
    url = await _statement_preview(world_api, world, world_headers)
    english = await _read(world_api, url, world_headers, tmp_path)
    for words in ("SWORN STATEMENT", "PREVIEW (not sent yet)", "Subcontractor or supplier",
                  "Balance to complete", "4,000.00", "Nothing recorded yet."):
        assert words in english, words

    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    french = await _read(world_api, url, world_headers, tmp_path)
    for words in ("DÉCLARATION SOUS SERMENT", "APERÇU (pas encore envoyée)",
                  "Sous-traitant ou fournisseur", "Solde à compléter", "Payé à ce jour",
                  "Période jusqu'au", "Propriétaire", "Totaux", "Page 1 de"):
        assert words in french, words
    assert re.search(r"4\s000,00", french), french[:2000]
    # (The legal body stays English: only the frame, labels and figures are worded.)
    for words in ("SWORN STATEMENT", "Balance to complete", "Contract amount", "4,000.00",
                  "Period to", "Totals", "Audit trail"):
        assert words not in french, words

    await set_project_words(world.container, world.demo.project_id, "en-AU")
    australian = await _read(world_api, url, world_headers, tmp_path)
    assert "4,000.00" in australian and "SWORN STATEMENT" in australian
    assert re.search(r"Period to:? \d{1,2} [A-Z][a-z]+ 20\d\d", australian), australian[:600]

    # Another company's administrator reads nothing of it; a stranger is refused.
    assert (await world_api.get(url, headers=world.rival_headers)).status == 404
    assert (await world_api.get(url)).status == 401


async def test_a_waivers_facts_and_trail_speak_the_projects_language(
        api: TestClient, container: Container, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    ids, invoice = await invoice_asking_for_waivers(api, admin_headers)
    [waiver, *_] = await waivers_of(api, admin_headers, invoice["id"])
    url = f"/api/lien-waivers/{waiver['id']}/pdf"

    async def text() -> str:
        response = await api.get(url, headers=admin_headers)
        assert response.status == 200
        return " ".join(pdf_text(await response.read()).split())

    english = await text()
    for words in ("Claimant", "Customer", "Through date", "Amount", "Exceptions"):
        assert words in english, words

    async with container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == ids["project"])
                              .values(locale="fr-CA"))
    french = await text()
    for words in ("Réclamant", "Client", "Jusqu'au", "Montant", "Vérifiez ce document"):
        assert words in french, words
    # (The waiver's legal body stays English and names the claimant and customer itself.)
    for words in ("Through date", "Amount", "Signature requested from",
                  "Check this document", "Audit trail"):
        assert words not in french, words
    assert "Signature demandée à" in french and re.search(r"27\s000,00\s\$\sUS", french)

    async with container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == ids["project"])
                              .values(locale="en-AU"))
    australian = await text()
    assert "Claimant" in australian
    assert re.search(r"Through date:? \d{1,2} [A-Z][a-z]+ 20\d\d", australian), australian[:800]

    assert (await api.get(url, headers=other_admin_headers)).status == 404
    assert (await api.get(url)).status == 401
