"""Reminders as an operator runs them: `invite-to-bill remind` and the timer of `serve`, as
real processes on a real database, mail going to a real SMTP sink."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import build
from app.use_cases.demo import ZONE, current_period
from domain.model import ReminderPolicy
from domain.periods import local_date
from domain.reminders import reminder_schedule
from tests.support.processes import free_port, run
from tests.support.reminding import due_right_now
from tests.support.smtp_sinks import ScriptedSink
from tests.support.world import TEST_KEY, make_settings


@pytest.fixture
def env(tmp_path: Path, empty_db_url: str, sink: ScriptedSink) -> dict[str, str]:
    values = {key: value for key, value in os.environ.items() if not key.startswith("ITB_")}
    values.update(ITB_DATABASE_URL=empty_db_url, ITB_SECRET_KEYS=TEST_KEY, ITB_ENV="test",
                  ITB_VAR_DIR=str(tmp_path / "var"), ITB_LOG_LEVEL="WARNING",
                  ITB_SMTP_URL=f"smtp://127.0.0.1:{sink.port}")
    return values


async def invited_demo(env: dict[str, str], sink: ScriptedSink) -> dict[str, object]:
    """Migrated, the demo loaded, and its ten invites delivered."""
    assert (await run(env, "migrate"))[0] == 0
    code, out, err = await run(env, "demo", "--json")
    assert code == 0, err
    demo: dict[str, object] = json.loads(out)
    code, _, err = await run(env, "send-invites", "--period", str(demo["billing_period_id"]),
                             "--all")
    assert code == 0, err
    assert len(sink.handler.received) == 10
    return demo


def first_reminder(invited_at: datetime) -> datetime:
    """When the demo's first reminder is due for invites sent at `invited_at`."""
    due = current_period(local_date(invited_at, ZONE)).due_date
    return reminder_schedule(ReminderPolicy(), ZONE, due, invited_at=invited_at)[0].at


async def test_remind_reports_writes_once_and_a_dry_run_writes_nothing(
        env: dict[str, str], sink: ScriptedSink) -> None:
    await invited_demo(env, sink)
    on = (first_reminder(datetime.now(UTC)) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")

    code, out, err = await run(env, "remind", "--on", on, "--dry-run")
    assert code == 0, err
    assert "would queue 10 in 1 project(s) (dry run: nothing written)." in out
    assert "Riverside Medical Office Building (RMOB-2026): 10 reminder(s) to 6 commitment(s)" \
        in out
    assert "  SC-003 Electrical: priya@brightwire.example, tom@brightwire.example, " \
           "angela@brightwire.example" in out
    code, again, _ = await run(env, "remind", "--on", on, "--dry-run")
    assert again == out and len(sink.handler.received) == 10

    code, out, err = await run(env, "remind", "--on", on)
    assert code == 0, err
    assert "queued 10 in 1 project(s)." in out and "delivered 10 mail(s)" in out
    reminders = sink.handler.received[10:]
    assert len(reminders) == 10
    assert {r.message["Auto-Submitted"] for r in reminders} == {"auto-generated"}

    code, out, err = await run(env, "remind", "--on", f"{on}+00:00")
    assert code == 0, err
    assert out.startswith("No reminders due as of ")
    assert len(sink.handler.received) == 20

    code, _, err = await run(env, "remind", "--on", "next tuesday")
    assert code == 2 and "is not a moment like 2026-11-22T08:00" in err


async def test_serve_runs_the_scan_on_its_timer_and_delivers(
        env: dict[str, str], sink: ScriptedSink, empty_db_url: str, tmp_path: Path) -> None:
    demo = await invited_demo(env, sink)
    container = await build(make_settings(tmp_path, empty_db_url), connect_redis=False)
    try:
        admin = await container.access.admin_for_api_token(str(demo["api_token"]))
        assert admin is not None
        await due_right_now(container, admin, int(str(demo["billing_period_id"])))
    finally:
        await container.aclose()
    port = free_port()
    env.update(ITB_HTTP_PORT=str(port), ITB_BASE_URL=f"http://127.0.0.1:{port}",
               ITB_INBOUND_PORT=str(free_port()))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", "serve", env=env, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        # The process starts and scans first: 60 s, not the 10 s of handler.wait_for (on a
        # loaded machine, or beside other pytest-xdist workers, the start alone takes more).
        async with asyncio.timeout(60), sink.handler.arrived:
            await sink.handler.arrived.wait_for(lambda: len(sink.handler.received) >= 20)
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0
    subjects = {str(r.message["Subject"]).split(":")[0] for r in sink.handler.received[10:]}
    assert subjects == {"Reminder"}
