"""Issue #11 item 3 (follow-up): mail that looks like a bounce but is not a permanent
failure for our contact, sent over real SMTP to the invite's signed bounce address, on
both databases. Each is recorded and changes nothing; a mail system's clear failure text
for the contact still marks them undeliverable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from store import tables as t
from tests.support.inbound_mail import (
    ADDRESS,
    bounce_over_smtp,
    classifications,
    deliverable,
    invite_delivery,
    templates_queued,
)
from tests.support.world import World

BOUNCES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"


async def deliver_to_bounce_address(world: World, name: str) -> None:
    inbound = inbound_mail(world.container)
    _, bounce_address = await invite_delivery(world, ADDRESS)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        assert await bounce_over_smtp(server.port, bounce_address,
                                      (BOUNCES / name).read_bytes()) == "250 2.0.0 OK: queued"
    await inbound.process_pending()


async def bounced_events(world: World) -> list[int]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.OutboxMessage.id).where(
            t.OutboxMessage.idempotency_key.like("event:email.bounced:%")))).scalars())


@pytest.mark.parametrize(("name", "classification"), [
    # Each of these marked the contact undeliverable before the failure-text rules.
    ("own_adv_human_mailbox_gone.eml", "bounce_unrecognised"),
    ("own_adv_human_forwards_old_ndr.eml", "bounce_unrecognised"),
    ("own_adv_challenge_response.eml", "bounce_unrecognised"),
    ("own_adv_text_other_recipient.eml", "bounce_other_recipient"),
    ("own_adv_delay_quoted_5xx.eml", "bounce_temporary"),
])
async def test_bounce_like_mail_that_fails_nobody_changes_nothing(
        world: World, name: str, classification: str) -> None:
    await deliver_to_bounce_address(world, name)
    assert await classifications(world) == [classification]
    assert await deliverable(world, ADDRESS)
    assert await bounced_events(world) == []
    assert "bounce_notice" not in await templates_queued(world)


async def test_a_mail_systems_clear_failure_text_marks_the_contact_undeliverable(
        world: World) -> None:
    await deliver_to_bounce_address(world, "own_text_yahoo_no_account.eml")
    assert await classifications(world) == ["bounce"]
    assert not await deliverable(world, ADDRESS)
    assert len(await bounced_events(world)) == 1
