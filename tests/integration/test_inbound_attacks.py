"""Issue #11: the email channel tried as an outsider would, over real SMTP to the running
front door, on both databases. Each attack changes nothing, is recorded, and nobody but
the invite's contact is ever answered."""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from app.use_cases.mail_in.service import InboundMail
from domain.commands import SendInvites
from store import tables as t
from tests.support.inbound_mail import (
    ADDRESS,
    bounce_over_smtp,
    classifications,
    deliverable,
    invite_delivery,
    invite_status,
    reply_to,
    send_over_smtp,
    templates_queued,
)
from tests.support.world import World

BOUNCES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"
MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"


async def test_forged_from_to_postmaster_with_a_known_message_id_answers_nothing(
        world: World) -> None:
    inbound = inbound_mail(world.container)
    invite, _ = await invite_delivery(world, ADDRESS)
    before = await templates_queued(world)
    # The attacker names the invite's Message-ID (it leaked, or was guessed when they were
    # sequential) and forges the contact's From:, but cannot know the reply address.
    forged = reply_to(invite, ADDRESS, "Yes")
    domain = world.container.settings.inbound_domain
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        assert await send_over_smtp(server.port, ADDRESS, f"postmaster@{domain}", forged) \
            == "250 2.0.0 OK: queued"
    await inbound.process_pending()
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    assert await classifications(world) == ["postmaster"]  # kept for the administrator
    assert await templates_queued(world) == before  # no reply to anyone


async def test_the_reply_address_with_a_strangers_from_changes_nothing_and_is_not_answered(
        world: World) -> None:
    inbound = inbound_mail(world.container)
    invite, _ = await invite_delivery(world, ADDRESS)
    stranger = reply_to(invite, "mallory@evil.example", "Yes")
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, "mallory@evil.example", invite["Reply-To"], stranger)
    await inbound.process_pending()
    await world.container.delivery.deliver_due()
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    assert await classifications(world) == ["not_a_contact"]
    assert world.sink.handler.received == []  # nothing sent, no subject echoed


async def test_a_dsn_to_a_guessed_or_forged_bounce_address_marks_nobody(world: World) -> None:
    inbound = inbound_mail(world.container)
    _, signed = await invite_delivery(world, ADDRESS)
    outbox_id, mark = signed.split("@")[0].removeprefix("bounce+").split(".")
    domain = signed.split("@")[1]
    dsn = (MAIL / "dsn_postfix.eml").read_bytes()
    forged_mark = ("0" if mark[0] != "0" else "1") + mark[1:]
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        for guess in (f"bounce+{outbox_id}@{domain}", f"bounce+{outbox_id}.{forged_mark}@{domain}"):
            assert await bounce_over_smtp(server.port, guess, dsn) == "250 2.0.0 OK: queued"
            dsn = dsn.replace(b"Message-Id: <", b"Message-Id: <again")
        assert (await bounce_over_smtp(server.port, f"bounce+999999.{mark}@{domain}", dsn)
                ).startswith("550 5.1.1")
    await inbound.process_pending()
    assert await deliverable(world, ADDRESS)
    assert await classifications(world) == ["bounce_unverified", "bounce_unverified"]
    assert "bounce_notice" not in await templates_queued(world)


async def test_an_out_of_office_to_the_bounce_address_changes_nothing(world: World) -> None:
    inbound = inbound_mail(world.container)
    _, bounce_address = await invite_delivery(world, ADDRESS)
    replies = [(BOUNCES / name).read_bytes() for name in (
        "own_ooo_outlook_en.eml", "own_ooo_exchange_de.eml", "own_ooo_gmail_es.eml",
        "own_ooo_sieve_fr.eml", "own_ooo_subject_only_de.eml")]
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        for raw in replies:
            assert await bounce_over_smtp(server.port, bounce_address, raw) == \
                "250 2.0.0 OK: queued"
    await inbound.process_pending()
    assert await classifications(world) == ["auto_reply"] * len(replies)
    assert await deliverable(world, ADDRESS)
    async with world.container.ctx.sessions() as session:
        bounced = (await session.execute(select(t.OutboxMessage.id).where(
            t.OutboxMessage.idempotency_key.like("event:email.bounced:%")))).all()
    assert bounced == [] and "bounce_notice" not in await templates_queued(world)


async def test_a_delay_warning_for_a_hyphenated_domain_changes_nothing(world: World) -> None:
    inbound = inbound_mail(world.container)
    contact = "kevin@ironclad-steel.example"
    await set_email(world, ADDRESS, contact)
    _, bounce_address = await invite_delivery(world, contact)
    warning = (BOUNCES / "own_delay_exim_hyphen.eml").read_bytes().replace(
        b"dana-old+invoices@ap.granite-works.example", contact.encode())
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await bounce_over_smtp(server.port, bounce_address, warning)
    await inbound.process_pending()
    assert await classifications(world) == ["bounce_temporary"]
    assert await deliverable(world, contact)


async def test_a_permanent_dsn_for_another_recipient_marks_nobody(world: World) -> None:
    inbound = inbound_mail(world.container)
    _, bounce_address = await invite_delivery(world, ADDRESS)
    other = (BOUNCES / "own_dsn_postfix_hyphen_plus.eml").read_bytes()
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await bounce_over_smtp(server.port, bounce_address, other)
    await inbound.process_pending()
    assert await classifications(world) == ["bounce_other_recipient"]
    assert await deliverable(world, ADDRESS)


async def set_email(world: World, old: str, new: str) -> None:
    async with world.container.ctx.sessions.begin() as session:
        person = (await session.execute(select(t.Person).where(
            t.Person.email == old))).scalar_one()
        person.email = new


async def test_the_received_mail_list_shows_what_was_refused(
        world: World, world_api: TestClient, world_headers: dict[str, str],
        ) -> None:
    inbound: InboundMail = inbound_mail(world.container)
    invite, _ = await invite_delivery(world, ADDRESS)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite["Reply-To"],
                             reply_to(invite, "mallory@evil.example", "Yes"))
    await inbound.process_pending()
    response = await world_api.get("/api/inbound-messages", headers=world_headers)
    [shown] = (await response.json())["items"]
    assert shown["classification"] == "not_a_contact"
    assert "not answered" in shown["description"]


async def test_a_reply_to_a_mail_whose_links_were_revoked_answers_nothing(
        world: World) -> None:
    """The reply address carries the invite's token version, like the Yes/No links: after
    a revocation (or a resend) a reply to the older mail is recorded and changes nothing,
    and a reply to the newer mail answers."""
    inbound = inbound_mail(world.container)
    old_mail, _ = await invite_delivery(world, ADDRESS)
    invite = await invite_of(world, ADDRESS)
    assert invite.id is not None
    await world.container.invites.revoke_links(world.admin, invite.id)
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (invite.commitment_id,)))
    await world.container.delivery.deliver_due()
    new_mail = next(r.message for r in world.sink.handler.received if r.rcpt_tos == [ADDRESS])
    assert new_mail["Reply-To"] != old_mail["Reply-To"]
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        assert await send_over_smtp(server.port, ADDRESS, old_mail["Reply-To"],
                                    reply_to(old_mail, ADDRESS, "Yes")) == \
            "250 2.0.0 OK: queued"
        await inbound.process_pending()
        assert (await invite_status(world, ADDRESS))[0] == "invited"
        assert await classifications(world) == ["stale_reply_address"]
        await send_over_smtp(server.port, ADDRESS, new_mail["Reply-To"],
                             reply_to(new_mail, ADDRESS, "Yes"))
        await inbound.process_pending()
    assert (await invite_status(world, ADDRESS))[0] == "accepted"



async def invite_of(world: World, address: str) -> t.Invite:
    async with world.container.ctx.sessions() as session:
        return (await session.execute(
            select(t.Invite).join(t.InvoiceContact, t.InvoiceContact.commitment_id
                                  == t.Invite.commitment_id)
            .join(t.Person, t.Person.id == t.InvoiceContact.person_id)
            .where(t.Person.email == address))).scalars().one()
