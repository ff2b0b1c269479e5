"""An SMTP sink in its own process for benchmarks: counts messages, reports when done.

Usage: python bench/sink.py TARGET. Prints `READY <port>`, then `DONE <unix time>` when
TARGET messages have arrived (and keeps counting, printing `COUNT n` on each new target
read from stdin as a number).
"""

from __future__ import annotations

import asyncio
import sys
import time

from aiosmtpd.smtp import SMTP, Envelope, Session


class CountingHandler:
    def __init__(self, target: int) -> None:
        self.target = target
        self.count = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.count += 1
        if self.count == self.target:
            print(f"DONE {time.time():.6f}", flush=True)
        return "250 OK"


async def main() -> None:
    handler = CountingHandler(int(sys.argv[1]))
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
