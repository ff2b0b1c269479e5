"""A link that cannot be followed (damaged, replaced, or naming nothing that exists) answers
in the browser's language: nobody is known from such a link. An English browser reads
today's English; a French one reads French; the answer it refuses is still refused."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import update

from store import tables as t
from tests.support.answering import invitation, invite_row
from tests.support.contact_words import read
from tests.support.world import World

FRENCH = {"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


async def test_a_damaged_link_reads_the_browsers_language(world_api: TestClient,
                                                          world: World) -> None:
    link = await invitation(world)
    damaged = f"/a/{link.token[:-5]}/yes"
    french = await world_api.get(damaged, headers=FRENCH)
    assert french.status == 400
    page = await read(french)
    assert "Ce lien n'est pas valide" in page and "This link is not valid" not in page
    assert 'lang="fr-CA"' in page
    english = await world_api.get(damaged, headers=ENGLISH)
    assert english.status == 400
    assert "This link is not valid" in await read(english)
    again = await world_api.get(damaged, headers=FRENCH)  # the page is cached per language
    assert "Ce lien n'est pas valide" in await read(again)

    waiver = await world_api.get("/w/" + "x" * 40, headers=FRENCH)
    assert waiver.status == 400
    assert "Le lien est endommagé" in await read(waiver)


async def test_a_replaced_link_says_so_in_french_and_records_nothing(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Invite).where(t.Invite.id == link.invite_id)
                              .values(token_version=2))
    response = await world_api.get(link.url("yes"), headers=FRENCH)
    assert response.status == 403
    page = await read(response)
    assert "Ce lien ne fonctionne plus" in page and "This link no longer works" not in page
    english = await read(await world_api.get(link.url("yes"), headers=ENGLISH))
    assert "This link no longer works" in english and "replaced by a newer invite" in english
    assert (await invite_row(world, link.invite_id)).status == "invited"
