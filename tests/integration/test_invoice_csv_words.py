"""The invoice CSV export in the project's language and dictionary, read back with the csv
module through the API and the administrator's page (both databases): French headers and
labels for a fr-CA project, Australian terms for an en-AU one, figures left as plain
decimals; another company still gets 404."""

from __future__ import annotations

import csv
import io

from aiohttp.test_utils import TestClient
from sqlalchemy import update

from store import tables as t
from tests.support.api import create_project
from tests.support.invoicing import (
    COMMITMENT,
    OCTOBER,
    commitment_of,
    line,
    ok,
    post_invoice,
    signed_in,
    submit,
)
from tests.support.pages import sign_in
from tests.support.world import World

FRENCH_G703 = [
    "A No d'article", "B Description des travaux", "C Valeur prévue",
    "D Travaux exécutés des demandes précédentes", "E Travaux exécutés cette période",
    "F Matériaux entreposés", "G Total exécuté et entreposé à ce jour", "G/C %",
    "H Solde à terminer", "I Retenue de garantie", "Retenue de garantie libérée cette période",
    "Ordre de changement"]


async def test_a_quebec_projects_export_has_french_headers_and_plain_figures(
        api: TestClient, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    project = await create_project(api, admin_headers, locale="fr-CA")
    commitment = await ok(await api.post(f"/api/projects/{project['id']}/commitments",
                                         json=COMMITMENT, headers=admin_headers), 201)
    period = await ok(await api.post(f"/api/projects/{project['id']}/billing-periods",
                                     json=OCTOBER, headers=admin_headers), 201)
    first = commitment["sov_lines"][0]["id"]
    invoice = await ok(await post_invoice(api, admin_headers, commitment["id"], {
        "billing_period_id": period["id"], "number": "F-1",
        "lines": [line(first, "1234.50")]}), 201)
    url = f"/api/invoices/{invoice['id']}/export.csv"
    export = await api.get(url, headers=admin_headers)
    assert export.status == 200
    rows = list(csv.reader(io.StringIO(await export.text())))
    assert [rows[0][0], rows[0][2], rows[0][4]] == [
        "Facture", "Statut", "Entreprise contractante"]
    assert rows[1] == FRENCH_G703
    items = rows[2:2 + len(commitment["sov_lines"])]
    assert items[0][4] == "1234.50"  # a figure a spreadsheet of any locale reads
    assert {row[-1] for row in items} <= {"oui", "non"}
    assert rows[2 + len(items)][1] == "Totaux"
    summary = rows[rows.index(["Sommaire G702", "Montant"]) + 1:]
    assert [row[0] for row in summary][:3] == [
        "Montant initial du contrat", "Variation nette par ordres de changement",
        "Montant du contrat à ce jour"]
    text = "\n".join(",".join(row) for row in rows)
    for english in ("Invoice", "Retainage", "Totals", "Amount", "yes", "Status"):
        assert english not in text, english
    # Another company's administrator: the invoice does not exist, whatever its language.
    assert (await api.get(url, headers=other_admin_headers)).status == 404


async def test_the_admin_pages_export_of_an_australian_project_says_retention(
        world: World, world_api: TestClient) -> None:
    async with world.container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == world.demo.project_id)
                              .values(locale="en-AU", terminology="owner"))
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    assert (await submit(world_api, link, {"number": "BW-1", f"work_{first.id}": "100"},
                         "send")).status == 303
    await sign_in(world_api, world)
    invoices = await world.container.invoices.list_for_period(
        world.admin, world.demo.billing_period_id)
    export = await world_api.get(f"/admin/invoices/{invoices[0].id}/export.csv")
    assert export.status == 200
    rows = list(csv.reader(io.StringIO(await export.text())))
    assert rows[0][0] == "Progress claim"
    assert "I Retention" in rows[1] and "Variation" in rows[1]
    assert "D Work Completed From Previous Claim" in rows[1]
    labels = [row[0] for row in rows if row]
    assert "Total retention" in labels and "Net change by variations" in labels
    assert not any("etainage" in cell for row in rows for cell in row)
    # The rival company's administrator (API token) gets 404.
    answer = await world_api.get(f"/api/invoices/{invoices[0].id}/export.csv",
                                 headers=world.rival_headers)
    assert answer.status == 404
