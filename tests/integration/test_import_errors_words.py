"""An import's row errors on the administrator's import page in the project's language,
through the real application on both databases: a fr-CA project's page lists "Ligne 5 : la
colonne « valeur prévue » vaut « abc », qui n'est pas un montant", an en-AU one names its
terms; nothing is written. The rival's administrator gets 404 for the French project's
import and writes nothing; a stranger is sent to sign in."""

from __future__ import annotations

import html as html_text

from aiohttp import FormData
from aiohttp.test_utils import TestClient

from tests.support.imports import GOOD_ROWS, csv_file, row, table_counts
from tests.support.page_words import set_project_words, visible
from tests.support.pages import csrf_token, sign_in
from tests.support.period_pages import sign_in_rival
from tests.support.world import World

BAD_ROWS = [*GOOD_ROWS, row("IMP-003", "001", "abc"), row("IMP-004", "001", retainage="dix")]



async def upload(client: TestClient, url: str, data: bytes) -> tuple[int, str]:
    page = await client.get(url)
    assert page.status == 200, await page.text()
    form = FormData()
    form.add_field("csrf_token", csrf_token(await page.text()))
    form.add_field("file", data, filename="commitments.csv", content_type="text/csv")
    sent = await client.post(url, data=form, allow_redirects=False)
    return sent.status, visible(html_text.unescape(await sent.text()))


async def test_the_row_errors_speak_the_projects_language(world: World,
                                                         world_api: TestClient) -> None:
    url = f"/admin/projects/{world.demo.project_id}/import"
    await sign_in(world_api, world)
    before = await table_counts(world.container)

    status, english = await upload(world_api, url, csv_file(BAD_ROWS))
    assert status == 422
    assert "Row 5: scheduled value 'abc' is not an amount" in english
    assert "Row 6: retainage percent work 'dix' is not a percentage" in english

    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    status, french = await upload(world_api, url, csv_file(BAD_ROWS))
    assert status == 422
    assert ("Ligne 5 : la colonne « valeur prévue » vaut « abc », qui n'est pas un montant"
            in french), french[-1500:]
    assert ("Ligne 6 : la colonne « pourcentage de retenue travaux » vaut « dix », qui "
            "n'est pas un pourcentage") in french
    assert "Row 5" not in french and "is not an amount" not in french

    await set_project_words(world.container, world.demo.project_id, "en-AU")
    status, australian = await upload(world_api, url, csv_file(BAD_ROWS))
    assert status == 422
    assert "Row 5: scheduled value 'abc' is not an amount" in australian
    assert "Row 6: retention percent work 'dix' is not a percentage" in australian
    assert "retainage" not in australian.lower()
    assert await table_counts(world.container) == before  # nothing kept of a bad file


async def test_the_rival_and_a_stranger_read_and_write_nothing(world: World,
                                                               world_api: TestClient) -> None:
    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    url = f"/admin/projects/{world.demo.project_id}/import"
    before = await table_counts(world.container)
    stranger = await world_api.get(url, allow_redirects=False)
    assert stranger.status in (302, 303) and "/sign-in" in stranger.headers["Location"]
    await sign_in_rival(world_api)
    theirs = await world_api.get(f"/admin/projects/{world.rival.project_id}/import")
    form = FormData()
    form.add_field("csrf_token", csrf_token(await theirs.text()))
    form.add_field("file", csv_file(BAD_ROWS), filename="commitments.csv",
                   content_type="text/csv")
    refused = await world_api.post(url, data=form, allow_redirects=False)
    assert refused.status == 404
    assert "Ligne 5" not in await refused.text()
    assert await table_counts(world.container) == before
