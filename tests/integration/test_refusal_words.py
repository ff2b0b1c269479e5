"""Refusals in the contact's words, over HTTP through the real app on both databases: a
fr-CA project's contact is refused in French (attachments, late requests, waiver signing,
sub-tiers), while the JSON API still answers the English message and its code."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.api import assert_error
from tests.support.attachments import upload
from tests.support.contact_words import assert_reads, read, shown, speak
from tests.support.invoicing import signed_in, submit
from tests.support.late_requests import ask, late_rows
from tests.support.on_behalf import commitment_id, invoice_count, lines_of, on_behalf_url
from tests.support.pages import csrf_token, sign_in
from tests.support.sub_tier_pages import FIELDS, post, rows
from tests.support.waivering import (
    post_signing,
    signing_path_of_french_signer,
)
from tests.support.world import World


async def test_attachment_refusals_read_french_on_a_french_project(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    assert (await submit(world_api, link, {"number": "BW-6"}, "draft")).status == 303
    limit = world.container.settings.attachment_max_bytes
    big = await upload(world_api, link.commitment_id, ("scan.pdf", b"%" * (limit + 1)))
    assert big.status == 413
    await assert_reads(big, "scan.pdf dépasse la limite de 10,0 Mo", "larger than the limit")
    program = await upload(world_api, link.commitment_id, ("setup.exe", b"MZ" * 10))
    assert program.status == 415
    await assert_reads(
        program, "setup.exe ne peut pas être joint : les fichiers acceptés sont CSV, DOCX",
        "cannot be attached")
    empty = await upload(world_api, link.commitment_id, ("blank.pdf", b""))
    assert empty.status == 422
    await assert_reads(empty, "blank.pdf est vide", "is empty")


async def test_late_request_refusals_read_french_on_a_french_project(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    early = await ask(world_api, link)
    assert early.status == 409  # type: ignore[attr-defined]
    await assert_reads(
        early, "La date limite n'est pas encore passée : vous pouvez encore soumettre.",
        "has not passed yet")
    world.clock.advance(days=16)  # the due date has passed
    long = await ask(world_api, link, "x" * 1001)
    assert long.status == 422  # type: ignore[attr-defined]
    await assert_reads(long, "La raison compte 1001 caractères; gardez-la sous 1000.",
                       "keep it under")
    bell = await ask(world_api, link, "ring\x07")
    await assert_reads(bell, "ne doit pas contenir de caractères de contrôle", "must not contain")
    assert await late_rows(world) == []
    assert (await ask(world_api, link, "rain")).status == 303  # type: ignore[attr-defined]
    assert len(await late_rows(world)) == 1


async def test_waiver_signing_refusals_read_french_for_a_french_signer(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    path = await signing_path_of_french_signer(world_api, world, world_headers)
    nameless = await post_signing(world_api, path, {"full_name": " ", "title": "Owner",
                                                    "consent": "yes"})
    assert nameless.status == 400
    await assert_reads(nameless, "votre nom complet est requis pour signer", "is required to sign")
    unticked = await post_signing(world_api, path, {"full_name": "Gina Granite",
                                                    "title": "Owner"})
    assert unticked.status == 400
    await assert_reads(unticked, "cochez la case pour accepter de signer électroniquement",
                       "tick the box")
    forward = await post_signing(world_api, path, {"colleague_name": "Paul",
                                                   "colleague_email": "nobody"}, "forward")
    assert forward.status == 400
    await assert_reads(forward, "indiquez l'adresse courriel de votre collègue",
                       "colleague's email")
    # Nothing was signed: the page still asks for the signature.
    assert "Signer la renonciation" in await read(await world_api.get(path))


async def test_sub_tier_refusals_read_french_and_the_api_stays_english(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await speak(world, locale="fr-CA")
    link = await signed_in(world, world_api)
    base = f"/c/commitments/{link.commitment_id}/sub-tiers"
    refused = await post(world_api, base, {**FIELDS, "city": "", "waiver_email": "nope"})
    assert refused.status == 422
    html = await read(refused)
    assert 'id="st-city-error">Ville : champ obligatoire.' in html
    assert "nope n'est pas une adresse courriel." in html
    assert "is required" not in html and "is not an email address" not in shown(html)
    early = await post(world_api, f"{base}/amounts", {})
    assert early.status == 409
    assert "Enregistrez d'abord la facture comme brouillon" in await read(early)
    assert (await post(world_api, base, FIELDS)).status == 303
    page = await read(await world_api.get(base))
    [tier_id] = rows(page)
    loop = await post(world_api, f"{base}/{tier_id}", {**FIELDS, "hired_by_id": str(tier_id)})
    assert loop.status == 422
    html = await read(loop)
    assert "Engagé par : un sous-traitant de second rang ne peut être engagé" in html
    assert "cannot be hired" not in html
    assert (await submit(world_api, link, {"number": "BW-9"}, "draft")).status == 303
    blank = await post(world_api, f"{base}/amounts", {f"amount-{tier_id}": "",
                                                      f"billing-{tier_id}": "progress"})
    assert blank.status == 422
    html = await read(blank)
    assert ("Étincelle Électrique : entrez le montant facturé sur cette facture "
            "(0,00 s'il n'y en a aucun).") in html
    assert "enter the amount billed" not in html
    certify = await post(world_api, f"{base}/certify", {})
    assert certify.status == 409
    html = await read(certify)
    assert "des sous-traitants de second rang sont inscrits à cet engagement" in html
    assert "remove them before" not in html
    # The API answers the same refusal in English, with its code, for the same project.
    api = await world_api.post(f"/api/commitments/{link.commitment_id}/sub-tiers",
                               json={**FIELDS, "hired_by_id": None,
                                     "estimated_contract_amount": None,
                                     "waiver_email": "nope"},
                               headers=world_headers)
    body = await assert_error(api, 422)
    assert "nope is not an email address." in body["message"]
    assert body["code"] == "invalid_input"
    assert "adresse courriel" not in await api.text()
    assert len(rows(await read(await world_api.get(base)))) == 1  # nothing more written


async def test_on_behalf_refusals_read_the_french_project_s_words(
        world_api: TestClient, world: World) -> None:
    await speak(world, locale="fr-CA")
    await sign_in(world_api, world)
    period, sc004 = world.demo.billing_period_id, await commitment_id(world, "SC-004")
    first = (await lines_of(world, "SC-004"))[0]
    html = await (await world_api.get(on_behalf_url(period, sc004))).text()
    for typed, french, english in (
            ("12x", "n'est pas un nombre ('12x')", "is not a number"),
            ("99999999", "une ligne ne peut être facturée au-delà de 100 %",
             "cannot be billed past 100 %")):
        wrong = await world_api.post(on_behalf_url(period, sc004), allow_redirects=False,
                                     data={"csrf_token": csrf_token(html), "number": "OB-2",
                                           f"work_{first}": typed})
        assert wrong.status == 422
        await assert_reads(wrong, french, english)
    assert await invoice_count(world) == 0
