"""Sending a batch: the rules, the outbox rows, and the mail that reaches a real SMTP sink."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.commands import SendInvites
from domain.errors import Conflict, PastDue
from domain.invites import SkipReason
from store import tables as t
from tests.support.mail import outbox_count, text_and_html
from tests.support.world import World


async def test_a_batch_mails_every_deliverable_contact_once(world: World) -> None:
    result = await world.container.invites.send(
        world.admin, SendInvites(world.demo.billing_period_id, None))
    # SC-006 has no contact; the six others have 10 contacts between them (2+1+3+1+2+1).
    assert result.invited == 6 and result.resent == 0 and result.messages == 10
    assert [(s.reason, s.message) for s in result.skipped] == [
        (SkipReason.NO_INVOICE_CONTACT, "The commitment has no invoice contact.")]

    report = await world.container.delivery.deliver_due()
    assert (report.sent, report.failed, report.retried) == (10, 0, 0)
    received = world.sink.handler.received
    assert len(received) == 10
    assert len({r.message["Message-ID"] for r in received}) == 10
    assert world.sink.handler.connections == 1  # one reused connection for the whole run

    mail = next(r for r in received if r.rcpt_tos == ["priya@brightwire.example"])
    message = mail.message
    assert message["Subject"] == ("Riverside Medical Office Building: Jordan Avery has "
                                  "invited you to bill.")
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain", "text/html"]
    assert message["Reply-To"].startswith("bill+") and message["Date"]
    assert mail.mail_from.startswith("bounce+") and mail.mail_from.endswith("@reply.localhost")
    text, html = text_and_html(message)
    for body in (text, html):
        assert "SC-003" in body and "Brightwire Electric" in body
        assert "November 25, 2026" in body
        assert "http://testserver.local/a/" in body
    yes = next(word for word in text.split() if word.endswith("/yes"))
    assert len(yes) < 120

    progress = await world.container.invites.batch(world.admin, result.batch_id)
    assert (progress.queued, progress.sent, progress.failed) == (0, 10, 0)
    invites = await world.container.invites.period_invites(world.admin,
                                                           world.demo.billing_period_id)
    assert invites.counts == {"not_invited": 1, "invited": 6, "accepted": 0, "declined": 0,
                              "submitted": 0}


async def test_sending_again_resends_invited_and_skips_answered(world: World) -> None:
    period = world.demo.billing_period_id
    first = await world.container.invites.send(world.admin, SendInvites(period, None))
    steel = world.demo.commitment_ids[1]
    async with world.container.ctx.sessions.begin() as session:
        invite = (await session.execute(select(t.Invite).where(
            t.Invite.commitment_id == steel))).scalars().one()
        invite.status = "declined"

    again = await world.container.invites.send(world.admin, SendInvites(period, None))
    assert again.invited == 0 and again.resent == 5
    assert {(s.commitment_id, s.reason) for s in again.skipped} == {
        (world.demo.commitment_ids[5], SkipReason.NO_INVOICE_CONTACT),
        (steel, SkipReason.ALREADY_ANSWERED)}
    assert await outbox_count(world, kind="email") == first.messages + again.messages

    forced = await world.container.invites.send(
        world.admin, SendInvites(period, (steel, 999_999), resend_answered=True))
    assert forced.resent == 1
    assert [(s.commitment_id, s.reason) for s in forced.skipped] == [
        (999_999, SkipReason.NOT_FOUND)]
    record = await world.container.invites.invite(world.admin, invite.id)
    assert record.status.value == "invited"
    assert [e.kind for e in record.events] == ["invited", "resent"]
    assert record.events[0].person_name == "Jordan Avery"


async def test_no_invites_after_the_due_date_or_for_a_closed_period(world: World) -> None:
    period = world.demo.billing_period_id
    world.clock.advance(days=16)  # 2026-11-26 09:00 in Chicago: the 25th has ended
    with pytest.raises(PastDue):
        await world.container.invites.send(world.admin, SendInvites(period, None))
    async with world.container.ctx.sessions.begin() as session:
        row = await session.get(t.BillingPeriod, period)
        row.status = "closed"
    with pytest.raises(Conflict):
        await world.container.invites.send(world.admin, SendInvites(period, None))
    assert await outbox_count(world) == 0
