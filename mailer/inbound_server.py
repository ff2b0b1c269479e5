"""The SMTP front door: an aiosmtpd server in the caller's event loop that accepts mail
only for our reply, bounce and postmaster addresses, stores it, and only then says 250.

It never relays. The application passes in what it decides (`InboundPorts`): whether a
recipient exists, and how to store a message and queue its processing; this adapter knows
neither the database nor the use cases.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, AnyStr

from aiosmtpd.smtp import SMTP, Envelope, Session

from mailer.inbound_parsing import Recipient, our_recipient
from mailer.smtp_listener import SmtpListener

log = logging.getLogger("itb.inbound")
SERVER_HOSTNAME = "itb-inbound"
# aiosmtpd's own size refusals, given their enhanced status code (RFC 3463: 5.3.4).
_SIZE_REFUSALS = {
    "552 Error: Too much mail data": "552 5.3.4 Message too big",
    "552 Error: message size exceeds fixed maximum message size": "552 5.3.4 Message too big",
}


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the envelope delivered it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    peer: str


@dataclass(frozen=True)
class InboundPorts:
    """What the application provides. `exists` says whether a recipient is live (an
    unknown or revoked reply token is not); `store` keeps the message and queues its
    processing, raising when it could not."""

    domain: str
    exists: Callable[[Recipient], Awaitable[bool]]
    store: Callable[[ReceivedMail], Awaitable[None]]


class SenderRateLimit:
    """At most `limit` messages per sender per `window` seconds, in this process."""

    def __init__(self, limit: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._seen: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, sender: str) -> bool:
        now = self.clock()
        seen = self._seen[sender]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        return True


class ClientLimits:
    """Per connecting client address: at most `messages` per `window` seconds (one host can
    send under any number of sender addresses, so the per-sender limit alone does not hold
    it back), and at most `connections` open at once."""

    def __init__(self, messages: int, window: float, connections: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.messages = SenderRateLimit(messages, window, clock)
        self.connections = connections
        self._open: Counter[str] = Counter()

    def connect(self, client: str) -> bool:
        if self._open[client] >= self.connections:
            return False
        self._open[client] += 1
        return True

    def disconnect(self, client: str) -> None:
        self._open[client] -= 1
        if self._open[client] <= 0:
            del self._open[client]


class InboundHandler:
    """aiosmtpd hooks: RCPT decides what we accept, DATA stores it."""

    def __init__(self, ports: InboundPorts, rate_limit: SenderRateLimit,
                 client_limits: ClientLimits) -> None:
        self.ports = ports
        self.rate_limit = rate_limit
        self.client_limits = client_limits

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        if not self.client_limits.messages.allow(_peer(session)):
            return "451 4.7.1 Too many messages from your address, try again later"
        # Bounces come from the null sender: count those per connecting host instead.
        key = address.lower() or f"<>@{_peer(session)}"
        if not self.rate_limit.allow(key):
            return "451 4.7.1 Too many messages from this sender, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        recipient = our_recipient(address, self.ports.domain)
        if recipient is None:
            return "550 5.1.1 No such user here (this server does not relay)"
        try:
            exists = await self.ports.exists(recipient)
        except Exception:
            log.exception("recipient lookup failed")
            return "451 4.3.0 Temporary failure, try again later"
        if not exists:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        mail = ReceivedMail(mail_from=envelope.mail_from or "",
                            rcpt_tos=tuple(envelope.rcpt_tos),
                            raw=envelope.original_content or b"", peer=_peer(session))
        try:
            await self.ports.store(mail)
        except Exception:  # the sender keeps the message and retries: nothing is lost
            log.exception("storing a received message failed")
            return "451 4.3.0 Temporary failure, try again later"
        return "250 2.0.0 OK: queued"


class InboundSMTP(SMTP):
    """aiosmtpd's server, with enhanced status codes on its size refusals, and a client
    address over its connection limit told to come back later (RFC 5321 section 3.8:
    421 and close)."""

    def __init__(self, handler: InboundHandler, **options: Any) -> None:
        super().__init__(handler, **options)
        self.client_limits = handler.client_limits
        self._counted: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        client = _peer(self.session) if self.session is not None else ""
        if self.client_limits.connect(client):
            self._counted = client
            return
        if self._handler_coroutine is not None:
            self._handler_coroutine.cancel()  # no greeting: the refusal is the answer
        assert isinstance(transport, asyncio.WriteTransport)
        transport.write(b"421 4.7.1 Too many connections from your address, "
                        b"try again later\r\n")
        transport.close()

    def connection_lost(self, error: Exception | None) -> None:
        if self._counted is not None:
            self.client_limits.disconnect(self._counted)
            self._counted = None
        super().connection_lost(error)

    async def push(self, status: AnyStr) -> None:
        if isinstance(status, str):
            status = _SIZE_REFUSALS.get(status, status)
        await super().push(status)


def _peer(session: Session) -> str:
    peer = session.peer
    return str(peer[0]) if isinstance(peer, tuple) else str(peer or "")


class InboundServer(SmtpListener):
    """Listens in the running loop; `port=0` picks a free port."""

    name = "inbound SMTP server"

    def __init__(self, ports: InboundPorts, host: str, port: int, *, max_bytes: int,
                 rate_limit: SenderRateLimit, client_limits: ClientLimits | None = None
                 ) -> None:
        super().__init__(host, port)
        self.handler = InboundHandler(ports, rate_limit, client_limits or ClientLimits(
            rate_limit.limit * 2, rate_limit.window, 5))
        self.max_bytes = max_bytes

    def new_session(self, loop: asyncio.AbstractEventLoop) -> SMTP:
        return InboundSMTP(self.handler, hostname=SERVER_HOSTNAME, loop=loop,
                           data_size_limit=self.max_bytes, decode_data=False,
                           ident="invite-to-bill")
