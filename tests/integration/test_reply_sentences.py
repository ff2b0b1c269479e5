"""Replies in people's words over real SMTP: a sentence answers the invite; a hedged one
is left to a person (the invite stays as it was and the bot sends its help mail)."""

from __future__ import annotations

import pytest

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from tests.support.inbound_mail import (
    ADDRESS,
    classifications,
    invite_mail,
    invite_status,
    reply_to,
    send_over_smtp,
)
from tests.support.world import World


async def reply_with(world: World, words: str) -> None:
    invite = await invite_mail(world, ADDRESS)
    inbound = inbound_mail(world.container)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite["Reply-To"],
                             reply_to(invite, ADDRESS, words))
    assert await inbound.process_pending() == 1


@pytest.mark.parametrize(("words", "status"), [
    ("No invoice from us this period.\n\nThanks,\nPriya", "declined"),
    ("Pas de facture pour cette période, merci.", "declined"),
    ("Yes, our pay app will follow.", "accepted"),
    ("Oui, nous allons facturer.", "accepted"),
])
async def test_a_sentence_answers_the_invite(world: World, words: str, status: str) -> None:
    await reply_with(world, words)
    assert (await invite_status(world, ADDRESS))[0] == status


async def test_a_hedged_sentence_changes_nothing_and_gets_help(world: World) -> None:
    await reply_with(world, "We will bill next month, not this one.")
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    assert await classifications(world) == ["unclear"]
