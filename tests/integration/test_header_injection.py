"""A contact name with CR/LF that reached the database some other way than the API (an
older row, a direct write): the resend is not built, the outbox records why, and no mail
with a forged Reply-To or a replaced body reaches the relay (a real SMTP sink)."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select, update

from domain.commands import SendInvites
from store import tables as t
from tests.support.mail import text_and_html
from tests.support.world import World

VICTIM = "priya@brightwire.example"
EVIL_NAME = ("Priya\r\nReply-To: evil@attacker.example\r\n\r\n"
             "Our bank details changed: pay IBAN XX00 0000")


async def test_a_stored_crlf_name_fails_the_resend_instead_of_splitting_headers(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    period = world.demo.billing_period_id
    await world.container.invites.send(world.admin, SendInvites(period, None))
    first = await world.container.delivery.deliver_due()
    assert (first.sent, first.failed) == (10, 0)
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Person).where(t.Person.email == VICTIM)
                              .values(name=EVIL_NAME))

    resent = await world_api.post(f"/api/billing-periods/{period}/invites",
                                  json={"all": True}, headers=world_headers)
    assert resent.status == 202, await resent.text()
    second = await world.container.delivery.deliver_due()
    assert (second.sent, second.failed, second.retried) == (9, 1, 0)

    received = world.sink.handler.received
    assert len(received) == 19
    assert len([r for r in received if r.rcpt_tos == [VICTIM]]) == 1  # the first only
    for mail in received:
        assert "attacker" not in str(mail.message["Reply-To"])
        assert mail.message["Reply-To"].startswith("bill+")
        assert "IBAN" not in mail.message.as_string()
        text, html = text_and_html(mail.message)
        assert "http://testserver.local/a/" in text and "http://testserver.local/a/" in html
    async with world.container.ctx.sessions() as session:
        victim = (await session.execute(select(t.Person).where(t.Person.email == VICTIM))
                  ).scalars().one()
        failed = (await session.execute(select(t.OutboxMessage).where(
            t.OutboxMessage.status == "failed"))).scalars().one()
    assert failed.person_id == victim.id
    assert failed.last_error == ("the recipient's name would contain U+000D (CR) in a mail "
                                 "header; the message was not built")
    assert victim.deliverable  # the address is not at fault: no bounce is recorded
    # The administrator sees it among the mail that was not delivered.
    undelivered = await world_api.get("/api/outbox/undelivered", headers=world_headers)
    assert failed.id in [item["id"] for item in (await undelivered.json())["items"]]
