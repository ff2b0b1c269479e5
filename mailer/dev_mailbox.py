"""The embedded development mailbox, in the manner of Mailpit or MailHog.

`DevMailboxServer` is an aiosmtpd SMTP sink running inside the caller's event loop: it
accepts every message and files it with `dev_mailbox_store.store_message`; `DevMailbox`
(re-exported here) lists, reads and clears what it stored.
"""

import asyncio
import os
import weakref
from pathlib import Path
from types import TracebackType
from typing import Self

from aiosmtpd.smtp import SMTP, Envelope, Session

from mailer.dev_mailbox_store import DevMailbox, MailSummary, StoredMail, store_message

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


class DevMailboxServer:
    """The SMTP side of the development mailbox; `port=0` picks a free port."""

    def __init__(
        self, directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 1025
    ) -> None:
        self.directory = Path(directory)
        self.host = host
        self.requested_port = port
        self._server: asyncio.Server | None = None
        self._sessions: weakref.WeakSet[SMTP] = weakref.WeakSet()

    @property
    def port(self) -> int:
        """The port actually bound (differs from the requested one when that was 0)."""
        if self._server is None:
            raise RuntimeError("the dev mailbox is not running")
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        handler = MailboxHandler(self.directory)
        loop = asyncio.get_running_loop()

        def new_session() -> SMTP:
            # hostname= given so aiosmtpd does not call the blocking socket.getfqdn().
            session = SMTP(handler, hostname=SERVER_HOSTNAME, loop=loop)
            self._sessions.add(session)
            return session

        self._server = await loop.create_server(new_session, self.host, self.requested_port)

    async def stop(self) -> None:
        """Stop listening and close open connections: clients may hold theirs forever, and
        from Python 3.12 `wait_closed` waits for every one of them."""
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        for session in list(self._sessions):
            if session.transport is not None:
                session.transport.close()
        await server.wait_closed()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()


async def start_dev_mailbox(
    directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 1025
) -> DevMailboxServer:
    """Start the development mailbox's SMTP server in the running event loop."""
    server = DevMailboxServer(directory, host, port)
    await server.start()
    return server
