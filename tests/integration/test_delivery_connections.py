"""`serve` delivers over two SMTP connections at once; a run on PostgreSQL keeps one
connection for its "sent" marks. Each row still goes exactly once, and is marked sent."""

from __future__ import annotations

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

