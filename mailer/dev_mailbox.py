"""The embedded development mailbox, in the manner of Mailpit or MailHog.

`DevMailboxServer` is an aiosmtpd SMTP sink running inside the caller's event loop: it
accepts every message and files it with `dev_mailbox_store.store_message`; `DevMailbox`
(re-exported here) lists, reads and clears what it stored.
"""

import asyncio
import os
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

from mailer.dev_mailbox_store import DevMailbox, MailSummary, StoredMail, store_message
from mailer.smtp_listener import SmtpListener

__all__ = [
    "DevMailbox",
    "DevMailboxServer",
    "MailSummary",
    "MailboxHandler",
    "StoredMail",
    "start_dev_mailbox",
]

SERVER_HOSTNAME = "itb-dev-mailbox"


class MailboxHandler:
    """aiosmtpd handler that files every message in `directory` and answers 250."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        # Record the envelope the way a final delivery agent does (RFC 5321 section 4.4):
        # Bcc recipients and the bounce address appear nowhere else.
        trace = (
            f"Return-Path: <{envelope.mail_from or ''}>\r\n"
            f"X-Original-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        raw = trace + (envelope.original_content or b"")
        mail_id = await asyncio.to_thread(store_message, self.directory, raw)
        return f"250 2.0.0 Ok: stored as {mail_id}"


class DevMailboxServer(SmtpListener):
    """The SMTP side of the development mailbox; `port=0` picks a free port."""

    name = "dev mailbox"

    def __init__(
        self, directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 1025
    ) -> None:
        super().__init__(host, port)
        self.directory = Path(directory)
        self.handler = MailboxHandler(self.directory)

    async def prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)

    def new_session(self, loop: asyncio.AbstractEventLoop) -> SMTP:
        return SMTP(self.handler, hostname=SERVER_HOSTNAME, loop=loop)


async def start_dev_mailbox(
    directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 1025
) -> DevMailboxServer:
    """Start the development mailbox's SMTP server in the running event loop."""
    server = DevMailboxServer(directory, host, port)
    await server.start()
    return server
