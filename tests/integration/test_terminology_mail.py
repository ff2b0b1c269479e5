"""Terminology and languages end to end, on both databases: a project switched to en-AU
mails "progress claim" invitations; a contact who prefers fr-CA reads French mail on a US
project while the others keep English; the owner's dictionary changes the words; the rival
company and a stranger can change neither setting, and bad values are refused whole."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.answering import form_token
from tests.support.api import assert_error
from tests.support.directory import invite_everyone_and_deliver, person_by_email, received_by
from tests.support.invoicing import ok
from tests.support.mail import text_and_html
from tests.support.world import World

PRIYA = "priya@brightwire.example"


async def test_a_project_switched_to_en_au_mails_progress_claim_invitations(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    url = f"/api/projects/{world.demo.project_id}"
    project = await ok(await world_api.patch(url, json={"locale": "en-AU"},
                                             headers=world_headers))
    assert (project["locale"], project["terminology"]) == ("en-AU", "general_contractor")

    await invite_everyone_and_deliver(world)
    [mail] = received_by(world, PRIYA)
    assert mail.message["Subject"] == ("Riverside Medical Office Building: Jordan Avery has "
                                       "invited you to submit a progress claim.")
    text, html = text_and_html(mail.message)
    for body in (text, html):
        assert "submit a progress claim on Riverside" in body
        assert "Claim period" in body and "Progress claim details" in body
        assert "25 November 2026" in body  # CLDR's Australian long date
        assert "invoice" not in body.lower().replace("invoice contact", "")


async def test_a_french_contact_on_a_us_project_reads_french_mail(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    priya = await person_by_email(world, PRIYA)
    person = await ok(await world_api.patch(f"/api/people/{priya.id}",
                                            json={"language": "fr-CA"}, headers=world_headers))
    assert person["language"] == "fr-CA"

    await invite_everyone_and_deliver(world)
    [french] = received_by(world, PRIYA)
    assert french.message["Subject"] == ("Riverside Medical Office Building : Jordan Avery "
                                         "vous invite à facturer.")
    text, html = text_and_html(french.message)
    for body in (text, html):
        assert "Période de facturation" in body and "Souhaitez-vous facturer" in body
        assert "25 novembre 2026" in body
    # The project stays English for everybody else.
    others = [mail for mail in world.sink.handler.received if mail.rcpt_tos != [PRIYA]]
    assert others and all(mail.message["Subject"].endswith("has invited you to bill.")
                          for mail in others)

    back = await ok(await world_api.patch(f"/api/people/{priya.id}", json={"language": None},
                                          headers=world_headers))
    assert back["language"] is None


async def test_the_owners_dictionary_asks_for_a_payment_application(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    url = f"/api/projects/{world.demo.project_id}"
    project = await ok(await world_api.patch(url, json={"terminology": "owner"},
                                             headers=world_headers))
    assert project["terminology"] == "owner"
    assert (await ok(await world_api.get(url, headers=world_headers)))["terminology"] == "owner"
    await invite_everyone_and_deliver(world)
    [mail] = received_by(world, PRIYA)
    assert mail.message["Subject"].endswith("has invited you to apply for payment.")
    text, _ = text_and_html(mail.message)
    assert "submit a payment application on Riverside" in text


async def test_a_new_project_takes_a_terminology_and_refuses_an_unknown_one(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    body = {"name": "Depot", "number": "P-T1", "time_zone": "Australia/Sydney",
            "locale": "en-AU", "terminology": "specialty_contractor"}
    created = await ok(await world_api.post("/api/projects", json=body,
                                            headers=world_headers), 201)
    assert created["terminology"] == "specialty_contractor"
    refused = await world_api.post("/api/projects", headers=world_headers,
                                   json={**body, "number": "P-T2", "terminology": "lawyer"})
    error = await assert_error(refused, 422)
    assert "terminology" in str(error)
    listed = await ok(await world_api.get("/api/projects", headers=world_headers))
    assert "P-T2" not in {item["number"] for item in listed["items"]}


async def test_bad_values_are_refused_and_change_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    url = f"/api/projects/{world.demo.project_id}"
    refused = await world_api.patch(url, json={"terminology": "lawyer", "name": "Renamed"},
                                    headers=world_headers)
    await assert_error(refused, 422)
    project = await ok(await world_api.get(url, headers=world_headers))
    assert (project["terminology"], project["name"]) == (
        "general_contractor", "Riverside Medical Office Building")
    priya = await person_by_email(world, PRIYA)
    refused = await world_api.patch(f"/api/people/{priya.id}", headers=world_headers,
                                    json={"language": "klingon", "name": "Renamed"})
    await assert_error(refused, 422)
    assert (await person_by_email(world, PRIYA)).language is None
    assert (await person_by_email(world, PRIYA)).name == priya.name


async def test_the_rival_and_a_stranger_change_neither_setting(
        world: World, world_api: TestClient) -> None:
    priya = await person_by_email(world, PRIYA)
    project_url = f"/api/projects/{world.demo.project_id}"
    person_url = f"/api/people/{priya.id}"
    for headers, status in ((world.rival_headers, 404), ({}, 401),
                            ({"Authorization": "Bearer not-a-token"}, 401)):
        await assert_error(await world_api.patch(
            project_url, json={"terminology": "owner"}, headers=headers), status)
        await assert_error(await world_api.patch(
            person_url, json={"language": "fr-CA"}, headers=headers), status)
    assert (await person_by_email(world, PRIYA)).language is None
    async with world.container.ctx.sessions() as session:
        project = await session.get(t.Project, world.demo.project_id)
        assert project is not None and project.terminology == "general_contractor"


async def test_a_french_contact_gets_the_sign_in_link_in_french(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    priya = await person_by_email(world, PRIYA)
    await ok(await world_api.patch(f"/api/people/{priya.id}", json={"language": "fr-CA"},
                                   headers=world_headers))
    form = await world_api.get("/c/sign-in")
    asked = await world_api.post("/c/sign-in", data={
        "csrf_token": form_token(await form.text()), "email": PRIYA})
    assert asked.status == 200
    await world.container.delivery.deliver_due()
    [mail] = received_by(world, PRIYA)
    assert mail.message["Subject"] == "Votre lien de connexion à Invite to Bill"
    text, _ = text_and_html(mail.message)
    assert "pendant 15 minutes" in text and "/c/sign-in/" in text
