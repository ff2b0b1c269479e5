"""The administrator's pages in the project's language and dictionary (en-AU, fr-CA) or in
the administrator's own (fr-CA), through the real application on both databases: the
Australian and French words are on the pages and the American ones are not; the sign-in
pages follow the browser's Accept-Language; the rival's administrator reading the French
project gets the 404 in their own words and changes nothing; a stranger is sent to sign in."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.page_words import (
    attribute_words,
    set_language,
    set_project_words,
    upload_good_rows,
    visible,
)
from tests.support.pages import csrf_token, sign_in
from tests.support.period_pages import sign_in_rival
from tests.support.world import World


def project_pages(world: World) -> dict[str, str]:
    project, period = world.demo.project_id, world.demo.billing_period_id
    return {"dashboard": f"/admin/projects/{project}",
            "periods": f"/admin/projects/{project}/periods",
            "period_edit": f"/admin/periods/{period}/edit",
            "project_form": f"/admin/projects/{project}/edit",
            "commitment": f"/admin/commitments/{world.demo.commitment_ids[0]}",
            "commitment_new": f"/admin/projects/{project}/commitments/new",
            "import": f"/admin/projects/{project}/import"}


async def read(client: TestClient, path: str, status: int = 200) -> str:
    response = await client.get(path)
    page = await response.text()
    assert response.status == status, (path, page[:500])
    return page


async def pages_of_the_project(client: TestClient, world: World) -> dict[str, str]:
    found = {name: await read(client, path) for name, path in project_pages(world).items()}
    uploaded = await upload_good_rows(client, world.demo.project_id)
    assert uploaded.status == 303, await uploaded.text()
    found["import_preview"] = await read(client, uploaded.headers["Location"])
    return found


async def test_a_projects_pages_speak_australian_to_its_administrator(
        world_api: TestClient, world: World) -> None:
    await set_project_words(world.container, world.demo.project_id, "en-AU")
    await sign_in(world_api, world)
    pages = await pages_of_the_project(world_api, world)
    for name, page in pages.items():
        assert '<html lang="en-AU">' in page, name
        text = visible(page)
        if name == "project_form":  # its terminology select names every dictionary's words
            text = text.replace("General contractor (invoice, subcontractor)", "")
        # The American general contractor's words are gone from what the reader sees.
        for american in ("invoice", "Invoice", "Billing period", "billing period",
                         "retainage", "Retainage", "change order", "Change order",
                         "subcontractor", "general contractor"):
            assert american not in text, (name, american)
    dashboard = visible(pages["dashboard"])
    for words in ("Claim period", "Review this period's progress claims",
                  "All claim periods", "Progress claim contacts", "Send Invites",
                  "3 and 1 days before the due date, then every day after it for up to 14 "
                  "days, at 8:00 AM (America/Chicago).", "Retention release",
                  "Work, materials and retention"):
        assert words in dashboard, words
    commitment = visible(pages["commitment"])
    for words in ("Retention: what the head contractor holds back from each progress claim",
                  "Retention on work (%)", "Variation", "Schedule of Values"):
        assert words in commitment, words
    assert "Claim periods" in visible(pages["periods"])
    assert "Edit the claim period" in visible(pages["period_edit"])
    assert "Progress claim contacts and the Schedule of Values" in visible(
        pages["commitment_new"])
    assert "its progress claim contacts as columns" in visible(pages["import"])
    assert "2 commitments will be created" in visible(pages["import_preview"])


async def test_a_projects_pages_speak_french_and_the_rival_reads_nothing_of_them(
        world_api: TestClient, world: World) -> None:
    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    await sign_in(world_api, world)
    pages = await pages_of_the_project(world_api, world)
    french = {"dashboard": ("Période de facturation", "Date limite", "Engagements",
                            "Envoyer les invitations", "Contacts de facture", "Rappels",
                            "25 novembre 2026",
                            "3 et 1 jours avant la date limite, puis chaque jour après "
                            "celle-ci pendant au plus 14 jours, à 8 h 00 (America/Chicago).",
                            "Projets", "Répertoire", "Se déconnecter"),
              "periods": ("Périodes de facturation", "Ouvrir une nouvelle période",
                          "du 1er novembre 2026 au 30 novembre 2026"),
              "period_edit": ("Modifier la période de facturation", "Enregistrer les dates"),
              "project_form": ("Modifier le projet", "Langue des courriels et des pages",
                               "Entrepreneur général (facture, sous-traitant)", "lundi"),
              "commitment": ("Bordereau des prix", "Retenue de garantie sur les travaux (%)",
                             "Ordre de changement", "Enregistrer le bordereau des prix",
                             "Fermer l'engagement"),
              "commitment_new": ("Nouvel engagement", "Créer l'engagement"),
              "import": ("Importer des engagements", "Obligatoires :"),
              "import_preview": ("Aperçu : commitments.csv", "Confirmer l'importation",
                                 "2 engagements seront créés")}
    english = ("Billing period", "Commitments", "Send Invites", "Schedule of Values",
               "Due date", "Projects", "Sign out", "Save", "Import commitments")
    for name, page in pages.items():
        assert '<html lang="fr-CA">' in page, name
        text = visible(page)
        for words in french[name]:
            assert words in text, (name, words)
        for words in english:
            assert words not in text, (name, words)
    labels = attribute_words(pages["dashboard"])
    assert "Sélectionner tous les engagements" in labels
    assert "Afficher seulement : Invités" in labels

    # A refusal of the page is French too (the edge's words; a rule's stay English).
    edit = project_pages(world)["period_edit"]
    refused = await world_api.post(edit, allow_redirects=False, data={
        "csrf_token": csrf_token(pages["period_edit"]), "start_date": "",
        "end_date": "2026-11-30", "due_date": "pas une date", "billing_date": ""})
    assert refused.status == 422
    text = visible(await refused.text())
    assert "La date de début est obligatoire." in text
    assert "La date limite n'est pas une date (AAAA-MM-JJ)." in text
    project = world.demo.project_id
    settings = await world_api.post(f"/admin/projects/{project}/settings",
                                    allow_redirects=False, data={
                                        "csrf_token": csrf_token(pages["dashboard"]),
                                        "days_before": "trois", "hour": "8",
                                        "max_after_due": "14"})
    assert settings.status == 422
    text = visible(await settings.text())
    assert "Les réglages des rappels n'ont pas été enregistrés." in text
    assert "Jours avant la date limite : écrivez des nombres entiers comme 3, 1." in text
    nothing = await world_api.post(f"/admin/periods/{world.demo.billing_period_id}/invites",
                                   allow_redirects=False,
                                   data={"csrf_token": csrf_token(pages["dashboard"])})
    assert nothing.status == 422
    text = visible(await nothing.text())
    assert "Aucun engagement n'a été sélectionné." in text
    assert "Cochez au moins un engagement, puis choisissez Envoyer les invitations." in text

    # The rival's administrator gets the 404 in their own (English) words, nothing French.
    async with world.container.ctx.sessions() as session:
        before = (await session.execute(select(t.Project.name, t.Project.locale).where(
            t.Project.id == world.demo.project_id))).one()
    world_api.session.cookie_jar.clear()
    await sign_in_rival(world_api)
    for path in project_pages(world).values():
        page = await read(world_api, path, 404)
        assert "There is nothing here, or it belongs to another company." in visible(page)
        assert "Période" not in page
    async with world.container.ctx.sessions() as session:
        after = (await session.execute(select(t.Project.name, t.Project.locale).where(
            t.Project.id == world.demo.project_id))).one()
    assert after == before

    # A stranger is sent to sign in, in the words of their browser.
    world_api.session.cookie_jar.clear()
    for path in project_pages(world).values():
        response = await world_api.get(path, allow_redirects=False)
        assert response.status in (302, 303)
        assert response.headers["Location"].startswith("/sign-in")


def first_link(page: str, prefix: str) -> str:
    found = re.search(rf'href="({re.escape(prefix)}\d+)"', page)
    assert found is not None, prefix
    return found.group(1)


async def test_the_pages_of_no_project_speak_the_administrators_french(
        world_api: TestClient, world: World) -> None:
    await set_language(world.container, world.demo.admin_email, "fr-CA")
    await sign_in(world_api, world)
    directory = await read(world_api, "/admin/directory")
    company = await read(world_api, first_link(directory, "/admin/directory/companies/"))
    person = await read(world_api, first_link(directory, "/admin/directory/people/"))
    pages = {"projects": (await read(world_api, "/admin"),
                          ("Projets", "Nouveau projet", "Par montants", "Modifier")),
             "project_new": (await read(world_api, "/admin/projects/new"),
                             ("Nouveau projet", "Créer le projet", "Jour de fin")),
             "directory": (directory, ("Répertoire", "Entreprises", "Ajouter une entreprise",
                                       "Rechercher par entreprise, nom ou courriel")),
             "directory_company": (company, ("Personnes", "Engagements", "Renommer",
                                             "Entreprise contractante de")),
             "directory_person": (person, ("contact de facture pour", "Langue de ses courriels",
                                           "La langue du projet", "Enregistrer")),
             "team": (await read(world_api, "/admin/team"),
                      ("Équipe", "Inviter un administrateur", "Historique des connexions",
                       "(vous)", "connecté")),
             "team_password": (await read(world_api, "/admin/team/password"),
                               ("Changer votre mot de passe", "Mot de passe actuel")),
             "error": (await read(world_api, "/admin/projects/999999", 404),
                       ("Introuvable", "Retour à vos projets"))}
    english = ("Projects", "Directory", "Team", "Sign out", "Name", "Save", "Companies",
               "Not found")
    for name, (page, french) in pages.items():
        assert '<html lang="fr-CA">' in page, name
        text = visible(page)
        for words in french:
            assert words in text, (name, words)
        for words in english:
            assert words not in text, (name, words)

    # The projects page of an Australian administrator says its terms.
    await set_language(world.container, world.demo.admin_email, "en-AU")
    world_api.session.cookie_jar.clear()
    await sign_in(world_api, world)
    projects = visible(await read(world_api, "/admin"))
    assert ("Choose a project to invite its trade contractors to submit a progress claim for "
            "the current period.") in projects
    assert "subcontractors" not in projects


async def test_the_sign_in_pages_follow_the_browsers_language(
        world_api: TestClient, world: World) -> None:
    french = {"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}
    sign_in_page = await world_api.get("/sign-in", headers=french)
    text = visible(await sign_in_page.text())
    assert '<html lang="fr-CA">' in await sign_in_page.text()
    for words in ("Se connecter", "Adresse courriel", "Mot de passe oublié?"):
        assert words in text
    assert "Email address" not in text

    wrong = await world_api.post("/sign-in", headers=french, allow_redirects=False, data={
        "csrf_token": csrf_token(await sign_in_page.text()), "next": "/admin",
        "email": world.demo.admin_email, "password": "not the password"})
    assert wrong.status == 401
    assert "L'adresse courriel ou le mot de passe est incorrect." in visible(await wrong.text())

    forgot = await world_api.get("/sign-in/forgot", headers={"Accept-Language": "fr"})
    assert "M'envoyer un lien" in visible(await forgot.text())
    sent = await world_api.post("/sign-in/forgot", headers=french, allow_redirects=False,
                                data={"csrf_token": csrf_token(await forgot.text()),
                                      "email": "nobody@example.com"})
    assert sent.status == 200
    sent_text = visible(await sent.text())
    assert "Si nobody@example.com appartient à un administrateur" in sent_text
    assert "Vérifiez vos courriels" in sent_text

    gone = await world_api.get("/sign-in/reset/not-a-token", headers=french)
    assert gone.status == 410
    assert "Ce lien ne fonctionne plus" in visible(await gone.text())

    # A language we have no words for, or none at all: American English, as before.
    for headers in ({"Accept-Language": "de-DE,de;q=0.9"}, {}):
        page = await world_api.get("/sign-in", headers=headers)
        text = visible(await page.text())
        assert '<html lang="en-US">' in await page.text()
        assert "Invoice administrators sign in to invite subcontractors to bill." in text
        assert "Se connecter" not in text
