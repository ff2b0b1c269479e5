"""A real aiosmtpd server for tests, scripted to answer as relays do (4xx, 5xx, 250)."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections import deque
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class ScriptedHandler:
    """Answers DATA with the queued replies first, then 250; RCPT per address."""

    data_replies: deque[str] = field(default_factory=deque)
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    # Hold DATA replies once this many messages arrived, until `gate` opens: the message is
    # then "in flight" (received by the relay, not yet acknowledged), as when a worker dies.
    hold_after: int | None = None
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    holding: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle_EHLO(self, server: SMTP, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_replies:
            return self.data_replies.popleft()
        if self.hold_after is not None and len(self.received) >= self.hold_after:
            self.holding.set()
            await self.gate.wait()
        message = email.message_from_bytes(envelope.original_content or b"",
                                           policy=email.policy.default)
        async with self.arrived:
            self.received.append(Received(envelope.mail_from or "", list(envelope.rcpt_tos),
                                          message))  # type: ignore[arg-type]
            self.arrived.notify_all()
        return "250 2.0.0 Ok"

    async def wait_for(self, count: int) -> None:
        async with asyncio.timeout(10), self.arrived:
            await self.arrived.wait_for(lambda: len(self.received) >= count)


class ScriptedSink:
    def __init__(self, handler: ScriptedHandler | None = None) -> None:
        self.handler = handler or ScriptedHandler()
        self.server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.sockets[0].getsockname()[1])

    async def start(self) -> ScriptedSink:
        loop = asyncio.get_running_loop()

        def session() -> SMTP:
            self.handler.connections += 1
            return SMTP(self.handler, hostname="test-sink")

        self.server = await loop.create_server(session, "127.0.0.1", 0)
        return self

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
