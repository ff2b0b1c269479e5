"""An aiosmtpd sink with a provider's sending quota: DATA beyond `per_second` messages in
any one second (by the sink's own clock) is answered 454 4.7.0, as a throttling relay does."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field

from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class RateCappedHandler:
    per_second: int
    accepted: list[float] = field(default_factory=list)
    refused: list[float] = field(default_factory=list)
    _recent: deque[float] = field(default_factory=deque)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        now = time.monotonic()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.per_second:
            self.refused.append(now)
            return "454 4.7.0 Throttling failure: maximum sending rate exceeded"
        self._recent.append(now)
        self.accepted.append(now)
        return "250 2.0.0 Ok"


async def start_rate_capped_sink(handler: RateCappedHandler) -> tuple[asyncio.Server, int]:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="capped-sink"),
                                      "127.0.0.1", 0)
    return server, int(server.sockets[0].getsockname()[1])
