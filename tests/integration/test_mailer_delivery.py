"""Render, build and send an invite over real SMTP on loopback; read it back from the
development mailbox. The failure tests run tiny aiosmtpd servers that answer what we need."""

import asyncio
import datetime
import email
import email.policy
import email.utils
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session

from mailer.dev_mailbox import DevMailbox, DevMailboxServer, start_dev_mailbox
from mailer.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailer.message import build_message, make_message_id
from mailer.render import MailRenderer
from mailer.smtp_relay import SmtpRelay

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SENT_AT = datetime.datetime(2026, 11, 2, 14, 30, tzinfo=datetime.UTC)
YES_URL = "https://itb.example/respond/eyJpIjo3fQ.abc?answer=yes&lang=en"
NO_URL = "https://itb.example/respond/eyJpIjo3fQ.abc?answer=no&lang=en"
INVITE_CONTEXT = {
    "project_name": "Tower Renovation",
    "inviter_name": "Jane Doe",
    "inviter_email": "jane@gc.example",
    "contact_name": "Zoë Müller",
    "commitment_number": "SC-042",
    "commitment_title": "Drywall & Framing",
    "contract_company": "Acme Drywall Ltd",
    "period_start": "November 1, 2026",
    "period_end": "November 30, 2026",
    "due_date": "November 25, 2026",
    "invitation_message": "Please include lien waivers.",
    "yes_url": YES_URL,
    "no_url": NO_URL,
    "locale": "en-US",
    "resend": False,
    "invoice_type": "work_and_materials",
}


def invite(number: int = 1, to_addr: str = "zoe@sub.example") -> Any:
    rendered = MailRenderer(TEMPLATES).render("invite", INVITE_CONTEXT)
    return build_message(
        rendered,
        from_addr="Invite to Bill <noreply@itb.example>",
        to_addr=to_addr,
        to_name="Zoë Müller",
        message_id=make_message_id(f"invite-7-contact-{number}", "itb.example"),
        reply_to="bill+tok7@in.itb.example",
        date=SENT_AT,
        headers=None,
    )


def relay_to(port: int) -> SmtpRelay:
    return SmtpRelay("127.0.0.1", port, timeout=10, local_hostname="itb-test-client")


@pytest.fixture
async def mailbox(tmp_path: Path) -> AsyncIterator[DevMailboxServer]:
    server = await start_dev_mailbox(tmp_path / "mailbox", "127.0.0.1", 0)
    yield server
    await server.stop()


class ScriptedServer:
    """A loopback aiosmtpd server around a test's handler, counting connections."""

    def __init__(self, handler: object) -> None:
        self.handler = handler
        self.connections: list[SMTP] = []

    def new_connection(self) -> SMTP:
        session = SMTP(self.handler, hostname="test-relay")
        self.connections.append(session)
        return session


@asynccontextmanager
async def scripted_server(handler: object) -> AsyncIterator[tuple[int, ScriptedServer]]:
    script = ScriptedServer(handler)
    server = await asyncio.get_running_loop().create_server(script.new_connection, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], script
    finally:
        server.close()
        for connection in script.connections:
            if connection.transport is not None:
                connection.transport.close()
        await server.wait_closed()


class Anchors(HTMLParser):
    """Collects <a> attributes and the <html> tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, dict[str, str | None]] = {}
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links[dict(attrs).get("href") or ""] = dict(attrs)
        elif tag == "html":
            self.html_attrs = dict(attrs)


async def test_an_invite_arrives_whole(mailbox: DevMailboxServer) -> None:
    async with relay_to(mailbox.port) as relay:
        refused = await relay.send(invite(), "bounce+m1@in.itb.example", ["zoe@sub.example"])
    assert refused == {}

    [summary] = DevMailbox(mailbox.directory).list()
    assert summary.subject == "Tower Renovation: Jane Doe has invited you to bill."
    assert "zoe@sub.example" in summary.to
    stored = DevMailbox(mailbox.directory).get(summary.id)
    message = email.message_from_bytes(stored.raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)

    assert message["Subject"] == "Tower Renovation: Jane Doe has invited you to bill."
    assert message["Message-ID"] == "<invite-7-contact-1@itb.example>"
    assert email.utils.parsedate_to_datetime(message["Date"]) == SENT_AT
    assert message["Reply-To"] == "bill+tok7@in.itb.example"
    assert message["To"].addresses[0].display_name == "Zoë Müller"
    assert message["Return-Path"] == "<bounce+m1@in.itb.example>"
    assert message.get_content_type() == "multipart/alternative"
    text_part, html_part = message.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    text, html = text_part.get_content(), html_part.get_content()
    assert stored.text == text.replace("\r\n", "\n")
    assert stored.html == html.replace("\r\n", "\n")

    assert YES_URL in text and NO_URL in text
    assert "jane@gc.example" in text and "not monitored" not in text
    assert "Replying Yes or No to this email answers the invitation." in text
    page = Anchors()
    page.feed(html)
    assert page.html_attrs.get("lang") == "en-US"
    assert "<style" not in html  # every rule was inlined
    for url, label in [(YES_URL, "Yes"), (NO_URL, "No")]:
        button = page.links[url]  # the parser unescapes &amp; in href
        style = button["style"] or ""
        assert "background-color: #" in style and "padding: 12px 32px" in style
        assert f">{label}</a>" in html
    assert 'role="presentation"' in html


async def test_two_messages_share_one_connection() -> None:
    class Accept:
        async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
            return "250 OK"

    async with scripted_server(Accept()) as (port, script), relay_to(port) as relay:
        await relay.send(invite(1), "bounce+1@in.itb.example", ["a@sub.example"])
        await relay.send(invite(2), "bounce+2@in.itb.example", ["b@sub.example"])
    assert len(script.connections) == 1


class RefuseAt:
    """Answers `reply` at RCPT for refused@... addresses, or at DATA for every message."""

    def __init__(self, stage: str, reply: str) -> None:
        self.stage, self.reply = stage, reply

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.stage == "RCPT" and address.startswith("refused@"):
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return self.reply if self.stage == "DATA" else "250 OK"


@pytest.mark.parametrize("stage", ["RCPT", "DATA"])
@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("451 4.3.0 Try again later", TemporaryDeliveryError),
        ("550 5.1.1 No such user", PermanentDeliveryError),
    ],
)
async def test_replies_map_to_temporary_and_permanent_errors(
    stage: str, reply: str, error: type[Exception]
) -> None:
    async with scripted_server(RefuseAt(stage, reply)) as (port, script), relay_to(port) as relay:
        with pytest.raises(error) as raised:
            await relay.send(invite(), "bounce@in.itb.example", ["refused@sub.example"])
        assert raised.value.code == int(reply[:3])  # type: ignore[attr-defined]
        assert reply[4:] in raised.value.message  # type: ignore[attr-defined]
        if stage == "RCPT":  # the transaction was reset; the connection goes on serving
            await relay.send(invite(), "bounce@in.itb.example", ["ok@sub.example"])
            assert len(script.connections) == 1


async def test_some_recipients_refused_are_reported_not_raised() -> None:
    refuse = RefuseAt("RCPT", "550 5.1.1 No such user")
    async with scripted_server(refuse) as (port, _), relay_to(port) as relay:
        refused = await relay.send(
            invite(), "bounce@in.itb.example", ["ok@sub.example", "refused@sub.example"]
        )
    assert refused == {"refused@sub.example": (550, "5.1.1 No such user")}


class Recording:
    """Accepts everything and keeps each transaction's envelope and MAIL FROM options."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], list[str]]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos),
                               list(envelope.mail_options)))
        return "250 OK"


@pytest.mark.parametrize("address", [
    "zoe@sub.example> NOTIFY=NEVER",  # would add an ESMTP parameter to RCPT TO
    "zoe@sub.example>\r\nRCPT TO:<spy@elsewhere.example",  # a second recipient
    "zoe sub@sub.example",
    "zoë@sub.example",  # not ASCII: the relay was not asked for SMTPUTF8
    "no-at-sign.example",
])
async def test_an_address_that_would_change_the_command_is_refused_unsent(address: str) -> None:
    recording = Recording()
    async with scripted_server(recording) as (port, script), relay_to(port) as relay:
        with pytest.raises(PermanentDeliveryError):
            await relay.send(invite(), "bounce@in.itb.example", [address])
        with pytest.raises(PermanentDeliveryError):
            await relay.send(invite(), address, ["ok@sub.example"])
        # Nothing of it reached the relay, and the connection goes on serving.
        await relay.send(invite(), "bounce@in.itb.example", ["ok@sub.example"])
    assert recording.envelopes == [("bounce@in.itb.example", ["ok@sub.example"],
                                    [f"SIZE={len(invite().as_bytes(policy=email.policy.SMTP))}"])]
    assert len(script.connections) == 1


class SilentAtData:
    """Takes the envelope, then never answers the message's end (a hung relay)."""

    def __init__(self) -> None:
        self.hung = asyncio.Event()
        self.release = asyncio.Event()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.hung.set()
        await self.release.wait()
        return "250 OK"


async def test_a_relay_that_stops_answering_is_a_temporary_failure_within_the_timeout() -> None:
    silent = SilentAtData()
    async with scripted_server(silent) as (port, script):
        relay = SmtpRelay("127.0.0.1", port, timeout=0.5, local_hostname="itb-test-client")
        async with relay:
            with pytest.raises(TemporaryDeliveryError, match="TimeoutError"):
                await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])
            assert silent.hung.is_set()
            silent.release.set()
            # The hung connection was dropped; the next message goes over a new one.
            await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])
        assert len(script.connections) == 2


async def test_nobody_listening_is_temporary(mailbox: DevMailboxServer) -> None:
    port = mailbox.port
    await mailbox.stop()
    async with relay_to(port) as relay:
        with pytest.raises(TemporaryDeliveryError, match="cannot connect"):
            await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])


async def test_a_restarted_server_gets_the_next_message(tmp_path: Path) -> None:
    directory = tmp_path / "mailbox"
    first = await start_dev_mailbox(directory, "127.0.0.1", 0)
    port = first.port
    async with relay_to(port) as relay:
        await relay.send(invite(1), "bounce+1@in.itb.example", ["zoe@sub.example"])
        await first.stop()  # also drops the relay's open connection
        async with DevMailboxServer(directory, "127.0.0.1", port):
            await relay.send(invite(2), "bounce+2@in.itb.example", ["zoe@sub.example"])
    ids = [summary.id for summary in DevMailbox(directory).list()]
    message_ids = [DevMailbox(directory).get(i).raw for i in ids]
    assert len(ids) == 2
    assert b"<invite-7-contact-2@itb.example>" in message_ids[0]  # newest first
    assert b"<invite-7-contact-1@itb.example>" in message_ids[1]


class DropAtMail:
    """Hangs up instead of answering MAIL FROM, the first `drops` times."""

    def __init__(self, drops: int) -> None:
        self.drops = drops
        self.delivered: list[Envelope] = []

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.drops > 0:
            self.drops -= 1
            assert server.transport is not None
            server.transport.close()
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.delivered.append(envelope)
        return "250 OK"


async def test_a_dropped_connection_is_reopened_once_and_the_send_retried() -> None:
    handler = DropAtMail(drops=1)
    async with scripted_server(handler) as (port, script), relay_to(port) as relay:
        await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])
    assert len(handler.delivered) == 1
    assert len(script.connections) == 2


async def test_only_one_retry_after_a_drop() -> None:
    handler = DropAtMail(drops=2)
    async with scripted_server(handler) as (port, script), relay_to(port) as relay:
        with pytest.raises(TemporaryDeliveryError):
            await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])
        assert handler.delivered == []
        assert len(script.connections) == 2
        # The relay recovers on the next send.
        await relay.send(invite(), "bounce@in.itb.example", ["zoe@sub.example"])
    assert len(handler.delivered) == 1
