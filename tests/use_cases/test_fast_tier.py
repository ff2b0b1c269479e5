"""Use cases through the real bootstrap with a fake relay and poster: the invite batch,
a refused address, and an answer reaching a webhook subscriber. Milliseconds each; the
same paths over real SMTP and HTTP are in tests/integration."""

from __future__ import annotations

import json
import re

from domain.answers import AnswerRequest
from domain.commands import SendInvites
from domain.invites import Answer
from domain.model import Channel
from domain.webhooks import NewSubscription
from tests.support.fakes import FastWorld

YES_LINK = re.compile(r"/a/([A-Za-z0-9._-]+)/yes")


def text_of(message: object) -> str:
    parts = [part.get_payload(decode=True) for part in message.walk()  # type: ignore[attr-defined]
             if part.get_content_type() == "text/plain"]
    return b"".join(parts).decode()


async def send_all(fast: FastWorld) -> int:
    batch = await fast.container.invites.send(
        fast.admin, SendInvites(fast.demo.billing_period_id, None))
    report = await fast.container.delivery.deliver_due()
    assert report.sent + report.failed == batch.messages
    return batch.messages


async def test_a_batch_hands_one_mail_per_contact_to_the_relay(fast: FastWorld) -> None:
    messages = await send_all(fast)
    assert messages == len(fast.mail.sent) > 0
    for sent in fast.mail.sent:
        project, _, rest = str(sent.message["Subject"]).partition(": ")
        assert project and rest == f"{fast.admin.name} has invited you to bill."
        assert re.fullmatch(r"bounce\+[0-9]+\.[0-9a-f]{20}@.+", sent.envelope_from)
        assert re.fullmatch(r"bill\+[0-9a-f]{20}v1@.+", str(sent.message["Reply-To"]))
        assert sent.recipients == [sent.message["To"].addresses[0].addr_spec]
        assert YES_LINK.search(text_of(sent.message))
    assert len({sent.message["Message-ID"] for sent in fast.mail.sent}) == messages


async def test_a_refused_address_is_marked_undeliverable_and_the_rest_is_sent(
        fast: FastWorld) -> None:
    fast.mail.refuse.add("priya@brightwire.example")
    messages = await send_all(fast)
    delivered = {address for sent in fast.mail.sent for address in sent.recipients}
    assert "priya@brightwire.example" not in delivered
    assert len(delivered) == messages - 1
    failed = await fast.container.delivery.undelivered(fast.admin)
    assert [item.recipient for item in failed] == ["priya@brightwire.example"]
    await fast.container.delivery.deliver_due()  # nothing is retried after a 5xx
    assert len(fast.mail.sent) == messages - 1


async def test_a_yes_reaches_a_subscriber_as_a_signed_event(fast: FastWorld) -> None:
    await fast.container.webhooks.subscriptions.create(
        fast.admin, NewSubscription("https://hooks.example/itb", ("invite.accepted",)))
    await send_all(fast)
    token = YES_LINK.search(text_of(fast.mail.sent[0].message))
    assert token is not None
    link = fast.container.signer.read_invite_token(token.group(1))
    result = await fast.container.answers.answer(AnswerRequest(
        link.invite_id, link.contact_id, Answer.YES, Channel.LINK, link.token_version))
    assert result.changed
    run = await fast.container.webhooks.work.run_due()
    assert run.sent == 1
    [post] = fast.posts
    assert post.url == "https://hooks.example/itb"
    assert post.headers["webhook-signature"].startswith("v1,")
    body = json.loads(post.body)
    assert body["type"] == "invite.accepted"
    assert body["data"]["invite_id"] == link.invite_id
