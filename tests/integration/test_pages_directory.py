"""The directory's pages, signed in, on both databases: the list with search and pages,
adding (the form keeps what was typed and says what is wrong next to the field), fixing a
bounced address and resending, merging; and every page and form tried by the rival's
signed-in administrator (404, nothing changed) and by a stranger (sent to sign in)."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support import rival
from tests.support.directory import (
    CLEARFLOW,
    LUIS,
    bounce,
    commitment_by_number,
    company_by_name,
    directory_snapshot,
    form_post,
    invite_everyone_and_deliver,
    person_by_email,
    received_by,
    sign_in_as,
)
from tests.support.pages import sign_in
from tests.support.world import World


async def test_the_directory_page_searches_and_pages(world: World,
                                                     world_api: TestClient) -> None:
    await sign_in(world_api, world)
    for number in range(30):
        await world.container.directory.add_company(world.admin, f"Zeta Supply {number:02d}")
    first = await world_api.get("/admin/directory")
    html = await first.text()
    assert first.status == 200 and CLEARFLOW in html and "Maria Lopez" in html
    assert 'aria-current="page">Directory' in html
    assert "Next page" in html and "Zeta Supply 29" not in html
    assert "Rival" not in html and rival.RIVAL_CONTACT_NAME not in html
    cursor = html.split("cursor=")[1].split('"')[0]
    second = await (await world_api.get(f"/admin/directory?cursor={cursor}")).text()
    assert "Zeta Supply 29" in second and CLEARFLOW not in second
    found = await (await world_api.get("/admin/directory?q=luis%40")).text()
    assert CLEARFLOW in found and "Granite Ridge" not in found


async def test_adding_keeps_what_was_typed_and_says_what_is_wrong(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    duplicate = await form_post(world_api, "/admin/directory", "/admin/directory/companies",
                                {"name": "clearflow plumbing"})
    html = await duplicate.text()
    assert duplicate.status == 409
    assert 'value="clearflow plumbing"' in html and 'aria-invalid="true"' in html
    assert "already has a company named" in html
    added = await form_post(world_api, "/admin/directory", "/admin/directory/companies",
                            {"name": "Apex Glazing"})
    assert added.status == 303
    company_path = added.headers["Location"].split("?")[0]
    bad = await form_post(world_api, company_path, f"{company_path}/people",
                          {"name": "Ana Apex", "email": "ana at apex"})
    html = await bad.text()
    assert bad.status == 422 and 'value="ana at apex"' in html and 'value="Ana Apex"' in html
    assert 'id="f-email-error"' in html and "is not an email address" in html
    taken = await form_post(world_api, company_path, f"{company_path}/people",
                            {"name": "Luis Again", "email": LUIS})
    assert taken.status == 409 and "already in the directory" in await taken.text()
    # A line break in a name (a header injection in later mail) is named beside the field.
    crlf = await form_post(world_api, company_path, f"{company_path}/people",
                           {"name": "Ana\r\nBcc: x@evil.example", "email": "ana@apex.example"})
    html = await crlf.text()
    assert crlf.status == 422 and 'id="f-name-error"' in html
    assert 'value="ana@apex.example"' in html
    good = await form_post(world_api, company_path, f"{company_path}/people",
                           {"name": "Ana Apex", "email": "Ana@Apex.example"})
    assert good.status == 303
    person = await (await world_api.get(good.headers["Location"])).text()
    assert "ana@apex.example" in person and "Not mailed yet" in person


async def test_a_bounced_contact_is_fixed_and_resent_from_the_page(
        world: World, world_api: TestClient) -> None:
    await invite_everyone_and_deliver(world)
    await bounce(world, LUIS, "550 5.1.1 mailbox unknown")
    await sign_in(world_api, world)
    luis = await person_by_email(world, LUIS)
    path = f"/admin/directory/people/{luis.id}"
    page = await (await world_api.get(path)).text()
    assert "Bounced" in page and "mailbox unknown" in page and "Fix the address" in page
    sc004 = await commitment_by_number(world, "SC-004")
    assert f'<a href="/admin/commitments/{sc004.id}">SC-004 Plumbing</a>' in page
    company = await (await world_api.get(f"/admin/directory/companies/{luis.company_id}")).text()
    assert f'<a href="/admin/commitments/{sc004.id}">SC-004 Plumbing</a>' in company
    refused = await form_post(world_api, path, f"{path}/resend", {})
    assert refused.status == 409 and "fix the address" in (await refused.text()).lower()
    fixed = await form_post(world_api, path, path, {"name": "Luis Romero",
                                                    "email": "luis.r@clearflow.example"})
    assert fixed.status == 303 and fixed.headers["Location"].endswith("saved=address")
    resent = await form_post(world_api, path, f"{path}/resend", {})
    assert resent.headers["Location"].endswith("resent=1")
    again = await form_post(world_api, path, f"{path}/resend", {})
    assert again.headers["Location"].endswith("resent=0")
    await world.container.delivery.deliver_due()
    assert len(received_by(world, "luis.r@clearflow.example")) == 1
    after = await (await world_api.get(path)).text()
    assert "Delivered" in after


async def test_merging_from_the_pages(world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    clearflow = await company_by_name(world, CLEARFLOW)
    twin = await world.container.directory.add_company(world.admin, "Clearflow Plumbing Co")
    dup = await world.container.directory.add_person(world.admin, twin.id, "L. Romero",
                                                     "lr@clearflow.example")
    luis = await person_by_email(world, LUIS)
    person_path = f"/admin/directory/people/{luis.id}"
    unknown = await form_post(world_api, person_path, f"{person_path}/merge",
                              {"merged_email": "nobody@nowhere.example"})
    assert unknown.status == 422 and "is nobody" in await unknown.text()
    merged = await form_post(world_api, person_path, f"{person_path}/merge",
                             {"merged_email": "LR@clearflow.example"})
    assert merged.status == 303
    page = await (await world_api.get(person_path)).text()
    assert "L. Romero &lt;lr@clearflow.example&gt;" in page
    company_path = f"/admin/directory/companies/{clearflow.id}"
    done = await form_post(world_api, company_path, f"{company_path}/merge",
                           {"merged_id": str(twin.id)})
    assert done.status == 303
    page = await (await world_api.get(company_path)).text()
    assert "Clearflow Plumbing Co (was #" in page
    gone = await world_api.get(f"/admin/directory/companies/{twin.id}")
    assert gone.status == 404 and dup.id


async def test_the_rival_and_a_stranger_get_nothing_from_our_directory_pages(
        world: World, world_api: TestClient) -> None:
    luis = await person_by_email(world, LUIS)
    clearflow = await company_by_name(world, CLEARFLOW)
    theirs = await company_by_name(world, rival.SHARED_COMPANY, world.rival.admin.company_id)
    person, company = f"/admin/directory/people/{luis.id}", \
        f"/admin/directory/companies/{clearflow.id}"
    posts = [(company, {"name": "Taken"}), (f"{company}/people", {"name": "Mole",
                                                                 "email": "m@evil.example"}),
             (f"{company}/merge", {"merged_id": str(theirs.id)}),
             (person, {"name": "Hacked", "email": "attacker@evil.example"}),
             (f"{person}/resend", {}), (f"{person}/merge", {"merged_email": rival.SHARED_EMAIL})]
    before = await directory_snapshot(world)
    # A stranger: every page and form sends to the sign-in page.
    for path in (person, company, "/admin/directory"):
        response = await world_api.get(path, allow_redirects=False)
        assert (response.status, response.headers["Location"][:8]) == (303, "/sign-in")
    for action, data in posts:
        response = await form_post(world_api, "/sign-in", action, data)
        assert (response.status, response.headers["Location"][:8]) == (303, "/sign-in")
    # The rival, signed in, with its own valid form token.
    await sign_in_as(world_api, rival.ADMIN_EMAIL, rival.ADMIN_PASSWORD)
    for path in (person, company):
        assert (await world_api.get(path)).status == 404
    for action, data in posts:
        response = await form_post(world_api, "/admin/directory", action, data)
        assert response.status == 404, action
    # Merging our company into the rival's own, from its page: not found, nothing moved.
    response = await form_post(world_api, "/admin/directory",
                               f"/admin/directory/companies/{theirs.id}/merge",
                               {"merged_id": str(clearflow.id)})
    assert response.status == 404 and "no such company" in (await response.text()).lower()
    assert await directory_snapshot(world) == before
    async with world.container.ctx.sessions() as session:
        assert (await session.execute(select(t.DirectoryMerge))).first() is None
