"""The words of the administrator's pages: giving the demo project a language and a
dictionary, giving a person a language, and reading what a page shows a reader."""

from __future__ import annotations

import html as html_text
import re

from aiohttp import ClientResponse, FormData
from aiohttp.test_utils import TestClient
from sqlalchemy import update

from app.bootstrap import Container
from store import tables as t
from tests.support.imports import GOOD_ROWS, csv_file
from tests.support.pages import csrf_token

_HIDDEN = re.compile(r"<script.*?</script>|<style.*?</style>", re.S)
_TAG = re.compile(r"<[^>]*>")


async def set_project_words(container: Container, project_id: int, locale: str,
                            terminology: str = "general_contractor") -> None:
    async with container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == project_id).values(
            locale=locale, terminology=terminology))


async def set_language(container: Container, email: str, language: str | None) -> None:
    """The language of the person with this address (an administrator's own pages)."""
    async with container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Person).where(t.Person.email == email).values(
            language=language))


def visible(page: str) -> str:
    """The text a reader sees (and a screen reader reads in labels): no markup, no script,
    entities read, spaces collapsed; attributes (URLs, ids, classes) left out."""
    return " ".join(html_text.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page))).split())


def attribute_words(page: str) -> str:
    """The words of the attributes a reader meets: aria-label, title, placeholder."""
    return " ".join(html_text.unescape(value) for value in re.findall(
        r'(?:aria-label|title|placeholder)="([^"]*)"', page))


async def upload_good_rows(client: TestClient, project_id: int) -> ClientResponse:
    """Uploads a CSV of two good commitments to the project's import page (the preview
    follows at the answer's Location)."""
    url = f"/admin/projects/{project_id}/import"
    page = await client.get(url)
    assert page.status == 200, await page.text()
    form = FormData()
    form.add_field("csrf_token", csrf_token(await page.text()))
    form.add_field("file", csv_file(GOOD_ROWS), filename="commitments.csv",
                   content_type="text/csv")
    return await client.post(url, data=form, allow_redirects=False)
