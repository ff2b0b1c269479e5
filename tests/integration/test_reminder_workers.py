"""The scan where it runs: two workers at once, the arq cron job on Redis, the timer of
`serve`; and the query plan that keeps its cost to the invites that are due."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql

from app.bootstrap import build
from app.timers import Every
from app.use_cases.demo import Demo
from app.worker import make_worker
from domain.commands import SendInvites
from store.bulk import add_invite_history
from store.reminders import claim_statement
from tests.support.query_plans import explain, scans_whole_table
from tests.support.reminding import (
    NOV_22_8AM,
    due_right_now,
    invite_log,
    reminder_mails,
    send_all,
)
from tests.support.smtp_sinks import ScriptedSink
from tests.support.world import World, make_settings


async def test_two_scans_at_once_never_write_a_reminder_twice(world: World) -> None:
    demo = await Demo(world.container.ctx).load_large(240)
    await world.container.invites.send(world.admin, SendInvites(demo.billing_period_id, None))
    world.clock.now = NOV_22_8AM
    # A second worker: its own engine and connections, the same database.
    second = await build(world.container.settings, connect_redis=False, clock=world.clock)
    try:
        runs = await asyncio.gather(world.container.reminders.scan(chunk=20),
                                    second.reminders.scan(chunk=20))
    finally:
        await second.aclose()
    assert sum(run.queued for run in runs) == 240
    assert sum(run.invites_seen for run in runs) == 240  # each invite decided once
    keys = Counter(mail.idempotency_key for mail in await reminder_mails(world))
    assert len(keys) == 240 and max(keys.values()) == 1
    assert len(await invite_log(world, "reminded")) == 240


async def test_the_claim_reads_invites_through_the_next_reminder_index(world: World) -> None:
    """The plan, shown on both databases: an index range scan on next_reminder_at, not a
    scan of the invite table (20,000 invites of earlier periods, half of them scheduled
    later, and 300 due)."""
    demo = await Demo(world.container.ctx).load_large(300)
    async with world.container.ctx.sessions.begin() as session:
        history = await add_invite_history(session, demo.project_id, demo.commitment_ids,
                                           periods=67, now=NOV_22_8AM)
    assert history == 20_100
    await world.container.invites.send(world.admin, SendInvites(demo.billing_period_id, None))
    engine = world.container.ctx.engine
    plan = await explain(engine, claim_statement(NOV_22_8AM, 500, engine.dialect.name),
                         analyze="invite")
    assert "ix_invite_next_reminder_at" in plan
    assert not scans_whole_table(plan, "invite", engine.dialect.name)
    world.clock.now = NOV_22_8AM
    run = await world.container.reminders.scan()
    assert run.invites_seen == 300 and run.queued == 300


def test_the_claim_locks_only_what_it_takes_on_postgresql() -> None:
    claim = str(claim_statement(NOV_22_8AM, 500, "postgresql").compile(
        dialect=postgresql.dialect()))
    assert "FOR UPDATE SKIP LOCKED" in claim and "LIMIT" in claim


async def test_the_serve_timer_scans_at_once_and_then_periodically(world: World) -> None:
    await send_all(world)
    world.clock.now = NOV_22_8AM
    async with Every(3600, world.container.reminders.scan, "reminder-scan") as timer:
        await timer.wait_for_runs(1)
    assert len(await reminder_mails(world)) == 10


@pytest.mark.redis
async def test_the_arq_cron_job_scans_and_the_worker_delivers(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink) -> None:
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    # Without Redis here, so that only the worker below enqueues jobs.
    container = await build(settings, connect_redis=False)
    try:
        demo = await Demo(container.ctx).load()
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        await container.delivery.deliver_due()
        await due_right_now(container, admin, demo.billing_period_id)
        worker = make_worker(settings, burst=True)
        try:
            await worker.main()  # the scan runs at start-up, then on its cron minutes
        finally:
            await worker.close()
        assert worker.jobs_failed == 0
        reminders = [r for r in sink.handler.received
                     if str(r.message["Subject"]).startswith("Reminder:")]
        assert len(reminders) == 10
        assert {r.message["Auto-Submitted"] for r in reminders} == {"auto-generated"}
    finally:
        await container.aclose()
