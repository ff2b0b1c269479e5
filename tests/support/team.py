"""Helpers for the team's tests: signing in as anyone, inviting a colleague through the
page, reading the one-time link out of the mail that arrived over SMTP, and what the
database holds about people and attempts."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from app.bootstrap import build_web_app
from store import tables as t
from tests.support.pages import csrf_token
from tests.support.world import World

ADMIN_LINK = re.compile(r"http://testserver\.local(/sign-in/(?:welcome|reset)/[A-Za-z0-9_-]+)")
COLLEAGUE = "casey@summit.example"
COLLEAGUE_PASSWORD = "caseys long password"


async def sign_in_as(client: TestClient, email: str, password: str, **headers: str) -> Any:
    """Posts the sign-in form (with this browser's form token); the answer, not followed."""
    form = await client.get("/sign-in")
    return await client.post("/sign-in", allow_redirects=False, headers=headers, data={
        "csrf_token": csrf_token(await form.text()), "email": email, "password": password,
        "next": "/admin"})


async def post_team_form(client: TestClient, path: str, **fields: str) -> Any:
    """Posts one of the team's forms with the token of the team page."""
    page = await client.get("/admin/team")
    assert page.status == 200, await page.text()
    return await client.post(path, allow_redirects=False,
                             data={"csrf_token": csrf_token(await page.text()), **fields})


async def invite(client: TestClient, name: str = "Casey Colleague",
                 email: str = COLLEAGUE) -> Any:
    return await post_team_form(client, "/admin/team/invitations", name=name, email=email)


async def mailed_link(world: World, email: str, subject: str) -> str:
    """Delivers the outbox to the SMTP sink; the path of the link in the newest mail to
    `email` whose subject contains `subject`."""
    await world.container.delivery.deliver_due()
    mails = [r.message for r in world.sink.handler.received
             if r.rcpt_tos == [email] and subject in str(r.message["Subject"])]
    assert mails, f"no mail to {email} about {subject!r}"
    text = mails[-1].get_body(("plain",))
    assert text is not None
    found = ADMIN_LINK.search(text.get_content())
    assert found, text.get_content()
    return found.group(1)


def mails_to(world: World, email: str) -> int:
    return sum(1 for r in world.sink.handler.received if r.rcpt_tos == [email])


async def set_password(client: TestClient, path: str, password: str,
                       repeat: str | None = None) -> Any:
    page = await client.get(path)
    token = csrf_token(await page.text()) if page.status == 200 else csrf_token(
        await (await client.get("/sign-in")).text())
    return await client.post(path, allow_redirects=False, data={
        "csrf_token": token, "password": password,
        "repeat": password if repeat is None else repeat})


async def join(client: TestClient, world: World, name: str = "Casey Colleague",
               email: str = COLLEAGUE, password: str = COLLEAGUE_PASSWORD) -> int:
    """The signed-in `client` invites a colleague, who accepts in a browser of their own;
    returns the colleague's person id."""
    invited = await invite(client, name, email)
    assert invited.status == 303, await invited.text()
    path = await mailed_link(world, email, "invited you")
    async with another_browser(world) as colleague:
        done = await set_password(colleague, path, password)
        assert done.status == 303, await done.text()
    return await person_id(world, email)


@asynccontextmanager
async def another_browser(world: World) -> AsyncIterator[TestClient]:
    """A second browser (its own cookies) on the world's application."""
    client = TestClient(TestServer(build_web_app(world.container)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


async def person_id(world: World, email: str) -> int:
    async with world.container.ctx.sessions() as session:
        found = await session.scalar(select(t.Person.id).where(
            t.Person.email == email, t.Person.company_id == world.admin.company_id))
    assert found is not None
    return int(found)


async def person(world: World, person_id: int) -> t.Person:
    async with world.container.ctx.sessions() as session:
        found = await session.get(t.Person, person_id)
    assert found is not None
    return found


async def count(world: World, table: type, **where: object) -> int:
    async with world.container.ctx.sessions() as session:
        query = select(func.count()).select_from(table).filter_by(**where)
        return int(await session.scalar(query) or 0)


async def attempts(world: World) -> list[t.SignInAttempt]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(
            select(t.SignInAttempt).order_by(t.SignInAttempt.id))).scalars())


async def run_cli_with_input(env: dict[str, str], typed: str, *args: str) -> tuple[int, str, str]:
    """The command line in a real process, `typed` on its standard input. A session of its
    own: without a controlling terminal, getpass reads the password from stdin."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", *args, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        start_new_session=True)
    async with asyncio.timeout(120):
        out, err = await process.communicate(typed.encode())
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()
