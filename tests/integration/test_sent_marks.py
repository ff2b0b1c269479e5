"""The "sent" marks of a process's delivery runs: committed before each run sends again,
and written together when they arrive together (group commit), on both databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text

from app.use_cases.demo import Demo
from domain.commands import SendInvites
from store import tables as t
from tests.support.world import World


async def queued_rows(world: World, count: int) -> list[int]:
    demo = await Demo(world.container.ctx).load_large(count)
    await world.container.invites.send(world.admin, SendInvites(demo.billing_period_id, None))
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(
            select(t.OutboxMessage.id).where(t.OutboxMessage.kind == "email")
            .order_by(t.OutboxMessage.id))).scalars())


async def states(world: World, ids: list[int]) -> dict[int, tuple[str, Any]]:
    async with world.container.ctx.sessions() as session:
        rows = (await session.execute(select(t.OutboxMessage).where(
            t.OutboxMessage.id.in_(ids)))).scalars()
        return {row.id: (row.status, row.sent_at) for row in rows}


async def test_marks_that_arrive_together_are_one_write_each_with_its_own_time(
        world: World) -> None:
    ids = (await queued_rows(world, 4))[:4]
    marks = world.container.delivery.marks
    times = [world.clock() + timedelta(seconds=i) for i in range(4)]
    # Three runs mark at once (none waits for another), then one alone.
    await asyncio.gather(*(marks.mark(ids[i], times[i]) for i in range(3)))
    assert (marks.writes, marks.marks_written) == (1, 3)
    await marks.mark(ids[3], times[3])
    await marks.close()
    assert (marks.writes, marks.marks_written) == (2, 4)
    found = await states(world, ids)
    assert {row_id: status for row_id, (status, _) in found.items()} == dict.fromkeys(
        ids, "sent")
    assert [found[row_id][1] for row_id in ids] == times


async def break_connections(world: World) -> None:
    """The database drops the connections our process holds (a restart, a failover): on
    PostgreSQL for real; SQLite has no server, so its next statement is made to fail."""
    engine = world.container.ctx.engine
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        return
    failures = 0

    def fail_once(*_args: Any) -> None:
        nonlocal failures
        if failures == 0:
            failures += 1
            event.remove(engine.sync_engine, "before_cursor_execute", fail_once)
            raise RuntimeError("the database went away")

    event.listen(engine.sync_engine, "before_cursor_execute", fail_once)


async def test_a_failed_write_fails_every_mark_in_it_and_the_next_write_goes_through(
        world: World) -> None:
    ids = (await queued_rows(world, 4))[:4]
    marks = world.container.delivery.marks
    await marks.mark(ids[0], world.clock())  # on PostgreSQL, the connection it keeps
    await break_connections(world)
    results = await asyncio.gather(marks.mark(ids[1], world.clock()),
                                   marks.mark(ids[2], world.clock()), return_exceptions=True)
    assert all(isinstance(result, Exception) for result in results), results
    await marks.mark(ids[3], world.clock())  # a fresh connection
    await marks.close()
    found = await states(world, ids)
    assert [found[row_id][0] for row_id in ids] == ["sent", "pending", "pending", "sent"]


async def test_a_run_cancelled_while_its_mark_is_written_still_has_it_written(
        world: World) -> None:
    [row_id] = (await queued_rows(world, 1))[:1]
    marks = world.container.delivery.marks
    waiting = asyncio.create_task(marks.mark(row_id, world.clock()))
    await asyncio.sleep(0)  # the run is now waiting for the write
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await marks.close()  # waits for the write under way
    assert (await states(world, [row_id]))[row_id][0] == "sent"
