"""A process delivers over several SMTP connections at once (`serve`'s runs, a worker's
jobs), and the runs that start together share even a small batch. Each row still goes
exactly once, and is marked sent."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import func, select

from app.use_cases.demo import Demo
from domain.commands import SendInvites
from store import tables as t
from tests.support.world import World


async def test_two_connections_in_one_process_send_every_row_once(world: World) -> None:
    demo = await Demo(world.container.ctx).load_large(60)
    result = await world.container.invites.send(world.admin,
                                                SendInvites(demo.billing_period_id, None))
    connections_before = world.sink.handler.connections
    report = await world.container.delivery.deliver_due_over(2)
    counts = Counter(str(r.message["Message-ID"]) for r in world.sink.handler.received)
    assert report.sent == result.messages == len(counts) >= 60
    assert max(counts.values()) == 1
    assert world.sink.handler.connections - connections_before == 2
    async with world.container.ctx.sessions() as session:
        pending = await session.scalar(select(func.count()).select_from(t.OutboxMessage)
                                       .where(t.OutboxMessage.kind == "email",
                                              t.OutboxMessage.status != "sent"))
    assert pending == 0



async def test_a_small_batch_is_shared_by_the_runs_that_start_together(world: World) -> None:
    """Forty invites and eight runs (ITB_DELIVERY_CONCURRENCY): each run claims five rows
    first, so the batch goes out over several connections at once, not over one."""
    demo = await Demo(world.container.ctx).load_large(40)
    result = await world.container.invites.send(world.admin,
                                                SendInvites(demo.billing_period_id, None))
    reports = await asyncio.gather(*(world.container.delivery.deliver_due()
                                     for _ in range(8)))
    assert sum(report.sent for report in reports) == result.messages == 40
    runs_that_sent = [report.sent for report in reports if report.sent]
    assert len(runs_that_sent) >= 4, runs_that_sent  # one run took all forty before
    counts = Counter(str(r.message["Message-ID"]) for r in world.sink.handler.received)
    assert len(counts) == 40 and max(counts.values()) == 1


async def test_a_stopping_process_ends_its_runs_after_the_messages_in_flight(
        world: World) -> None:
    """`serve` stopping (SIGTERM) asks delivery to stop instead of cancelling it: the
    messages the relay is taking are finished and marked sent, nothing goes twice, and the
    rows not yet sent stay pending for the next process."""
    demo = await Demo(world.container.ctx).load_large(60)
    result = await world.container.invites.send(world.admin,
                                                SendInvites(demo.billing_period_id, None))
    assert world.sink.handler.received == []
    world.sink.handler.hold_after = 6
    delivering = asyncio.create_task(world.container.delivery.deliver_due_over(2))
    async with asyncio.timeout(10):
        await world.sink.handler.holding.wait()
    world.container.delivery.stop()
    world.sink.handler.gate.set()
    async with asyncio.timeout(10):
        report = await delivering
    counts = Counter(str(r.message["Message-ID"]) for r in world.sink.handler.received)
    assert 6 < report.sent == len(counts) <= 8  # at most one in flight per connection
    assert max(counts.values()) == 1
    async with world.container.ctx.sessions() as session:
        statuses = dict((await session.execute(
            select(t.OutboxMessage.status, func.count()).where(t.OutboxMessage.kind == "email")
            .group_by(t.OutboxMessage.status))).all())
    assert statuses["sent"] == report.sent
    assert statuses["pending"] == result.messages - report.sent
