"""The import page /admin/projects/{id}/import: templates, upload, preview, confirmation;
tried by the rival's signed-in administrator, by a stranger and without a form token."""

from __future__ import annotations

from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import build_web_app
from tests.support import rival
from tests.support.imports import GOOD_ROWS, csv_file, row, table_counts
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World


def page_url(world: World, project_id: int | None = None) -> str:
    return f"/admin/projects/{project_id or world.demo.project_id}/import"



async def upload(client: TestClient, url: str, data: bytes, token: str | None,
                 filename: str = "commitments.csv"):  # type: ignore[no-untyped-def]
    form = FormData()
    if token is not None:
        form.add_field("csrf_token", token)
    form.add_field("file", data, filename=filename, content_type="text/csv")
    return await client.post(url, data=form, allow_redirects=False)


async def token_of(client: TestClient, url: str) -> str:
    page = await client.get(url)
    assert page.status == 200, await page.text()
    return csrf_token(await page.text())


async def test_upload_with_a_bad_row_lists_it_then_a_fixed_file_imports_on_confirmation(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    before = await table_counts(world.container)
    url = page_url(world)
    bad = await upload(world_api, url, csv_file([*GOOD_ROWS, row("IMP-003", "001", "abc")]),
                       await token_of(world_api, url))
    assert bad.status == 422
    html = await bad.text()
    assert "Row 5: scheduled value &#39;abc&#39; is not an amount" in html
    assert 'aria-invalid="true"' in html
    assert await table_counts(world.container) == before

    good = await upload(world_api, url, csv_file(GOOD_ROWS), await token_of(world_api, url))
    assert good.status == 303
    preview_url = good.headers["Location"]
    preview = await world_api.get(preview_url)
    assert "2 commitments will be created, 0 updated, 0 unchanged" in await preview.text()
    assert await table_counts(world.container) == before  # the preview writes nothing

    confirmed = await world_api.post(preview_url, data={"csrf_token": csrf_token(
        await preview.text())}, allow_redirects=False)
    assert confirmed.status == 303
    done = await world_api.get(confirmed.headers["Location"])
    assert "2 created, 0 updated, 0 unchanged" in await done.text()
    after = await table_counts(world.container)
    assert after["Commitment"] == before["Commitment"] + 2
    again = await world_api.post(preview_url, data={"csrf_token": csrf_token(
        await preview.text())}, allow_redirects=False)
    assert again.status == 303  # a second confirmation changes nothing
    assert await table_counts(world.container) == after


async def test_the_templates_download_as_attachments(world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    for kind, content_type in (("csv", "text/csv"),
                               ("xlsx", "application/vnd.openxmlformats-officedocument."
                                        "spreadsheetml.sheet")):
        response = await world_api.get(f"{page_url(world)}/template.{kind}")
        assert response.status == 200
        assert response.content_type == content_type
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="commitments-import-template.{kind}"')
        assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_rival_gets_404_everywhere_and_nothing_is_imported(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    url = page_url(world)
    ours = await upload(world_api, url, csv_file(GOOD_ROWS), await token_of(world_api, url))
    preview_url = ours.headers["Location"]
    before = await table_counts(world.container)

    rival_browser = TestClient(TestServer(build_web_app(world.container)))
    await rival_browser.start_server()
    try:
        form = await rival_browser.get("/sign-in")
        signed = await rival_browser.post("/sign-in", allow_redirects=False, data={
            "csrf_token": csrf_token(await form.text()), "next": "/admin",
            "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
        assert signed.status == 303
        their_token = await token_of(rival_browser, page_url(world, world.rival.project_id))
        for path in (url, f"{url}/template.csv", preview_url):
            assert (await rival_browser.get(path)).status == 404, path
        assert (await upload(rival_browser, url, csv_file(GOOD_ROWS), their_token)).status \
            == 404
        confirm = await rival_browser.post(preview_url, data={"csrf_token": their_token},
                                           allow_redirects=False)
        assert confirm.status == 404
        # Our upload id under their own project is not theirs either.
        upload_id = preview_url.rsplit("/", 1)[1]
        theirs = f"{page_url(world, world.rival.project_id)}/{upload_id}"
        assert (await rival_browser.get(theirs)).status == 404
        assert (await rival_browser.post(theirs, data={"csrf_token": their_token},
                                         allow_redirects=False)).status == 404
    finally:
        await rival_browser.close()
    assert await table_counts(world.container) == before


async def test_a_stranger_is_sent_to_sign_in_and_a_form_without_token_is_refused(
        world: World, world_api: TestClient) -> None:
    before = await table_counts(world.container)
    url = page_url(world)
    for path in (url, f"{url}/template.xlsx"):
        response = await world_api.get(path, allow_redirects=False)
        assert response.status in (302, 303) and "/sign-in" in response.headers["Location"]
    stranger = await upload(world_api, url, csv_file(GOOD_ROWS), None)
    assert stranger.status in (302, 303, 403)
    await sign_in(world_api, world)
    no_token = await upload(world_api, url, csv_file(GOOD_ROWS), None)
    assert no_token.status == 403
    forged = await upload(world_api, url, csv_file(GOOD_ROWS), "forged-token")
    assert forged.status == 403
    assert await table_counts(world.container) == before


async def test_an_oversized_upload_is_413_and_a_missing_file_422(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    url = page_url(world)
    world.container.imports.max_bytes = 10_000
    before = await table_counts(world.container)
    big = await upload(world_api, url, csv_file(GOOD_ROWS) + b"x" * 20_000,
                       await token_of(world_api, url))
    assert big.status == 413
    assert "larger than the limit" in await big.text()
    form = FormData()
    form.add_field("csrf_token", await token_of(world_api, url))
    form.add_field("file", b"", filename="", content_type="application/octet-stream")
    empty = await world_api.post(url, data=form, allow_redirects=False)
    assert empty.status == 422
    assert "Choose a CSV or XLSX file" in await empty.text()
    assert await table_counts(world.container) == before
