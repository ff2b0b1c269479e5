"""The contact's sub-tier page over HTTP: fields refused with the message next to them and
what was typed kept, amounts never blank, Certify No Sub-Tiers, a hired-by loop refused;
another commitment's contact, the rival's contact and a stranger are refused."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.answering import form_token
from tests.support.invoicing import signed_in, submit
from tests.support.sub_tier_pages import FIELDS, post, rows
from tests.support.world import World


async def test_sub_tiers_are_added_billed_and_refused_with_reasons(
        world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    base = f"/c/commitments/{link.commitment_id}/sub-tiers"
    form = await (await world_api.get(f"/c/commitments/{link.commitment_id}/invoices/new")).text()
    assert f'href="{base}"' in form

    refused = await post(world_api, base, {**FIELDS, "city": "", "waiver_email": "nope"})
    assert refused.status == 422
    html = await refused.text()
    assert 'id="st-city-error">The city is required.' in html
    assert "nope is not an email address." in html
    assert 'value="Étincelle Électrique"' in html  # what was typed is kept
    assert (await post(world_api, base, FIELDS)).status == 303
    page = await (await world_api.get(base + "?saved=added")).text()
    assert "The sub-tier is added." in page and "Save the invoice as a draft first" in page
    tier_id = rows(page)[0]
    supplier = {**FIELDS, "company_name": "Copper Supply", "tier_type": "supplier",
                "hired_by_id": str(tier_id)}
    assert (await post(world_api, base, supplier)).status == 303
    page = await (await world_api.get(base)).text()
    supplier_id = rows(page)[1]

    loop = await post(world_api, f"{base}/{tier_id}", {**FIELDS,
                                                       "hired_by_id": str(supplier_id)})
    assert loop.status == 422
    assert "cannot be hired by itself or by a company it hired" in await loop.text()

    assert (await submit(world_api, link, {"number": "BW-9"}, "draft")).status == 303
    blank = await post(world_api, f"{base}/amounts", {
        f"amount-{tier_id}": "1200", f"billing-{tier_id}": "final",
        f"amount-{supplier_id}": "", f"billing-{supplier_id}": "progress"})
    assert blank.status == 422
    html = await blank.text()
    assert "Copper Supply: enter the amount billed this invoice (0.00 if none)." in html
    assert f'id="amount-{tier_id}" value="1200"' in html
    saved = await post(world_api, f"{base}/amounts", {
        f"amount-{tier_id}": "1200", f"billing-{tier_id}": "final",
        f"amount-{supplier_id}": "0", f"billing-{supplier_id}": "progress"})
    assert saved.status == 303
    page = await (await world_api.get(base)).text()
    assert f'id="amount-{tier_id}" value="1,200.00"' in page and "Final expected" in page
    certify = await post(world_api, f"{base}/certify", {})
    assert certify.status == 409 and "remove them before certifying" in await certify.text()


async def test_certify_no_sub_tiers_from_the_page(world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    base = f"/c/commitments/{link.commitment_id}/sub-tiers"
    early = await post(world_api, f"{base}/certify", {})
    assert early.status == 409 and "Save the invoice as a draft first" in await early.text()
    assert (await submit(world_api, link, {"number": "BW-9"}, "draft")).status == 303
    assert (await post(world_api, f"{base}/certify", {})).status == 303
    page = await (await world_api.get(base)).text()
    assert 'id="no-sub-tiers-certified">Certified no sub-tiers: ' in page


async def test_other_contacts_and_strangers_are_refused(world_api: TestClient,
                                                        world: World) -> None:
    link = await signed_in(world, world_api)
    base = f"/c/commitments/{link.commitment_id}/sub-tiers"
    assert (await post(world_api, base, FIELDS)).status == 303
    page = await (await world_api.get(base)).text()
    tier_id = rows(page)[0]
    other = await signed_in(world, world_api, "SC-004")
    own = await (await world_api.get(f"/c/commitments/{other.commitment_id}/sub-tiers")).text()
    token = form_token(own)
    for path in (base, f"{base}/{tier_id}/edit"):
        assert (await world_api.get(path)).status == 404
    for path, fields in ((base, FIELDS), (f"{base}/{tier_id}", FIELDS),
                         (f"{base}/{tier_id}/remove", {}), (f"{base}/certify", {}),
                         (f"{base}/amounts", {f"amount-{tier_id}": "5"})):
        response = await world_api.post(path, data={"csrf_token": token, **fields},
                                        allow_redirects=False)
        assert response.status == 404, path
    # Our sub-tier's id under their own commitment's path is not found either.
    assert (await world_api.get(
        f"/c/commitments/{other.commitment_id}/sub-tiers/{tier_id}/edit")).status == 404
    world_api.session.cookie_jar.clear()
    stranger = await world_api.get(base, allow_redirects=False)
    assert stranger.status == 303
    service = world.container.sub_tiers
    assert service is not None
    tiers = await service.of_commitment(world.admin, link.commitment_id)
    assert [(tier.id, tier.fields.city) for tier in tiers] == [(tier_id, "Montréal")]
