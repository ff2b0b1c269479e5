"""Helpers of the project and billing-period page tests: signing in as either company's
administrator, posting a page's form with its token, reading what the database holds."""

from __future__ import annotations

import html as html_text
import re
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from store import tables as t
from tests.support import rival
from tests.support.pages import csrf_token
from tests.support.world import World


async def sign_in_rival(client: TestClient) -> None:
    form = await client.get("/sign-in")
    response = await client.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert response.status == 303, await response.text()


async def post_form(client: TestClient, page_path: str, action: str,
                    fields: dict[str, str]) -> ClientResponse:
    """GET the page (for its form token), then POST `fields` to `action`."""
    page = await client.get(page_path)
    assert page.status == 200, await page.text()
    return await client.post(action, allow_redirects=False,
                             data={"csrf_token": csrf_token(await page.text()), **fields})


def field_error(html: str, name: str) -> str | None:
    """The refusal shown next to the field `name`, or None."""
    found = re.search(rf'<p class="field-error" id="{name}-error">([^<]*)</p>', html)
    return None if found is None else html_text.unescape(found.group(1))


def field_value(html: str, name: str) -> str | None:
    found = re.search(rf'<input id="{name}" name="{name}" type="[a-z]+" value="([^"]*)"', html)
    return None if found is None else found.group(1)


async def count(world: World, table: Any, *where: Any) -> int:
    async with world.container.ctx.sessions() as session:
        query = select(func.count()).select_from(table).where(*where)
        return int(await session.scalar(query) or 0)


async def periods_of(world: World, project_id: int) -> list[t.BillingPeriod]:
    async with world.container.ctx.sessions() as session:
        rows = await session.execute(select(t.BillingPeriod).where(
            t.BillingPeriod.project_id == project_id).order_by(t.BillingPeriod.start_date))
        return list(rows.scalars())
