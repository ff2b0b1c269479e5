"""Benchmark: the reminder scan with 1,000 reminders due among 10,000, 100,000 and 1,000,000
invites on PostgreSQL, in one run.

One project with 1,000 commitments (one contact each) is invited for the current period:
those 1,000 invites are due. Its history grows between measurements: closed one-day
periods inviting every commitment, half of those invites scheduled for later (as invites
of other open periods are) and half with no reminder left. The scan itself is timed
(claim, decide, write 1,000 outbox rows, events and next instants, commit); sending is the
outbox's job. As a reference, the same run times one sequential read of the invite table,
what a scan without the index would at least cost.

    python bench/reminders.py            # BENCH_SIZES=10000,100000 for less
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import create_pg_database, drop_pg_database

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
DUE = 1000
REPEATS = 5
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
RESULTS = Path(__file__).parent / "results"
INVITED_AT = datetime(2026, 11, 10, 15, tzinfo=UTC)
SCAN_AT = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)  # 08:05 in Chicago, 3 days before the 25th


async def main() -> int:
    from sqlalchemy import text

    from app.bootstrap import build
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from domain.commands import SendInvites
    from store.bulk import add_invite_history
    from store.migrate import upgrade_to_head

    RESULTS.mkdir(exist_ok=True)
    url = await create_pg_database()
    clock = {"now": INVITED_AT}
    try:
        with tempfile.TemporaryDirectory(prefix="itb-bench-") as var_dir:
            settings = Settings(_env_file=None, env="test", database_url=url,  # type: ignore[call-arg]
                                secret_keys=[SECRET], var_dir=Path(var_dir))
            container = await build(settings, connect_redis=False, clock=lambda: clock["now"])
            try:
                await upgrade_to_head(container.ctx.engine)
                demo = await Demo(container.ctx).load_large(DUE)
                admin = await container.access.admin_for_api_token(demo.api_token)
                assert admin is not None
                await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
                clock["now"] = SCAN_AT
                first_due = await _first_due(container, demo.billing_period_id)
                runs, total, before = [], DUE, date(2026, 1, 1)
                for size in SIZES:
                    periods = (size - total) // DUE
                    started = time.perf_counter()
                    async with container.ctx.sessions.begin() as session:
                        total += await add_invite_history(
                            session, demo.project_id, demo.commitment_ids, periods, SCAN_AT,
                            before=before)
                    load_seconds = time.perf_counter() - started
                    before -= timedelta(days=periods)
                    await _vacuum(container, text("VACUUM ANALYZE invite"))
                    times = []
                    for _ in range(REPEATS):
                        await _reset(container, demo.billing_period_id, first_due)
                        started = time.perf_counter()
                        run = await container.reminders.scan(SCAN_AT)
                        times.append(time.perf_counter() - started)
                        assert run.queued == DUE and run.invites_seen == DUE, run.queued
                    indexed = min([await _due_query(container, use_index=True)
                                   for _ in range(REPEATS)])
                    unindexed = min([await _due_query(container, use_index=False)
                                     for _ in range(REPEATS)])
                    runs.append({"invites": total, "due": DUE, "scan_seconds": times,
                                 "scan_median_seconds": statistics.median(times),
                                 "due_query_seconds": indexed,
                                 "due_query_without_index_seconds": unindexed,
                                 "history_load_seconds": load_seconds})
                    print(f"{total:>9,} invites: scan {statistics.median(times) * 1000:5.0f} ms "
                          f"(median of {REPEATS}; min {min(times) * 1000:.0f}, max "
                          f"{max(times) * 1000:.0f}); finding the due invites "
                          f"{indexed * 1000:.1f} ms with the index, "
                          f"{unindexed * 1000:.1f} ms without; loading {periods * DUE:,} "
                          f"invites took {load_seconds:.1f} s", flush=True)
            finally:
                await container.aclose()
    finally:
        await drop_pg_database(url)
    smallest, largest = runs[0]["scan_median_seconds"], runs[-1]["scan_median_seconds"]
    report = {"date": date.today().isoformat(), "due": DUE, "runs": runs,
              "ratio_largest_to_smallest": largest / smallest}
    (RESULTS / "reminders.json").write_text(json.dumps(report, indent=2))
    targets = {f"scan at {runs[-1]['invites']:,} within 2x of {runs[0]['invites']:,}":
               largest <= 2 * smallest,
               "scan under 1 s": all(r["scan_median_seconds"] < 1 for r in runs)}
    for target, met in targets.items():
        print(f"target {target}: {'met' if met else 'MISSED'}")
    return 0


async def _first_due(container: object, period_id: int) -> datetime:
    from sqlalchemy import func, select

    from store import tables as t

    async with container.ctx.sessions() as session:  # type: ignore[attr-defined]
        found = await session.scalar(select(func.min(t.Invite.next_reminder_at)).where(
            t.Invite.billing_period_id == period_id))
    assert found is not None and found <= SCAN_AT
    return found


async def _reset(container: object, period_id: int, first_due: datetime) -> None:
    """Undo the previous scan: its outbox rows and events go, its invites are due again."""
    from sqlalchemy import delete, or_, update

    from store import tables as t

    o = t.OutboxMessage
    async with container.ctx.sessions.begin() as session:  # type: ignore[attr-defined]
        await session.execute(delete(o).where(or_(o.template == "reminder", o.kind == "event")))
        await session.execute(delete(t.InviteEvent).where(t.InviteEvent.kind == "reminded"))
        await session.execute(update(t.Invite).where(t.Invite.billing_period_id == period_id)
                              .values(next_reminder_at=first_due))
    await _vacuum(container, None)


async def _vacuum(container: object, statement: object) -> None:
    from sqlalchemy import text

    engine = container.ctx.engine.execution_options(  # type: ignore[attr-defined]
        isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(statement if statement is not None else
                                 text("VACUUM ANALYZE outbox_message, invite_event, invite"))


async def _due_query(container: object, *, use_index: bool) -> float:
    """The claim's search alone (which invites are due), with the index or forced to read
    the table as a scan without "next reminder due" per invite would."""
    from sqlalchemy import text

    async with container.ctx.engine.connect() as connection:  # type: ignore[attr-defined]
        if not use_index:
            for setting in ("enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"):
                await connection.execute(text(f"SET LOCAL {setting} = off"))
        # Distinct texts: asyncpg caches prepared statements, and a cached plan would
        # ignore the settings above.
        label = "indexed" if use_index else "unindexed"
        started = time.perf_counter()
        await connection.execute(text(
            f"SELECT /* {label} */ id FROM invite WHERE next_reminder_at <= :at "
            "ORDER BY next_reminder_at LIMIT :due"), {"at": SCAN_AT, "due": DUE})
        seconds = time.perf_counter() - started
        await connection.rollback()
    return seconds


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
