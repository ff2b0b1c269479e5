"""Automatic billing periods where they run, on both databases: the scheduler opens the
next period from local midnight of its start day in the project's zone, closes the
previous one, mails the company's administrators through the outbox and, when asked,
sends the invites; twice, or from two workers at once, it opens nothing more. Driven with
a moved clock, through the use case, the timer of `serve` and a real arq worker on Redis."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.background import in_process_cron
from app.bootstrap import build
from app.use_cases.demo import Demo
from app.worker import make_worker
from tests.support.automatic_periods import (
    DEC_1_CHICAGO,
    SECOND_ADMIN,
    add_second_admin,
    invites_of,
    make_automatic,
    opened_mails,
    period_rows,
)
from tests.support.smtp_sinks import ScriptedSink
from tests.support.world import MovableClock, World, make_settings

SUBJECT = ("Billing period December 1, 2026 \u2013 December 31, 2026 opened for "
           "Riverside Medical Office Building")


async def test_the_period_opens_on_its_start_day_and_the_administrators_are_told(
        world: World) -> None:
    container, project_id = world.container, world.demo.project_id
    second = await add_second_admin(container)
    await make_automatic(container, world.admin, project_id)
    world.clock.now = DEC_1_CHICAGO - timedelta(seconds=1)  # still November 30 there
    assert (await container.automatic_periods.run()).opened == []
    world.clock.now = DEC_1_CHICAGO
    run = await container.automatic_periods.run()
    assert [(o.period.start_date, o.period.end_date, o.period.due_date) for o in run.opened] == [
        (date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 25))]
    november, december = await period_rows(container, project_id)
    assert (november.status, december.status) == ("closed", "open")
    mails = await opened_mails(container)
    assert sorted(m.person_id for m in mails) == sorted([world.admin.person_id,
                                                         second.person_id])
    # Again, and later the same day: nothing more.
    world.clock.advance(hours=5)
    assert (await container.automatic_periods.run()).opened == []
    assert len(await period_rows(container, project_id)) == 2
    assert len(await opened_mails(container)) == 2
    # The rival's project opens nothing of its own (its periods are opened by hand).
    assert len(await period_rows(container, world.rival.project_id)) == 1
    await container.delivery.deliver_due()
    received = {address: r.message for r in world.sink.handler.received
                for address in r.rcpt_tos}
    assert set(received) == {world.demo.admin_email, SECOND_ADMIN}
    assert {str(m["Subject"]) for m in received.values()} == {SUBJECT}
    text = received[SECOND_ADMIN].get_body(("plain",))
    assert text is not None
    assert f"/admin/projects/{project_id}/periods" in text.get_content()


async def test_two_schedulers_at_once_open_one_period(world: World) -> None:
    await make_automatic(world.container, world.admin, world.demo.project_id)
    world.clock.now = DEC_1_CHICAGO
    second = await build(world.container.settings, connect_redis=False, clock=world.clock)
    try:
        runs = await asyncio.gather(world.container.automatic_periods.run(),
                                    second.automatic_periods.run())
    finally:
        await second.aclose()
    assert sum(len(run.opened) for run in runs) == 1
    assert [p.start_date for p in await period_rows(world.container, world.demo.project_id)
            ] == [date(2026, 11, 1), date(2026, 12, 1)]
    assert len(await opened_mails(world.container)) == 1


async def test_the_invites_go_out_too_when_the_project_asks(world: World) -> None:
    await make_automatic(world.container, world.admin, world.demo.project_id,
                         send_invites=True)
    world.clock.now = DEC_1_CHICAGO
    [opened] = (await world.container.automatic_periods.run()).opened
    assert opened.period.id is not None
    invited = await invites_of(world.container, opened.period.id)
    # Every commitment with an invoice contact (SC-006 has none), in the first
    # administrator's name.
    assert len(invited) == 6
    assert {invite.invited_by_id for invite in invited} == {world.admin.person_id}
    [mail] = await opened_mails(world.container)
    assert mail.payload["send_invites"] is True


async def test_the_timer_of_serve_opens_it(world: World) -> None:
    await make_automatic(world.container, world.admin, world.demo.project_id)
    world.clock.now = DEC_1_CHICAGO + timedelta(days=3)  # after downtime: still opened
    async with in_process_cron(world.container) as timers:
        await timers["period-opening"].wait_for_runs(1)
    assert [p.status for p in await period_rows(world.container, world.demo.project_id)
            ] == ["closed", "open"]


@pytest.mark.redis
async def test_the_arq_cron_job_opens_it_and_the_worker_mails(
        db_url: str, redis_url: str, tmp_path: Path, sink: ScriptedSink) -> None:
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    clock = MovableClock(DEC_1_CHICAGO - timedelta(days=20))
    # Without Redis here, so that only the worker below runs jobs.
    container = await build(settings, connect_redis=False, clock=clock)
    try:
        demo = await Demo(container.ctx).load()
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await make_automatic(container, admin, demo.project_id)
        clock.now = DEC_1_CHICAGO + timedelta(minutes=1)
        worker = make_worker(settings, burst=True, clock=clock)
        try:
            await worker.main()  # the job runs at start-up, then on its cron minutes
        finally:
            await worker.close()
        assert worker.jobs_failed == 0
        assert [p.start_date for p in await period_rows(container, demo.project_id)] == [
            date(2026, 11, 1), date(2026, 12, 1)]
        subjects = [str(r.message["Subject"]) for r in sink.handler.received]
        assert subjects == [SUBJECT]
    finally:
        await container.aclose()
