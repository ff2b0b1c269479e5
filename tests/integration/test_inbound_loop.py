"""The whole loop: an invite mailed to a real sink, the contact's reply sent over SMTP to
our inbound server, the invite answered, and the bot's reply mailed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from app.use_cases.mail_in.service import InboundMail
from store import tables as t
from tests.support.inbound_mail import (
    ADDRESS,
    classifications,
    invite_delivery,
    invite_mail,
    invite_status,
    reply_to,
    send_over_smtp,
)
from tests.support.smtp_client import SmtpDialogue
from tests.support.world import World

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"


@pytest.fixture
def inbound(world: World) -> InboundMail:
    return inbound_mail(world.container)


async def test_a_yes_by_reply_accepts_the_invite_and_confirms_with_a_sign_in_link(
        world: World, inbound: InboundMail) -> None:
    invite = await invite_mail(world, ADDRESS)
    raw = reply_to(invite, ADDRESS, "Yes please\n\nPriya\n\nOn Tue wrote:\n> Do you want to bill?")
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        assert await send_over_smtp(server.port, ADDRESS, invite["Reply-To"], raw) == \
            "250 2.0.0 OK: queued"
        # The same message again (a retrying sender) is stored once.
        assert await send_over_smtp(server.port, ADDRESS, invite["Reply-To"], raw) == \
            "250 2.0.0 OK: queued"
    assert await inbound.process_pending() == 1
    status, events = await invite_status(world, ADDRESS)
    assert status == "accepted" and ("accepted", "email") in events
    assert await classifications(world) == ["answer_yes"]

    await world.container.delivery.deliver_due()
    [confirmation] = [r.message for r in world.sink.handler.received]
    assert confirmation["To"].endswith(f"<{ADDRESS}>")
    assert confirmation["Auto-Submitted"] == "auto-replied"
    assert confirmation["In-Reply-To"] == raw.split(b"Message-ID: ")[1].split(b"\n")[0].decode()
    text = confirmation.get_body(("plain",))
    assert text is not None
    content = text.get_content()
    assert "your Yes to bill SC-003" in content and "http://testserver.local/c/sign-in/" in content


async def test_a_no_through_references_only_is_recorded_and_changes_nothing(
        world: World, inbound: InboundMail) -> None:
    # Issue #11: this used to decline the invite. Only References name the invite (a
    # forwarding rule, or a forger who read a Message-ID): shown, never acted on.
    invite = await invite_mail(world, ADDRESS)
    raw = reply_to(invite, ADDRESS, "Non merci.\n")
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        domain = world.container.settings.inbound_domain
        await send_over_smtp(server.port, ADDRESS, f"postmaster@{domain}", raw)
    await inbound.process_pending()
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    assert await classifications(world) == ["postmaster"]


async def test_unclear_text_gets_help_and_an_out_of_office_gets_nothing(
        world: World, inbound: InboundMail) -> None:
    invite = await invite_mail(world, ADDRESS)
    unclear = reply_to(invite, ADDRESS, "Can you call me about this?\n")
    away = reply_to(invite, ADDRESS, "I am out until Monday.", Auto_Submitted="auto-replied")
    stranger = reply_to(invite, "eve@elsewhere.example", "Yes")
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        for raw in (unclear, away, stranger, stranger.replace(b"Message-ID: <", b"Message-ID: <2")):
            await send_over_smtp(server.port, ADDRESS, invite["Reply-To"], raw)
    await inbound.process_pending()
    assert await classifications(world) == ["unclear", "auto_reply", "not_a_contact",
                                            "not_a_contact"]
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    await world.container.delivery.deliver_due()
    sent = [(r.rcpt_tos, r.message["Auto-Submitted"]) for r in world.sink.handler.received]
    # Issue #11: the stranger used to be told (with its own subject echoed); now nobody
    # but the contact is ever answered, and nobody answers the robot.
    assert sent == [([ADDRESS], "auto-replied")]


async def test_a_dsn_to_the_bounce_address_marks_the_contact_undeliverable(
        world: World, inbound: InboundMail) -> None:
    # The envelope sender of the invite is the signed bounce address a real MTA answers.
    _, bounce_address = await invite_delivery(world, ADDRESS)
    assert bounce_address.startswith("bounce+") and "." in bounce_address.split("@")[0]
    dsn = (FIXTURES / "dsn_postfix.eml").read_bytes()
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        dialogue = await SmtpDialogue.open(server.port)
        assert (await dialogue.say("MAIL FROM:<>")).startswith("250")
        assert (await dialogue.say(f"RCPT TO:<{bounce_address}>")).startswith("250")
        assert await dialogue.data(dsn) == "250 2.0.0 OK: queued"
        await dialogue.close()
    await inbound.process_pending()
    assert await classifications(world) == ["bounce"]
    async with world.container.ctx.sessions() as session:
        person = (await session.execute(select(t.Person).where(
            t.Person.email == ADDRESS))).scalar_one()
        assert person.deliverable is False
        kinds = set((await session.execute(select(t.OutboxMessage.template).where(
            t.OutboxMessage.kind == "email"))).scalars())
    assert "bounce_notice" in kinds and "inbound_reply" not in kinds


async def test_a_reply_after_the_cutoff_is_refused_and_told_why(
        world: World, inbound: InboundMail) -> None:
    invite = await invite_mail(world, ADDRESS)
    world.clock.advance(days=16)  # past the end of November 25 in Chicago
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite["Reply-To"],
                             reply_to(invite, ADDRESS, "Yes"))
    await inbound.process_pending()
    assert await classifications(world) == ["answer_refused"]
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    await world.container.delivery.deliver_due()
    [told] = [r.message for r in world.sink.handler.received if r.rcpt_tos == [ADDRESS]]
    text = told.get_body(("plain",))
    assert text is not None and "could not be recorded" in text.get_content()
