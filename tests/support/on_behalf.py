"""Helpers for the administrator's on-behalf invoice pages over HTTP."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from store import tables as t
from tests.support import rival
from tests.support.pages import csrf_token
from tests.support.world import World


def on_behalf_url(period_id: int, commitment_id: int) -> str:
    return f"/admin/periods/{period_id}/commitments/{commitment_id}/invoice"


async def commitment_id(world: World, number: str) -> int:
    commitments = await world.container.projects.list_commitments(world.admin,
                                                                  world.demo.project_id)
    [found] = [c.id for c in commitments if c.number == number]
    assert found is not None
    return found


async def invoice_count(world: World) -> int:
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(t.Invoice)) or 0)


async def sign_in_rival(client: TestClient) -> str:
    """Signs the rival's administrator in; returns a form token of their session."""
    page = await client.get("/sign-in")
    signed_in = await client.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await page.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert signed_in.status == 303, await signed_in.text()
    return csrf_token(await (await client.get("/admin")).text())


async def lines_of(world: World, number: str) -> list[int]:
    commitment = await world.container.projects.get_commitment(
        world.admin, await commitment_id(world, number))
    return [line.id or 0 for line in commitment.sov_lines]
