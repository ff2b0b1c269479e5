"""Profile one delivery run: PROFILE_MESSAGES invites (default 1,000) through the real
worker code path (`MailOut.deliver_due_over`, PROFILE_CONNECTIONS runs at once, default 4:
claim, contexts, render, compose, SMTP, mark sent) into the benchmark sink in its own
process.

Writes under var/profiles/: `delivery-<db>-<time>.prof` (cProfile, for snakeviz or
pstats), `.txt` (sorted by own time and by cumulative time) and, when pyinstrument is
installed (a dev dependency), `.html` (a flame graph of a second, identical run). Prints
the worker's and the sink's CPU per message for the run that was not profiled.

    make profile-delivery                      # SQLite
    PROFILE_DATABASE=postgres make profile-delivery
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import (
    Sink,
    cpu_seconds,
    create_pg_database,
    drop_pg_database,
    run_like_the_processes,
)

N = int(os.environ.get("PROFILE_MESSAGES", "1000"))
DATABASE = os.environ.get("PROFILE_DATABASE", "sqlite")
# SMTP connections at once, as a worker's delivery jobs or `serve` run them.
CONNECTIONS = int(os.environ.get("PROFILE_CONNECTIONS", "4"))
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
OUT = Path(__file__).resolve().parent.parent / "var" / "profiles"


async def queued_container(url: str, var_dir: Path, sink: Sink, messages: int = N) -> Any:
    """A container whose outbox holds `messages` invites to the sink (none delivered)."""
    from app.bootstrap import build
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from domain.commands import SendInvites
    from store.migrate import upgrade_to_head

    settings = Settings(_env_file=None, env="test", database_url=url,  # type: ignore[call-arg]
                        secret_keys=[SECRET], var_dir=var_dir,
                        smtp_url=f"smtp://127.0.0.1:{sink.port}")
    container = await build(settings, connect_redis=False)
    await upgrade_to_head(container.ctx.engine)
    demo = await Demo(container.ctx).load_large(messages)
    admin = await container.access.admin_for_api_token(demo.api_token)
    await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
    return container


async def one_run(label: str, sink: Sink, work: Path,
                  profiler: Any = None) -> dict[str, float]:
    url = (f"sqlite+aiosqlite:///{work / f'{label}.sqlite3'}" if DATABASE == "sqlite"
           else await create_pg_database())
    try:
        container = await queued_container(url, work / f"var-{label}", sink)
        try:
            sink.retarget(N)
            sink_before, started = cpu_seconds(sink.process.pid), time.process_time()
            wall = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            report = await container.delivery.deliver_due_over(CONNECTIONS)
            await sink.done(timeout=600)
            if profiler is not None:
                profiler.disable()
            used, wall = time.process_time() - started, time.perf_counter() - wall
            assert report.sent == N, report
            marks = container.delivery.marks
            per_write = marks.marks_written / max(marks.writes, 1)
        finally:
            await container.aclose()
    finally:
        if DATABASE != "sqlite":
            await drop_pg_database(url)
    sink_ms = (cpu_seconds(sink.process.pid) - sink_before) * 1000 / N
    return {"marks_per_write": per_write, "worker_ms": used * 1000 / N, "sink_ms": sink_ms,
            "rate": N / wall}


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    stem = OUT / f"delivery-{DATABASE}-{time.strftime('%Y%m%d-%H%M%S')}"
    sink = await Sink.start(N)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            plain = await one_run("plain", sink, work)
            profile = cProfile.Profile()
            await one_run("cprofile", sink, work, profile)
            profile.dump_stats(f"{stem}.prof")
            text = io.StringIO()
            for order in ("tottime", "cumulative"):
                text.write(f"==== sorted by {order}\n")
                pstats.Stats(profile, stream=text).strip_dirs().sort_stats(order).print_stats(45)
            stem.with_suffix(".txt").write_text(text.getvalue())
            try:
                from pyinstrument import Profiler
            except ImportError:
                Profiler = None  # type: ignore[assignment,misc]  # a dev dependency
            if Profiler is not None:
                sampler = Profiler(async_mode="enabled")
                sampler.start()
                await one_run("pyinstrument", sink, work)
                sampler.stop()
                stem.with_suffix(".html").write_text(sampler.output_html())
    finally:
        await sink.stop()
    print(f"{N} messages on {DATABASE} over {CONNECTIONS} connection(s), "
          f"load average {os.getloadavg()[0]:.2f}: "
          f"worker {plain['worker_ms']:.3f} ms CPU per message, sink {plain['sink_ms']:.3f} ms, "
          f"{plain['rate']:.0f} msg/s, {plain['marks_per_write']:.1f} sent marks per write "
          "(unprofiled run)")
    print(f"profile: {stem}.txt / .prof" + (" / .html" if Profiler is not None else ""))


if __name__ == "__main__":
    run_like_the_processes(main())
