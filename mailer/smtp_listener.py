"""An aiosmtpd server running inside the caller's event loop (no threaded Controller).

Both of our SMTP servers, the development mailbox and the inbound front door, share this
life cycle; each only says how to make a session for a new connection.
"""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from types import TracebackType
from typing import Self

from aiosmtpd.smtp import SMTP

# aiosmtpd logs every command line, recipients included, at INFO ("mail.log"). Our
# recipients are secrets (bill+<token>@ answers an invite), so that logger speaks only from
# WARNING up, and a filter masks reply tokens in whatever it still prints.
_AIOSMTPD_LOGGER = "mail.log"
_REPLY_TOKEN = re.compile(r"(bill\+)[^@\s'\">]+", re.I)


class _MaskReplyTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        masked = _REPLY_TOKEN.sub(r"\1***", text)
        if masked != text:
            record.msg, record.args = masked, None
        return True


def quiet_aiosmtpd_logger() -> None:
    """Set once per process, when a listener starts (nothing happens at import)."""
    logger = logging.getLogger(_AIOSMTPD_LOGGER)
    if logger.level < logging.WARNING:
        logger.setLevel(logging.WARNING)
    if not any(isinstance(f, _MaskReplyTokens) for f in logger.filters):
        logger.addFilter(_MaskReplyTokens())


class SmtpListener:
    """Listens on `host:port` in the running loop; `port=0` picks a free port."""

    name = "SMTP server"

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.requested_port = port
        self._server: asyncio.Server | None = None
        self._sessions: weakref.WeakSet[SMTP] = weakref.WeakSet()

    def new_session(self, loop: asyncio.AbstractEventLoop) -> SMTP:
        """The aiosmtpd session for one connection. Give it `hostname=`: otherwise aiosmtpd
        calls the blocking socket.getfqdn() on every connection."""
        raise NotImplementedError

    async def prepare(self) -> None:
        """Work to do before listening (e.g. create a directory)."""

    @property
    def port(self) -> int:
        """The port actually bound (differs from the requested one when that was 0)."""
        if self._server is None:
            raise RuntimeError(f"the {self.name} is not running")
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        quiet_aiosmtpd_logger()
        await self.prepare()
        loop = asyncio.get_running_loop()

        def session() -> SMTP:
            made = self.new_session(loop)
            self._sessions.add(made)
            return made

        self._server = await loop.create_server(session, self.host, self.requested_port)

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

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, traceback: TracebackType | None) -> None:
        await self.stop()
