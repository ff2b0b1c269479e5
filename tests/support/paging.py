"""Big projects for the paging tests: the demo plus a project of many commitments, and
walking a paged API list to its end."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

from app.use_cases.demo import Demo, DemoResult
from tests.support.world import World


async def big_project(world: World, count: int) -> DemoResult:
    """A project of the demo's company with `count` commitments (one contact each) and an
    open period (app/use_cases/demo.py `load_large`)."""
    return await Demo(world.container.ctx).load_large(count)


async def walk(api: TestClient, headers: dict[str, str], path: str, *, limit: int,
               between_pages: Callable[[int], Awaitable[None]] | None = None,
               ) -> list[dict[str, Any]]:
    """Every page of the list at `path` (`?limit=`), following `next` to the end; returns
    the pages' bodies. `between_pages(n)` runs after page n (say, to add rows meanwhile)."""
    pages: list[dict[str, Any]] = []
    separator = "&" if "?" in path else "?"
    url = f"{path}{separator}limit={limit}"
    while True:
        response = await api.get(url, headers=headers)
        assert response.status == 200, await response.text()
        body = await response.json()
        pages.append(body)
        assert len(body["items"]) <= limit
        if body["next"] is None:
            return pages
        assert len(pages) < 1000, "the list never ends"
        if between_pages is not None:
            await between_pages(len(pages))
        url = f"{path}{separator}limit={limit}&cursor={body['next']}"


async def sign_in_as(client: TestClient, email: str, password: str) -> str:
    """Signs an administrator in on the pages; returns a page's form token."""
    from tests.support.pages import csrf_token

    form = await client.get("/sign-in")
    response = await client.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "email": email, "password": password,
        "next": "/admin"})
    assert response.status == 303, await response.text()
    return csrf_token(await (await client.get("/admin")).text())


ROW = re.compile(r'name="commitment" value="(\d+)"')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
PREVIOUS = re.compile(r'<a href="([^"]+)" rel="prev">')


def row_ids(html: str) -> list[int]:
    """The commitment ids of the dashboard's rows, in order."""
    return [int(found) for found in ROW.findall(html)]


def link(pattern: re.Pattern[str], html: str) -> str | None:
    found = pattern.search(html)
    return found.group(1).replace("&amp;", "&") if found else None
