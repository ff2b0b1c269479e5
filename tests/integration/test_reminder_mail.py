"""Reminder mail as a contact receives it, through a real SMTP sink: wording before and after
the due date, fresh Yes/No links, Reply-To, Auto-Submitted, and threading under the invite."""

from __future__ import annotations

from email.message import EmailMessage

from sqlalchemy import select

from domain.commands import SendInvites
from store import tables as t
from tests.support.mail import text_and_html
from tests.support.reminding import NOV_22_8AM, NOV_26_8AM, send_all, set_status
from tests.support.world import World

PRIYA = "priya@brightwire.example"


def received_by(world: World, address: str) -> list[EmailMessage]:
    return [r.message for r in world.sink.handler.received if r.rcpt_tos == [address]]


def links(text: str) -> list[str]:
    return [word for word in text.split() if word.startswith("http://testserver.local/a/")]


async def test_a_reminder_threads_under_the_invite_and_carries_fresh_links(
        world: World) -> None:
    await send_all(world)
    await world.container.delivery.deliver_due()
    (invite,) = received_by(world, PRIYA)

    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    await world.container.delivery.deliver_due()
    invite_mail, reminder = received_by(world, PRIYA)
    assert invite_mail["Message-ID"] == invite["Message-ID"]
    assert reminder["Subject"] == ("Reminder: Riverside Medical Office Building: Jordan Avery "
                                   "has invited you to bill.")
    assert reminder["Auto-Submitted"] == "auto-generated"
    assert reminder["In-Reply-To"] == invite["Message-ID"]
    assert reminder["References"] == invite["Message-ID"]
    assert reminder["Message-ID"] != invite["Message-ID"]
    assert reminder["Reply-To"] == invite["Reply-To"]
    assert reminder["Reply-To"].startswith("bill+")
    assert reminder["Reply-To"].endswith("@reply.localhost")

    text, html = text_and_html(reminder)
    assert "by the end of November 25, 2026" in text
    assert "We have not had your answer yet" in text
    assert "Reminders stop once you answer No or your invoice is sent." in text
    for body in (text, html):
        assert "SC-003" in body and "Brightwire Electric" in body
        assert "Please bill for work completed through the end of the month." in body
    yes, no = links(text)
    assert yes.endswith("/yes") and no.endswith("/no") and len(yes) < 120
    token = yes.removeprefix("http://testserver.local/a/").removesuffix("/yes")
    link = world.container.signer.read_invite_token(token)
    assert link.contact_id == await reminder_contact_id(world, reminder)
    assert f'href="{yes}"' in html


async def reminder_contact_id(world: World, message: EmailMessage) -> int:
    """The contact of the outbox row the reminder was sent from (Message-IDs are random
    since issue #11: they no longer name the contact)."""
    async with world.container.ctx.sessions() as session:
        person_id = (await session.execute(select(t.OutboxMessage.person_id).where(
            t.OutboxMessage.message_id == str(message["Message-ID"])))).scalar_one()
    assert person_id is not None
    return int(person_id)


async def test_after_the_due_date_the_reminder_says_whom_to_ask(world: World) -> None:
    await send_all(world)
    await set_status(world, "SC-003", "accepted")
    world.clock.now = NOV_26_8AM
    await world.container.reminders.scan()
    await world.container.delivery.deliver_due()
    (reminder,) = received_by(world, PRIYA)[1:]
    assert reminder["Subject"].startswith("Due date passed: Riverside Medical Office Building")
    text, html = text_and_html(reminder)
    assert "The due date, November 25, 2026, has passed" in text
    assert ("ask Jordan Avery (admin@summit-builders.example) to create the invoice on your "
            "behalf") in text
    assert "Reminders stop once the invoice is sent or the billing period closes." in html
    assert len(links(text)) == 2


async def test_a_resent_invite_is_the_parent_and_every_invite_is_referenced(
        world: World) -> None:
    await send_all(world)
    world.clock.advance(days=1)
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (world.demo.commitment_ids[2],)))  # SC-003 again
    await world.container.delivery.deliver_due()
    first, second = received_by(world, PRIYA)
    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    await world.container.delivery.deliver_due()
    reminder = received_by(world, PRIYA)[2]
    assert reminder["In-Reply-To"] == second["Message-ID"]
    assert str(reminder["References"]).split() == [first["Message-ID"], second["Message-ID"]]
