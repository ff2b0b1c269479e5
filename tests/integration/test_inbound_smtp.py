"""The SMTP front door over loopback: who it accepts, exact reply codes, storage first."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from mailer.inbound_parsing import Recipient
from mailer.inbound_server import (
    ClientLimits,
    InboundPorts,
    InboundServer,
    ReceivedMail,
    SenderRateLimit,
)
from mailer.smtp_listener import quiet_aiosmtpd_logger
from tests.support.smtp_client import SmtpDialogue

DOMAIN = "reply.example"
MESSAGE = (b"From: Priya <priya@brightwire.example>\r\nTo: bill+tok1@reply.example\r\n"
           b"Subject: Re: invite\r\nMessage-ID: <m1@brightwire.example>\r\n\r\nYes\r\n")


class Receiver:
    """The application's side for these tests: tokens that exist, and what was stored."""

    def __init__(self) -> None:
        self.stored: list[ReceivedMail] = []
        self.fail_storing = False

    async def exists(self, recipient: Recipient) -> bool:
        return recipient.kind == "postmaster" or recipient.tag in {"tok1", "42"}

    async def store(self, mail: ReceivedMail) -> None:
        if self.fail_storing:
            raise ConnectionError("database unavailable")
        self.stored.append(mail)


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
async def server(receiver: Receiver) -> AsyncIterator[InboundServer]:
    ports = InboundPorts(DOMAIN, receiver.exists, receiver.store)
    async with InboundServer(ports, "127.0.0.1", 0, max_bytes=4096,
                             rate_limit=SenderRateLimit(3, 3600)) as running:
        yield running


@pytest.fixture
async def smtp(server: InboundServer) -> AsyncIterator[SmtpDialogue]:
    dialogue = await SmtpDialogue.open(server.port)
    yield dialogue
    await dialogue.close()


@pytest.mark.parametrize("address", [
    "someone@reply.example", "bill+tok1@elsewhere.example", "bill+unknown@reply.example",
    "bounce+7@reply.example", "bounce+abc@reply.example", "bill@reply.example",
    "victim@gmail.com"])
async def test_rcpt_refuses_everything_but_live_addresses(smtp: SmtpDialogue,
                                                          address: str) -> None:
    assert (await smtp.say("MAIL FROM:<priya@brightwire.example>")).startswith("250")
    assert (await smtp.say(f"RCPT TO:<{address}>")).startswith("550 5.1.1 ")


@pytest.mark.parametrize("address", ["bill+tok1@reply.example", "BILL+TOK1@Reply.Example",
                                     "bounce+42@reply.example", "postmaster@reply.example"])
async def test_rcpt_accepts_our_live_addresses(smtp: SmtpDialogue, address: str) -> None:
    assert (await smtp.say("MAIL FROM:<priya@brightwire.example>")).startswith("250")
    assert (await smtp.say(f"RCPT TO:<{address}>")) == "250 2.1.5 OK"


async def test_data_is_stored_before_250(smtp: SmtpDialogue, receiver: Receiver) -> None:
    await smtp.say("MAIL FROM:<priya@brightwire.example>")
    await smtp.say("RCPT TO:<bill+tok1@reply.example>")
    assert await smtp.data(MESSAGE) == "250 2.0.0 OK: queued"
    [mail] = receiver.stored
    assert mail.mail_from == "priya@brightwire.example"
    assert mail.rcpt_tos == ("bill+tok1@reply.example",)
    assert b"Message-ID: <m1@brightwire.example>" in mail.raw and mail.raw.endswith(b"Yes\r\n")


async def test_storage_failure_answers_451_so_the_sender_retries(
        smtp: SmtpDialogue, receiver: Receiver) -> None:
    receiver.fail_storing = True
    await smtp.say("MAIL FROM:<priya@brightwire.example>")
    await smtp.say("RCPT TO:<bill+tok1@reply.example>")
    assert await smtp.data(MESSAGE) == "451 4.3.0 Temporary failure, try again later"


async def test_a_message_over_the_size_limit_is_refused(smtp: SmtpDialogue,
                                                        receiver: Receiver) -> None:
    assert await smtp.say("MAIL FROM:<p@brightwire.example> SIZE=99999") == \
        "552 5.3.4 Message too big"
    await smtp.say("MAIL FROM:<priya@brightwire.example>")
    await smtp.say("RCPT TO:<bill+tok1@reply.example>")
    assert await smtp.data(MESSAGE + (b"x" * 70 + b"\r\n") * 80) == "552 5.3.4 Message too big"
    assert receiver.stored == []


async def test_a_sender_over_its_rate_is_told_to_retry_later(smtp: SmtpDialogue) -> None:
    for _ in range(3):
        assert (await smtp.say("MAIL FROM:<priya@brightwire.example>")).startswith("250")
        assert (await smtp.say("RSET")).startswith("250")
    assert await smtp.say("MAIL FROM:<priya@brightwire.example>") == \
        "451 4.7.1 Too many messages from this sender, try again later"
    assert (await smtp.say("MAIL FROM:<other@brightwire.example>")).startswith("250")


def test_the_rate_limit_forgets_after_its_window() -> None:
    now = [0.0]
    limit = SenderRateLimit(1, 60, clock=lambda: now[0])
    assert limit.allow("a") and not limit.allow("a")
    now[0] = 60.0
    assert limit.allow("a")


async def test_one_client_address_is_limited_whatever_sender_it_uses(
        receiver: Receiver) -> None:
    ports = InboundPorts(DOMAIN, receiver.exists, receiver.store)
    limits = ClientLimits(messages=2, window=3600, connections=10)
    async with InboundServer(ports, "127.0.0.1", 0, max_bytes=4096,
                             rate_limit=SenderRateLimit(100, 3600),
                             client_limits=limits) as server:
        dialogue = await SmtpDialogue.open(server.port)
        for n in range(2):
            assert (await dialogue.say(f"MAIL FROM:<s{n}@a.example>")).startswith("250")
            assert (await dialogue.say("RSET")).startswith("250")
        assert await dialogue.say("MAIL FROM:<s9@b.example>") == \
            "451 4.7.1 Too many messages from your address, try again later"
        await dialogue.close()


async def test_one_client_address_may_hold_only_so_many_connections(
        receiver: Receiver) -> None:
    ports = InboundPorts(DOMAIN, receiver.exists, receiver.store)
    limits = ClientLimits(messages=100, window=3600, connections=2)
    async with InboundServer(ports, "127.0.0.1", 0, max_bytes=4096,
                             rate_limit=SenderRateLimit(100, 3600),
                             client_limits=limits) as server:
        held = [await SmtpDialogue.open(server.port) for _ in range(2)]
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        assert await reader.readline() == \
            b"421 4.7.1 Too many connections from your address, try again later\r\n"
        assert await reader.read() == b""  # and closed
        writer.close()
        await held[0].close()
        # A slot is free again once a connection ends (closing is seen by the server
        # when it reads EOF: the next greeting proves the slot was given back).
        for _ in range(20):
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            greeting = await reader.readline()
            writer.close()
            if greeting.startswith(b"220 "):
                break
        assert greeting.startswith(b"220 ")
        await held[1].close()


async def test_aiosmtpd_never_logs_reply_tokens_at_info(
        smtp: SmtpDialogue, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # everything the root logger would let through
    await smtp.say("MAIL FROM:<priya@brightwire.example>")
    assert await smtp.say("RCPT TO:<bill+tok1@reply.example>") == "250 2.1.5 OK"
    assert await smtp.data(MESSAGE) == "250 2.0.0 OK: queued"
    assert await smtp.say("QUIT")
    printed = [r.getMessage() for r in caplog.records if r.name == "mail.log"]
    assert not [line for line in printed if "tok1" in line], printed
    assert "tok1" not in caplog.text


def test_the_aiosmtpd_filter_masks_tokens_even_when_someone_turns_it_up() -> None:
    quiet_aiosmtpd_logger()
    record = logging.LogRecord("mail.log", logging.WARNING, __file__, 1, "%r recip: %s",
                               (("127.0.0.1", 1), "bill+secret7@reply.example"), None)
    for kept in logging.getLogger("mail.log").filters:
        assert isinstance(kept, logging.Filter) and kept.filter(record)
    assert "secret7" not in record.getMessage() and "bill+***@" in record.getMessage()
