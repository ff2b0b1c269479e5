"""Outbox delivery under concurrency and crashes, and through a real arq worker on Redis."""

from __future__ import annotations

import asyncio
import os
import sys
from asyncio.subprocess import Process
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import build
from app.settings import Settings
from app.use_cases.demo import Demo
from app.worker import make_worker
from domain.commands import SendInvites
from store.outbox import LEASE
from tests.conftest import MovableClock, World, make_settings
from tests.smtp_sinks import ScriptedSink


async def large_batch(world: World, commitments: int) -> int:
    demo = await Demo(world.container.ctx).load_large(commitments)
    result = await world.container.invites.send(world.admin,
                                                SendInvites(demo.billing_period_id, None))
    assert result.messages == commitments
    return result.messages


def message_ids(sink: ScriptedSink) -> Counter[str]:
    return Counter(str(r.message["Message-ID"]) for r in sink.handler.received)


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
        admin = await container.admins.admin_for_api_token(demo.api_token)
        assert admin is not None
        result = await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        expected = result.messages
        sink.handler.hold_after = 5
        worker = await start_worker_process(settings, sink.port)
        try:
            async with asyncio.timeout(60):
                await sink.handler.holding.wait()  # 5 delivered, the 6th in flight
        finally:
            worker.kill()  # SIGKILL: no clean-up, its claimed rows stay leased
            await worker.wait()
        sink.handler.gate.set()  # the relay accepts the message in flight after all
        assert len(sink.handler.received) < expected

        clock.now = datetime.now(UTC) + LEASE + timedelta(seconds=1)  # the lease ran out
        report = await container.delivery.deliver_due()
        assert report.failed == 0 and report.retried == 0
        counts = message_ids(sink)
        assert len(counts) == expected  # nothing lost
        assert sum(counts.values()) - expected <= 1  # at most the one in flight, twice
    finally:
        await container.aclose()


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
        admin = await container.admins.admin_for_api_token(demo.api_token)
        assert admin is not None
        result = await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        assert await container.redis.zcard("arq:queue") >= 1  # the wake-up job is queued
        worker = make_worker(settings, burst=True)
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
