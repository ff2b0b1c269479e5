"""The processor (with its database) on broken mail: every truncated corpus message is
stored, classified and never stops the processing of the others."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from app.bootstrap import inbound_mail
from mailer.inbound_server import ReceivedMail
from store import tables as t
from tests.support.world import World

CORPUS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "mail").glob("*.eml"))


async def test_truncated_mail_is_classified_and_never_stops_processing(world: World) -> None:
    inbound = inbound_mail(world.container)
    stored = 0
    for path in CORPUS:
        raw = path.read_bytes()
        for cut in (0.1, 0.5, 0.9):
            # Without its Message-ID, each cut is its own message (dedup by hash).
            broken = re.sub(rb"(?im)^message-id:", b"X-Was-Id:", raw[: int(len(raw) * cut)])
            await inbound.store(ReceivedMail("someone@example.com", (
                "bill+nosuchtoken@reply.localhost", "bounce+999999@reply.localhost"),
                broken, "127.0.0.1"))
            stored += 1
    assert await inbound.process_pending() == stored
    async with world.container.ctx.sessions() as session:
        rows = (await session.execute(select(t.InboundMessage.classification))).scalars()
        found = list(rows)
    assert len(found) == stored and None not in found and "error" not in found


async def test_nul_characters_are_stored_and_processed(world: World) -> None:
    inbound = inbound_mail(world.container)
    raw = (b"From: a\x00b@example.com\r\nSubject: Yes\x00\r\nMessage-ID: <x\x00y@z>\r\n"
           b"References: <itb.1.1.1@reply.localhost>\r\n\r\nYes\x00 please\r\n")
    await inbound.store(ReceivedMail("a\x00@example.com", ("postmaster@reply.localhost",),
                                     raw, "127.0.0.1"))
    assert await inbound.process_pending() == 1
