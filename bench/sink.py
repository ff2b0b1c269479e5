"""An SMTP sink in its own process for benchmarks: counts messages, reports when done.

Usage: python bench/sink.py TARGET [ACCEPT_MS]. ACCEPT_MS (default 0) is how long it takes
to accept each message, as a relay across a network does. Prints `READY <port>`, then
`DONE <unix time>` when TARGET messages have arrived (and keeps counting, printing
`COUNT n` on each new target read from stdin as a number).
"""

from __future__ import annotations

import asyncio
import sys
import time

from aiosmtpd.smtp import SMTP, Envelope, Session


class CountingHandler:
    def __init__(self, target: int, accept_seconds: float = 0) -> None:
        self.target = target
        self.count = 0
        self.accept_seconds = accept_seconds

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.accept_seconds:
            await asyncio.sleep(self.accept_seconds)  # the relay's own work and distance
        self.count += 1
        if self.count == self.target:
            print(f"DONE {time.time():.6f}", flush=True)
        return "250 OK"


async def main() -> None:
    accept_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    handler = CountingHandler(int(sys.argv[1]), accept_ms / 1000)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="bench-sink"),
                                      "127.0.0.1", 0)
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():  # a new target resets the count (next run)
        handler.count, handler.target = 0, int(line)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
