"""The email bot's helpers: invite mail, replies and bounces over real SMTP."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select

from domain.commands import SendInvites
from store import tables as t
from tests.support.smtp_client import SmtpDialogue
from tests.support.world import World


async def invite_mail(world: World, address: str) -> EmailMessage:
    """Send the demo batch; the invite mail `address` received."""
    return (await invite_delivery(world, address))[0]


async def invite_delivery(world: World, address: str) -> tuple[EmailMessage, str]:
    """Send the demo batch; the invite mail `address` received and its envelope sender
    (our signed bounce address)."""
    await world.container.invites.send(world.admin,
                                       SendInvites(world.demo.billing_period_id, None))
    await world.container.delivery.deliver_due()
    found = [(r.message, r.mail_from) for r in world.sink.handler.received
             if r.rcpt_tos == [address]]
    world.sink.handler.received.clear()
    return found[0]


def reply_to(invite: EmailMessage, sender: str, body: str, **headers: str) -> bytes:
    reply = EmailMessage()
    reply["From"] = f"Contact <{sender}>"
    reply["To"] = invite["Reply-To"]
    reply["Subject"] = f"Re: {invite['Subject']}"
    reply["Message-ID"] = make_msgid(domain="brightwire.example")
    reply["In-Reply-To"] = invite["Message-ID"]
    reply["References"] = invite["Message-ID"]
    for name, value in headers.items():
        reply[name.replace("_", "-")] = value
    reply.set_content(body)
    return bytes(reply)


async def send_over_smtp(port: int, mail_from: str, rcpt: str, raw: bytes) -> str:
    dialogue = await SmtpDialogue.open(port)
    try:
        assert (await dialogue.say(f"MAIL FROM:<{mail_from}>")).startswith("250")
        assert (await dialogue.say(f"RCPT TO:<{rcpt}>")).startswith("250")
        return await dialogue.data(raw)
    finally:
        await dialogue.close()


async def invite_status(world: World, address: str) -> tuple[str, list[tuple[str, str]]]:
    async with world.container.ctx.sessions() as session:
        person = (await session.execute(select(t.Person).where(
            t.Person.email == address))).scalar_one()
        contact = (await session.execute(select(t.InvoiceContact).where(
            t.InvoiceContact.person_id == person.id))).scalars().first()
        assert contact is not None
        invite = (await session.execute(select(t.Invite).where(
            t.Invite.commitment_id == contact.commitment_id))).scalar_one()
        events = (await session.execute(select(t.InviteEvent.kind, t.InviteEvent.channel)
                                        .where(t.InviteEvent.invite_id == invite.id))).all()
    return invite.status, [(kind, channel) for kind, channel in events]


async def classifications(world: World) -> list[str | None]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.InboundMessage.classification)
                                           .order_by(t.InboundMessage.id))).scalars())


ADDRESS = "priya@brightwire.example"


async def deliverable(world: World, address: str) -> bool:
    async with world.container.ctx.sessions() as session:
        person = (await session.execute(select(t.Person).where(
            t.Person.email == address))).scalar_one()
    return person.deliverable


async def templates_queued(world: World) -> list[str]:
    async with world.container.ctx.sessions() as session:
        return sorted(str(name) for name in (await session.execute(
            select(t.OutboxMessage.template).where(t.OutboxMessage.template.is_not(None))
        )).scalars())


async def bounce_over_smtp(port: int, address: str, raw: bytes) -> str:
    dialogue = await SmtpDialogue.open(port)
    try:
        assert (await dialogue.say("MAIL FROM:<>")).startswith("250")
        reply = await dialogue.say(f"RCPT TO:<{address}>")
        return reply if not reply.startswith("250") else await dialogue.data(raw)
    finally:
        await dialogue.close()
