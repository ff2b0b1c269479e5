"""The team under concurrent requests, on SQLite and PostgreSQL: two administrators
removing each other at the same moment leave the company one (the rows are held, so the
second finds itself removed), and two requests spending the same link set one password."""

from __future__ import annotations

import asyncio

from app.links import LinkPurpose
from domain.errors import Conflict
from store import tables as t
from tests.support.team import count, person
from tests.support.world import World


async def test_two_administrators_removing_each_other_at_once_leave_one(world: World) -> None:
    access = world.container.access
    other = await access.create_admin(email="sam@summit.example", name="Sam Second",
                                      password="sams own password",
                                      company_name="Summit Builders")
    assert other.company_id == world.admin.company_id
    results = await asyncio.gather(access.remove_admin(world.admin, other.person_id),
                                   access.remove_admin(other, world.admin.person_id),
                                   return_exceptions=True)
    refused = [result for result in results if isinstance(result, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict)
    roles = {(await person(world, pid)).role for pid in (world.admin.person_id,
                                                        other.person_id)}
    assert roles == {"admin", "former_admin"}
    assert await count(world, t.Person, company_id=world.admin.company_id, role="admin") == 1


async def test_a_link_spent_twice_at_once_sets_one_password(world: World) -> None:
    access = world.container.access
    await access.invite_admin(world.admin, name="Casey", email="casey@summit.example")
    async with world.container.ctx.sessions() as session:
        link = (await session.execute(t.SignInLink.__table__.select().where(
            t.SignInLink.purpose == "admin-invitation"))).one()
    token = world.container.signer.one_time_token(LinkPurpose.ADMIN_INVITATION, link.nonce)
    results = await asyncio.gather(
        access.set_password_with_link(token, LinkPurpose.ADMIN_INVITATION, "first password"),
        access.set_password_with_link(token, LinkPurpose.ADMIN_INVITATION, "second password"))
    winners = [result for result in results if result is not None]
    assert len(winners) == 1 and winners[0].email == "casey@summit.example"
    chosen = "first password" if results[0] is not None else "second password"
    other = "second password" if chosen == "first password" else "first password"
    assert (await access.admin_for_password("casey@summit.example", chosen)).admin
    assert (await access.admin_for_password("casey@summit.example", other)).admin is None
