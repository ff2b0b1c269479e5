"""Helpers for late submission request tests: asking over HTTP, the links in the mail."""

from __future__ import annotations

import re
from email.message import EmailMessage

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.answering import Invitation, form_token
from tests.support.invoicing import form_url
from tests.support.world import World

LINK = re.compile(r"https?://\S+/admin/late-requests/[A-Za-z0-9_.\-]+")


async def ask(api: TestClient, link: Invitation, reason: str = "") -> object:
    page = await api.get(form_url(link))
    return await api.post(f"/c/commitments/{link.commitment_id}/late-request",
                          allow_redirects=False,
                          data={"csrf_token": form_token(await page.text()), "reason": reason})


def mails_to(world: World, address: str, subject_part: str) -> list[EmailMessage]:
    return [received.message for received in world.sink.handler.received
            if received.rcpt_tos == [address] and subject_part in received.message["Subject"]]


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def link_path(message: EmailMessage) -> str:
    """The path of the grant link in an administrator's mail."""
    found = LINK.search(text_of(message))
    assert found, text_of(message)
    return "/" + found.group(0).split("/", 3)[3]


async def late_rows(world: World) -> list[t.LateRequest]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.LateRequest).order_by(
            t.LateRequest.id))).scalars())


async def invite_row(world: World, invite_id: int) -> t.Invite:
    async with world.container.ctx.sessions() as session:
        row = await session.get(t.Invite, invite_id)
        assert row is not None
        return row
