"""The dashboard of a big project through the real application: pages of 50 with next
and previous links, counts of the whole period on every page, the status filter, the
search (hostile input included), "all matching" sent across pages, and another company
or a stranger trying it (both databases)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import quote

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from domain.commands import SendInvites
from store import tables
from tests.support.api import get_json
from tests.support.invoicing import ok
from tests.support.pages import csrf_token, sign_in
from tests.support.paging import NEXT, PREVIOUS, big_project, link, row_ids, sign_in_as
from tests.support.rival import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.world import World

ODD: dict[str, Any] = {
    "number": "X-1", "title": "100% _done_ 'quoted' \"double\" back\\slash Électricité 工事",
    "kind": "subcontract", "contract_company": {"name": "Ünïcode Ëlectric"},
    "retainage_percent_work": "10", "retainage_percent_stored": "0",
    "sov_lines": [{"item_number": "1", "description": "Work", "scheduled_value": "100.00"}],
    "invoice_contacts": [{"name": "Zoë O'Brien", "email": "zoe@unicode.example"}],
}


async def page_html(api: TestClient, url: str, status: int = 200) -> str:
    response = await api.get(url)
    html = await response.text()
    assert response.status == status, html[:500]
    return html


def count(html: str, key: str) -> int:
    marker = f'data-count="{key}">'
    start = html.index(marker) + len(marker)
    return int(html[start:html.index("<", start)])


async def invite_count(world: World) -> int:
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(tables.Invite)) or 0)


async def test_pages_of_50_walk_forward_and_back_with_the_whole_periods_counts(
        world_api: TestClient, world: World) -> None:
    big = await big_project(world, 120)
    await world.container.invites.send(world.admin, SendInvites(
        big.billing_period_id, tuple(big.commitment_ids[100:103])))
    await sign_in(world_api, world)
    url = f"/admin/projects/{big.project_id}"
    seen: list[list[int]] = []
    pages: list[str] = []
    next_url: str | None = url
    while next_url is not None:
        html = await page_html(world_api, next_url)
        pages.append(next_url)
        seen.append(row_ids(html))
        assert (count(html, "not_invited"), count(html, "invited")) == (117, 3)
        next_url = link(NEXT, html)
    assert [len(ids) for ids in seen] == [50, 50, 20]
    assert [i for ids in seen for i in ids] == big.commitment_ids
    last = await page_html(world_api, pages[-1])
    back = link(PREVIOUS, last)
    assert back is not None
    assert row_ids(await page_html(world_api, back)) == seen[1]
    first = await page_html(world_api, url)
    assert link(PREVIOUS, first) is None and "120 in all" in first
    # The page stays small: 50 rows, not 120.
    assert len(first.encode()) < 200_000


async def test_filter_by_status_and_search_in_number_title_company_and_contact(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 60)
    await world.container.invites.send(world.admin, SendInvites(
        big.billing_period_id, tuple(big.commitment_ids[:4])))
    await sign_in(world_api, world)
    url = f"/admin/projects/{big.project_id}"
    invited = await page_html(world_api, f"{url}?status=invited")
    assert row_ids(invited) == big.commitment_ids[:4]
    assert (count(invited, "not_invited"), count(invited, "invited")) == (56, 4)
    assert row_ids(await page_html(world_api, f"{url}?status=not_invited")) == (
        big.commitment_ids[4:54])
    assert row_ids(await page_html(world_api, f"{url}?status=accepted")) == []
    # Number, title, contract company, contact name and email; case does not matter.
    ids = big.commitment_ids
    assert row_ids(await page_html(world_api, f"{url}?q=sc-00007")) == [ids[6]]
    assert row_ids(await page_html(world_api, f"{url}?q=PACKAGE+00012")) == [ids[11]]
    assert row_ids(await page_html(world_api, f"{url}?q=p{big.project_id}-00033")) == [ids[32]]
    assert row_ids(await page_html(world_api, f"{url}?q=billing+clerk+00044")) == [ids[43]]
    assert row_ids(await page_html(world_api, f"{url}?q=billing00055%40")) == [ids[54]]
    both = await page_html(world_api, f"{url}?status=invited&q=00003")
    assert row_ids(both) == [ids[2]] and "1 matching" in both
    # The filter is kept in the links and in the form.
    assert 'value="00003"' in both and '<option value="invited" selected>' in both


async def test_hostile_searches_match_literally_and_are_shown_escaped(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    odd = await ok(await world_api.post(f"/api/projects/{world.demo.project_id}/commitments",
                                        json=ODD, headers=world_headers), 201)
    await sign_in(world_api, world)
    url = f"/admin/projects/{world.demo.project_id}"
    everyone = row_ids(await page_html(world_api, url))
    assert len(everyone) == 8
    for search in ("%", "_", "100%", "_done_", "'quoted'", '"double"', "back\\slash",
                   "électricité", "工事", "ünïcode", "zoë o'brien"):
        html = await page_html(world_api, f"{url}?q={quote(search)}")
        assert row_ids(html) == [odd["id"]], search
    for search in ("%%", "_x_", "'; DROP TABLE commitment; --", "<script>alert(1)</script>",
                   "\\%", "工 事"):
        html = await page_html(world_api, f"{url}?q={quote(search)}")
        assert row_ids(html) == [], search
        assert "No commitment matches this filter." in html
        assert "<script>alert(1)" not in html
    html = await page_html(world_api, f"{url}?q={quote('<script>alert(1)</script>')}")
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    # The table is still whole afterwards.
    assert row_ids(await page_html(world_api, url)) == everyone


async def test_a_bad_filter_is_said_next_to_its_field_and_a_bad_page_key_is_400(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    url = f"/admin/projects/{world.demo.project_id}"
    html = await page_html(world_api, f"{url}?status=paid", 400)
    assert 'id="filter-status-error">Choose one of the statuses in the list.' in html
    assert len(row_ids(html)) == 7  # the filter in error is not applied
    html = await page_html(world_api, f"{url}?q={'x' * 101}", 400)
    assert 'id="filter-q-error">Search for at most 100 characters.' in html
    assert 'aria-invalid="true"' in html
    for bad in ("after=abc", "before=-1", "after=%C2%B2", "after=1e3"):
        response = await world_api.get(f"{url}?{bad}")
        assert response.status == 400, bad


async def test_all_matching_sends_the_batch_for_every_page_of_the_filter(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 130)
    ids = big.commitment_ids
    await world.container.invites.send(world.admin, SendInvites(
        big.billing_period_id, tuple(ids[:5])))
    await sign_in(world_api, world)
    url = f"/admin/projects/{big.project_id}?status=not_invited&q=package"
    html = await page_html(world_api, url)
    assert len(row_ids(html)) == 50 and "125 matching" in html
    assert "All 125 matching commitments, on every page" in html
    found = re.search(r'method="post" action="(/admin/periods/[^"]+)"', html)
    assert found is not None
    action = unescape(found.group(1))
    assert action == (f"/admin/periods/{big.billing_period_id}/invites"
                      "?status=not_invited&q=package")
    response = await world_api.post(action, allow_redirects=False, data={
        "csrf_token": csrf_token(html), "all_matching": "on"})
    assert response.status == 303, await response.text()
    location = response.headers["Location"]
    assert location.startswith(f"/admin/projects/{big.project_id}?status=not_invited&q=package"
                               "&batch=")
    done = await get_json(world_api, world_headers,
                          f"/api/billing-periods/{big.billing_period_id}/invites?limit=1")
    assert done["counts"]["invited"] == 130 and done["counts"]["not_invited"] == 0
    batch = await get_json(world_api, world_headers, f"/api/batches/{location.split('=')[-1]}")
    assert batch["invited"] == 125 and batch["skipped"] == []
    # The banner of the batch, on the filtered page it came back to.
    assert "Invited 125 commitments." in await page_html(world_api, location)


async def test_all_matching_with_a_search_sends_only_what_matches(
        world_api: TestClient, world: World) -> None:
    big = await big_project(world, 120)
    await sign_in(world_api, world)
    html = await page_html(world_api, f"/admin/projects/{big.project_id}")
    action = f"/admin/periods/{big.billing_period_id}/invites?q=0001"
    before = await invite_count(world)
    response = await world_api.post(action, allow_redirects=False, data={
        "csrf_token": csrf_token(html), "all_matching": "on",
        "commitment": [str(big.commitment_ids[-1])]})
    assert response.status == 303
    # SC-00001 and SC-00010 to SC-00019 (their titles, companies and contacts carry the
    # same figures); the ticked box, SC-00120, is not among them and is not sent.
    expected = {i for i in range(1, 121) if "0001" in f"{i:05d}"}
    assert len(expected) == 11
    async with world.container.ctx.sessions() as session:
        numbers = set((await session.execute(
            select(tables.Commitment.number).join(
                tables.Invite, tables.Invite.commitment_id == tables.Commitment.id)
            .where(tables.Invite.billing_period_id == big.billing_period_id))).scalars())
    assert numbers == {f"SC-{i:05d}" for i in expected}
    assert await invite_count(world) == before + 11


async def test_another_company_and_a_stranger_get_nothing_and_change_nothing(
        world_api: TestClient, world: World) -> None:
    big = await big_project(world, 60)
    url = f"/admin/projects/{big.project_id}?status=not_invited&q=package&after=1"
    action = f"/admin/periods/{big.billing_period_id}/invites?status=not_invited"
    before = await invite_count(world)
    stranger = await world_api.get(url, allow_redirects=False)
    assert stranger.status == 303 and stranger.headers["Location"].startswith("/sign-in")
    posted = await world_api.post(action, allow_redirects=False,
                                  data={"all_matching": "on"})
    assert posted.status in (303, 403)
    token = await sign_in_as(world_api, ADMIN_EMAIL, ADMIN_PASSWORD)
    page = await world_api.get(url)
    assert page.status == 404
    assert "Trade package" not in await page.text()
    posted = await world_api.post(action, allow_redirects=False, data={
        "csrf_token": token, "all_matching": "on"})
    assert posted.status == 404
    # The rival's own dashboard, filtered by a search for our names, shows none of ours.
    rival_page = await page_html(
        world_api, f"/admin/projects/{world.rival.project_id}?q=package")
    assert row_ids(rival_page) == [] and "Trade package" not in rival_page
    assert await invite_count(world) == before
