"""Outbox delivery under concurrency and crashes, and through a real arq worker on Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from asyncio.subprocess import Process
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import Container, build
from app.settings import Settings
from app.use_cases.demo import Demo
from app.worker import make_worker
from domain.commands import SendInvites
from store import outbox
from store import tables as t
from store.outbox import LEASE
from tests.support.smtp_sinks import ScriptedSink
from tests.support.world import MovableClock, World, make_settings


async def large_batch(world: World, commitments: int) -> int:
    demo = await Demo(world.container.ctx).load_large(commitments)
    result = await world.container.invites.send(world.admin,
                                                SendInvites(demo.billing_period_id, None))
    assert result.messages == commitments
    return result.messages


def message_ids(sink: ScriptedSink) -> Counter[str]:
    return Counter(str(r.message["Message-ID"]) for r in sink.handler.received)


async def invite_message_ids(container: Container) -> set[str]:
    """The Message-IDs of the batch's invite mails. A worker process runs the reminder
    scan on the real clock as it starts, so other mail may reach the sink too: the tests
    follow exactly these."""
    async with container.ctx.sessions() as session:
        return set((await session.execute(select(t.OutboxMessage.message_id).where(
            t.OutboxMessage.template == "invite"))).scalars())


def arrivals(sink: ScriptedSink, ids: set[str]) -> Counter[str]:
    """How often each of `ids` reached the sink."""
    return Counter(found for found in message_ids(sink).elements() if found in ids)


async def test_two_workers_draining_at_once_never_send_a_row_twice(
        world: World, tmp_path: Path) -> None:
    expected = await large_batch(world, 120)
    # A second worker: its own engine and connections, the same database and relay.
    second = await build(world.container.settings, connect_redis=False, clock=world.clock)
    try:
        reports = await asyncio.gather(world.container.delivery.deliver_due(batch_size=10),
                                       second.delivery.deliver_due(batch_size=10))
    finally:
        await second.aclose()
    counts = message_ids(world.sink)
    assert sum(r.sent for r in reports) == expected
    assert len(counts) == expected and max(counts.values()) == 1


@pytest.mark.redis
async def test_a_worker_process_killed_mid_batch_loses_nothing(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink,
        clock: MovableClock) -> None:
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    container = await build(settings, clock=clock)
    try:
        demo = await Demo(container.ctx).load_large(30)
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        invites = await invite_message_ids(container)
        assert len(invites) == 30
        sink.handler.hold_after = 5
        worker = await start_worker_process(settings, sink.port)
        try:
            async with asyncio.timeout(60):
                await sink.handler.holding.wait()  # 5 delivered, the next held in flight
        finally:
            worker.kill()  # SIGKILL: no clean-up, its claimed rows stay leased
            await worker.wait()
        sink.handler.gate.set()  # the relay accepts what was in flight after all
        assert len(arrivals(sink, invites)) < len(invites)

        clock.now = datetime.now(UTC) + LEASE + timedelta(seconds=1)  # the lease ran out
        report = await container.delivery.deliver_due()
        assert report.failed == 0 and report.retried == 0
        counts = arrivals(sink, invites)
        assert set(counts) == invites  # nothing lost
        # At most the messages in flight went twice: one per SMTP connection of the killed
        # worker (it runs up to ITB_WORKER_JOBS deliveries at once).
        assert sum(counts.values()) - len(invites) <= settings.worker_jobs
    finally:
        await container.aclose()


@contextlib.asynccontextmanager
async def worker_holding_a_batch(settings: Settings, clock: MovableClock, sink: ScriptedSink
                                 ) -> AsyncIterator[tuple[Container, set[str], Process]]:
    """Thirty invites queued, a real worker process delivering them, and the sink holding
    the messages past the fifth: some in flight, the rest leased. Yields the container,
    the invites' Message-IDs and the worker; the worker is killed if it still runs."""
    container = await build(settings, clock=clock)
    try:
        demo = await Demo(container.ctx).load_large(30)
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        invites = await invite_message_ids(container)
        sink.handler.hold_after = 5
        worker = await start_worker_process(settings, sink.port)
        try:
            async with asyncio.timeout(60):
                await sink.handler.holding.wait()
            yield container, invites, worker
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
    finally:
        await container.aclose()


@pytest.mark.redis
async def test_a_killed_workers_mail_goes_out_within_half_a_minute(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink,
        clock: MovableClock) -> None:
    """Measured on the wall clock, with real worker processes: the rows the killed worker
    had claimed wait out their lease (no longer renewed), then the next sweep of a second
    worker sends them."""
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    async with worker_holding_a_batch(settings, clock, sink) as (_, invites, first):
        first.kill()
        await first.wait()
        killed_at = time.monotonic()
        sink.handler.hold_after = None
        sink.handler.gate.set()
        second = await start_worker_process(settings, sink.port)
        try:
            async with asyncio.timeout(90), sink.handler.arrived:
                await sink.handler.arrived.wait_for(
                    lambda: set(arrivals(sink, invites)) == invites)
            recovery = time.monotonic() - killed_at
        finally:
            second.kill()
            await second.wait()
    print(f"\nrecovery after SIGKILL: {recovery:.1f} s (lease {LEASE.seconds} s)")
    # The lease, then at most one sweep interval (15 s), and the process's start.
    assert recovery < LEASE.total_seconds() + 15 + 10
    # At most those in flight went twice, one per connection of the killed worker.
    assert sum(arrivals(sink, invites).values()) - len(invites) <= settings.worker_jobs


@pytest.mark.redis
async def test_a_worker_stopped_by_sigterm_finishes_the_messages_in_flight(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink,
        clock: MovableClock) -> None:
    """A deploy sends SIGTERM: the worker takes no new rows, the messages the relay is
    taking are finished and marked sent (so none goes twice), it exits with 0, and the
    rows it had not sent stay pending for the next worker."""
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    async with worker_holding_a_batch(settings, clock, sink) as (container, invites, worker):
        worker.send_signal(signal.SIGTERM)
        sink.handler.gate.set()  # the relay answers what it was taking
        async with asyncio.timeout(30):
            assert await worker.wait() == 0
        arrived = arrivals(sink, invites)
        async with container.ctx.sessions() as session:
            statuses = Counter(dict((await session.execute(
                select(t.OutboxMessage.status, func.count())
                .where(t.OutboxMessage.message_id.in_(invites))
                .group_by(t.OutboxMessage.status))).all()))
    assert max(arrived.values()) == 1
    # Every message the relay took is marked sent: the next worker sends none again.
    assert statuses["sent"] == len(arrived) > 5
    assert statuses["pending"] == len(invites) - len(arrived) > 0


async def test_a_held_lease_is_renewed_and_a_lost_one_is_not(world: World) -> None:
    """The heartbeat's statement: it extends the rows this worker holds, and not a row
    another worker claimed since (the claim count fences it) or one already finished."""
    await large_batch(world, 3)
    async with world.container.ctx.engine.begin() as connection:
        held = await outbox.claim_due(connection, "email", world.clock(), 3)
    kept, lost, finished = held
    world.clock.advance(seconds=LEASE.total_seconds() - 1)
    async with world.container.ctx.engine.begin() as connection:
        await outbox.mark_sent(connection, finished["id"], world.clock())
        await outbox.renew_leases(connection, {kept["id"]: kept["attempts"],
                                               finished["id"]: finished["attempts"]},
                                  world.clock())
    world.clock.advance(seconds=2)  # the first lease ran out; the renewed one did not
    async with world.container.ctx.engine.begin() as connection:
        [taken] = await outbox.claim_due(connection, "email", world.clock(), 3)
        assert taken["id"] == lost["id"] and taken["attempts"] == lost["attempts"] + 1
        # The worker that lost it renews with its old claim: nothing changes.
        await outbox.renew_leases(connection, {lost["id"]: lost["attempts"]},
                                  world.clock() + timedelta(hours=1))
    async with world.container.ctx.sessions() as session:
        rows = {row.id: row for row in (await session.execute(
            select(t.OutboxMessage).where(t.OutboxMessage.id.in_(
                [row["id"] for row in held])))).scalars()}
    assert rows[kept["id"]].lease_until > world.clock()
    assert rows[lost["id"]].lease_until == taken["lease_until"]
    assert rows[finished["id"]].status == "sent" and rows[finished["id"]].lease_until is None


async def start_worker_process(settings: Settings, sink_port: int) -> Process:
    """The real `invite-to-bill worker`, configured through its environment."""
    env = {**os.environ, "ITB_DATABASE_URL": settings.database_url,
           "ITB_REDIS_URL": str(settings.redis_url), "ITB_ENV": "test",
           "ITB_SECRET_KEYS": ",".join(settings.secret_keys),
           "ITB_SMTP_URL": f"smtp://127.0.0.1:{sink_port}", "ITB_VAR_DIR": str(settings.var_dir),
           "ITB_BASE_URL": settings.base_url}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", "worker", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


@pytest.mark.redis
async def test_the_arq_worker_delivers_what_a_batch_queued(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink,
        clock: MovableClock) -> None:
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    container = await build(settings, clock=clock)  # with Redis: jobs go through arq
    try:
        demo = await Demo(container.ctx).load()
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        result = await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        assert await container.redis.zcard("arq:queue") >= 1  # the wake-up job is queued
        worker = make_worker(settings, burst=True, clock=clock)
        try:
            await worker.main()
        finally:
            await worker.close()
        assert worker.jobs_failed == 0
        assert len(sink.handler.received) == result.messages == 10
        progress = await container.invites.batch(admin, result.batch_id)
        assert progress.done and progress.sent == 10
    finally:
        await container.aclose()
