"""Benchmark: how long a project's small invite batch takes to reach a relay that takes its
time, with the runs of one process (`serve`'s ITB_DELIVERY_CONCURRENCY, 8) sharing the
batch, against the same runs each claiming 50 rows at once (what delivery did before: one
run took the whole batch and sent it over one connection). Same run, same sink.

    python bench/small_batch.py     # 40 invites, a relay that takes 20 ms per message
    BENCH_MESSAGES=80 BENCH_ACCEPT_MS=50 BENCH_DATABASE=postgres python bench/small_batch.py
    BENCH_MESSAGES=3000 BENCH_ACCEPT_MS=0 ...   # a large batch: the CPU the extra claims cost
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import Sink, create_pg_database, drop_pg_database, run_like_the_processes
from bench.profile_delivery import queued_container

N = int(os.environ.get("BENCH_MESSAGES", "40"))
ACCEPT_MS = float(os.environ.get("BENCH_ACCEPT_MS", "20"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
RUNS = 8
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


async def one_batch(label: str, first_claim: int, sink: Sink, work: Path) -> dict[str, Any]:
    url = (f"sqlite+aiosqlite:///{work / f'{label}.sqlite3'}" if DATABASE == "sqlite"
           else await create_pg_database())
    try:
        container = await queued_container(url, work / f"var-{label}", sink, messages=N)
        try:
            sink.retarget(N)
            started, cpu = time.time(), time.process_time()
            reports = await asyncio.gather(*(container.delivery.deliver_due(
                first_claim=first_claim) for _ in range(RUNS)))
            finished = await sink.done(timeout=600)
            cpu = time.process_time() - cpu
            assert sum(report.sent for report in reports) == N, reports
        finally:
            await container.aclose()
    finally:
        if DATABASE != "sqlite":
            await drop_pg_database(url)
    return {"seconds": finished - started, "cpu_ms": cpu * 1000 / N,
            "runs_used": sum(1 for report in reports if report.sent)}


async def main() -> None:
    from app.use_cases.mail_out.service import FIRST_CLAIM

    sink = await Sink.start(N, accept_ms=ACCEPT_MS)
    results: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_number in range(ROUNDS):  # both orders in turn: neither always goes first
                pairs = (("before", 50), ("after", FIRST_CLAIM))
                for label, first in (pairs if round_number % 2 == 0 else pairs[::-1]):
                    results[label].append(await one_batch(
                        f"{label}-{round_number}", first, sink, Path(tmp)))
    finally:
        await sink.stop()
    print(f"{N} invites on {DATABASE}, a relay taking {ACCEPT_MS:.0f} ms per message, "
          f"{RUNS} runs, {ROUNDS} rounds:")
    for label, runs in results.items():
        seconds = sorted(run["seconds"] for run in runs)
        print(f"  {label:6} (first claim {50 if label == 'before' else FIRST_CLAIM:2}): "
              f"median {seconds[len(seconds) // 2]:.2f} s (min {seconds[0]:.2f}, max "
              f"{seconds[-1]:.2f}), runs that sent: {[run['runs_used'] for run in runs]}, "
              f"CPU per message {sorted(run['cpu_ms'] for run in runs)[len(runs) // 2]:.3f} ms")


if __name__ == "__main__":
    run_like_the_processes(main())
