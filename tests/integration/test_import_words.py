"""The import template in the project's language, round-tripped through the real pages on
both databases: a fr-CA project's template downloads with French headers, and the same file,
filled in, previews and imports. (The rival's 404 and a stranger's redirect for the
template are tried in test_pages_import.py; the route is unchanged.)"""

from __future__ import annotations

import csv
import io

from aiohttp import FormData
from aiohttp.test_utils import TestClient
from sqlalchemy import update

from store import tables as t
from tests.support.imports import table_counts
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World


async def test_a_french_template_downloads_in_french_and_imports(world: World,
                                                                 world_api: TestClient) -> None:
    async with world.container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == world.demo.project_id)
                              .values(locale="fr-CA"))
    await sign_in(world_api, world)
    url = f"/admin/projects/{world.demo.project_id}/import"
    template = await world_api.get(f"{url}/template.csv")
    assert template.status == 200
    text = (await template.read()).decode("utf-8-sig")  # Excel's byte-order mark first
    header, example = list(csv.reader(io.StringIO(text)))
    assert header[:4] == ["Numéro de l'engagement", "Titre de l'engagement",
                          "Type d'engagement", "Entreprise contractante"]
    assert "Contact 1 courriel" in header and "Commitment Number" not in header
    # The contact fills the template in: two lines of a new commitment.
    second = dict(zip(header, example, strict=True))
    second.update({"Numéro d'article": "002", "Description": "Gaines et boîtes",
                   "Valeur prévue": "2 500,00"})
    first = dict(zip(header, example, strict=True))
    first.update({"Numéro de l'engagement": "FR-001"})
    second["Numéro de l'engagement"] = "FR-001"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[first[name] for name in header], [second[name] for name in header]])

    before = await table_counts(world.container)
    form = FormData()
    form.add_field("csrf_token", csrf_token(await (await world_api.get(url)).text()))
    form.add_field("file", out.getvalue().encode("utf-8"), filename="engagements.csv",
                   content_type="text/csv")
    sent = await world_api.post(url, data=form, allow_redirects=False)
    assert sent.status == 303, await sent.text()
    preview = await world_api.get(sent.headers["Location"])
    confirmed = await world_api.post(sent.headers["Location"], allow_redirects=False,
                                   data={"csrf_token": csrf_token(await preview.text())})
    assert confirmed.status == 303
    after = await table_counts(world.container)
    assert after["Commitment"] == before["Commitment"] + 1
    assert after["SovLine"] == before["SovLine"] + 2
