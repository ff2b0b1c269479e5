"""Recording that the relay accepted a message, before its connection sends the next one."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store import outbox


class SentMarks:
    """Each "sent" mark is committed before the connection that sent the message sends
    again, so a crash re-sends at most the message in flight on each connection.

    Group commit: the marks of a process's connections that arrive while one write is
    under way go together in the next write (one statement and commit for several
    messages); each `mark` returns once the write holding it is committed. A write goes
    over one autocommit connection kept until `close` (PostgreSQL), or in a transaction of
    its own (SQLite, whose single connection the web and the claims need between marks).
    """

    def __init__(self, engine: AsyncEngine, autocommit: AsyncEngine, keep: bool) -> None:
        self.engine = engine
        self.autocommit = autocommit
        self.keep = keep
        self._connection: AsyncConnection | None = None
        self._waiting: list[tuple[int, datetime, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        # Committed so far, for the profile and the tests: marks, and the writes they took.
        self.marks_written = 0
        self.writes = 0

    async def mark(self, outbox_id: int, now: datetime) -> None:
        written = asyncio.get_running_loop().create_future()
        self._waiting.append((outbox_id, now, written))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting(), name="itb-sent-marks")
        # Shielded: a caller cancelled while waiting (shutdown) leaves its mark to be
        # written anyway; the writer task outlives it and `close` waits for it.
        await asyncio.shield(written)

    async def close(self) -> None:
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()

    async def _write_waiting(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                await self._write({outbox_id: now for outbox_id, now, _ in group})
            except Exception as exc:  # every waiter of the group gets the error
                for _, _, written in group:
                    if not written.done():
                        written.set_exception(exc)
                        written.exception()  # retrieved: a cancelled waiter's is not logged
            else:
                self.marks_written += len(group)
                self.writes += 1
                for _, _, written in group:
                    if not written.done():
                        written.set_result(None)

    async def _write(self, sent: dict[int, datetime]) -> None:
        if not self.keep:
            async with self.engine.begin() as connection:
                await outbox.mark_sent_many(connection, sent)
            return
        if self._connection is None:
            self._connection = await self.autocommit.connect()
        try:
            await outbox.mark_sent_many(self._connection, sent)
        except Exception:
            connection, self._connection = self._connection, None
            await connection.close()  # a broken connection: the next write takes a fresh one
            raise
