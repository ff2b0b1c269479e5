"""The development mailbox: SMTP in, files on disk, and the reader over them."""

from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from mailer.dev_mailbox import DevMailbox, DevMailboxServer, start_dev_mailbox
from mailer.smtp_relay import SmtpRelay


def note(subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "noreply@itb.example"
    message["To"] = "Zoë <zoe@sub.example>"
    message["Subject"] = subject
    message["Date"] = "Mon, 02 Nov 2026 14:30:00 +0000"
    message.set_content(f"Body of {subject}\n")
    return message


@pytest.fixture
async def mailbox(tmp_path: Path) -> AsyncIterator[DevMailboxServer]:
    server = await start_dev_mailbox(tmp_path / "mailbox", "127.0.0.1", 0)
    yield server
    await server.stop()


@pytest.fixture
async def relay(mailbox: DevMailboxServer) -> AsyncIterator[SmtpRelay]:
    async with SmtpRelay("127.0.0.1", mailbox.port, local_hostname="itb-test") as relay:
        yield relay


async def test_lists_newest_first_up_to_the_limit(
    mailbox: DevMailboxServer, relay: SmtpRelay
) -> None:
    for subject in ("first", "second", "third"):
        await relay.send(note(subject), "bounce@in.itb.example", ["zoe@sub.example"])
    reader = DevMailbox(mailbox.directory)
    assert [s.subject for s in reader.list()] == ["third", "second", "first"]
    assert [s.subject for s in reader.list(limit=2)] == ["third", "second"]
    [newest] = reader.list(limit=1)
    assert newest.sender == "noreply@itb.example"
    assert newest.to == "Zoë <zoe@sub.example>"
    assert newest.date == "Mon, 02 Nov 2026 14:30:00 +0000"
    assert newest.size == (mailbox.directory / f"{newest.id}.eml").stat().st_size
    stored = reader.get(newest.id)
    assert stored.text == "Body of third\n"
    assert stored.html is None
    assert ("Subject", "third") in stored.headers


async def test_keeps_the_envelope(mailbox: DevMailboxServer, relay: SmtpRelay) -> None:
    await relay.send(note("bcc"), "bounce+9@in.itb.example", ["zoe@sub.example", "x@audit.example"])
    [summary] = DevMailbox(mailbox.directory).list()
    headers = dict(DevMailbox(mailbox.directory).get(summary.id).headers)
    assert headers["Return-Path"] == "<bounce+9@in.itb.example>"
    assert headers["X-Original-To"] == "zoe@sub.example, x@audit.example"


async def test_clear(mailbox: DevMailboxServer, relay: SmtpRelay) -> None:
    for subject in ("a", "b"):
        await relay.send(note(subject), "bounce@in.itb.example", ["zoe@sub.example"])
    reader = DevMailbox(mailbox.directory)
    assert reader.clear() == 2
    assert reader.list() == []
    assert list(mailbox.directory.iterdir()) == []


@pytest.mark.parametrize(
    "mail_id",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "20261102T143000000000Z-" + "0" * 31 + "/",
        "20261102T143000000000Z-" + "0" * 32 + ".eml",
        "",
    ],
)
def test_rejects_ids_that_are_not_ours(tmp_path: Path, mail_id: str) -> None:
    with pytest.raises(ValueError):
        DevMailbox(tmp_path).get(mail_id)


def test_an_unknown_id_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        DevMailbox(tmp_path).get("20261102T143000000000Z-" + "0" * 32)


def test_ignores_files_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / ".20261102T143000000000Z-00000000000000000000000000000000.tmp").write_bytes(b"x")
    (tmp_path / "notes.eml").write_bytes(b"Subject: stray\r\n\r\n")
    reader = DevMailbox(tmp_path)
    assert reader.list() == []
    assert reader.clear() == 0
    assert DevMailbox(tmp_path / "missing").list() == []
