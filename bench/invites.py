"""Benchmark: an invite batch end to end, from the API call to the last message accepted.

Everything runs as real processes on this machine: the `web` process takes the API call,
one or two `worker` processes (arq on Redis) deliver, and an aiosmtpd sink in its own
process counts what arrives. In the same run it measures (a) the ceiling: the same number
of pre-built messages over one reused smtplib connection to the same sink, and (b) a naive
baseline: render each message and send it with smtplib on a new connection.

    python bench/invites.py            # 10,000 commitments; BENCH_COMMITMENTS=2000 for less
"""

from __future__ import annotations

import asyncio
import json
import os
import smtplib
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import (
    Sink,
    cpu_seconds,
    create_pg_database,
    drop_pg_database,
    free_port,
    peak_rss_mb,
    start,
    stop,
    wait_for_file_text,
    wait_for_http,
)

N = int(os.environ.get("BENCH_COMMITMENTS", "10000"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
RESULTS = Path(__file__).parent / "results"
# (database, worker processes; 0 = `invite-to-bill serve`), e.g. BENCH_RUNS=sqlite:0,postgres:2
CONFIGURATIONS = [(run.split(":")[0], int(run.split(":")[1])) for run in os.environ.get(
    "BENCH_RUNS", "sqlite:0,sqlite:1,sqlite:2,postgres:1,postgres:2").split(",")]


async def prepare(database_url: str, var_dir: Path) -> dict[str, object]:
    """Migrate and load a project with N commitments (one contact each)."""
    from app.bootstrap import build
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from store.migrate import upgrade_to_head

    settings = Settings(_env_file=None, env="test", database_url=database_url,  # type: ignore[call-arg]
                        secret_keys=[SECRET], var_dir=var_dir)
    container = await build(settings, connect_redis=False)
    try:
        await upgrade_to_head(container.ctx.engine)
        demo = await Demo(container.ctx).load_large(N)
    finally:
        await container.aclose()
    return {"token": demo.api_token, "period": demo.billing_period_id}


def service_env(database_url: str, var_dir: Path, sink_port: int, http_port: int) -> dict[str, str]:
    return {**os.environ, "ITB_ENV": "test", "ITB_DATABASE_URL": database_url,
            "ITB_REDIS_URL": REDIS_URL, "ITB_SECRET_KEYS": SECRET, "ITB_VAR_DIR": str(var_dir),
            "ITB_SMTP_URL": f"smtp://127.0.0.1:{sink_port}", "ITB_HTTP_PORT": str(http_port),
            "ITB_BASE_URL": f"http://127.0.0.1:{http_port}", "ITB_LOG_LEVEL": "INFO"}


async def end_to_end(backend: str, workers: int, sink: Sink, work: Path) -> dict[str, object]:
    """`workers` worker processes beside one web process; with `workers` 0, one
    `invite-to-bill serve` (web and in-process jobs in one process, no Redis)."""
    import redis.asyncio as aioredis

    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{work / f'{backend}-{workers}.sqlite3'}"
    else:
        url = await create_pg_database()
    var_dir = work / f"var-{backend}-{workers}"
    try:
        demo = await prepare(url, var_dir)
        client = aioredis.from_url(REDIS_URL)
        await client.flushdb()
        await client.aclose()
        http_port = free_port()
        env = service_env(url, var_dir, sink.port, http_port)
        if not workers:  # serve: no Redis, jobs in the process; its inbound SMTP on a free port
            env = {**env, "ITB_INBOUND_PORT": str(free_port())}
            env.pop("ITB_REDIS_URL")
        web = await start(["web" if workers else "serve"], env,
                          work / f"web-{backend}-{workers}.log")
        logs = [work / f"worker-{backend}-{workers}-{i}.log" for i in range(workers)]
        procs = [await start(["worker"], env, log) for log in logs]
        try:
            await wait_for_http(f"http://127.0.0.1:{http_port}/healthz")
            for log in logs:
                await wait_for_file_text(log, "Starting worker")
            sink.retarget(N)
            cpu_before = {p.pid: cpu_seconds(p.pid) for p in (sink.process, web, *procs)}
            async with aiohttp.ClientSession() as http:
                started = time.time()
                async with http.post(
                        f"http://127.0.0.1:{http_port}/api/billing-periods/{demo['period']}/invites",
                        json={"all": True},
                        headers={"Authorization": f"Bearer {demo['token']}"}) as answer:
                    body = await answer.json()
                    api_seconds = time.time() - started
                assert answer.status == 202, body
                assert body["messages"] == N, body
            finished = await sink.done(timeout=600)
            memory = max(peak_rss_mb(proc.pid) for proc in (procs or [web]))
            cpu = {name: cpu_seconds(p.pid) - cpu_before[p.pid] for name, p in
                   [("sink", sink.process), ("web", web)]
                   + [(f"worker{i}", p) for i, p in enumerate(procs)]}
        finally:
            await stop([web, *procs])
    finally:
        if backend == "postgres":
            await drop_pg_database(url)
    seconds = finished - started
    return {"backend": backend, "workers": workers, "messages": N, "seconds": seconds,
            "rate": N / seconds, "api_seconds": api_seconds, "worker_peak_mb": memory,
            "cpu_ms_per_message": {name: used * 1000 / N for name, used in cpu.items()}}


def sample_messages(count: int) -> list[tuple[str, bytes]]:
    """Messages exactly like the service's, rendered and composed with its own parts."""
    from app.bootstrap import TEMPLATES_DIR
    from mailer.message import compose_message
    from mailer.render import MailRenderer

    renderer = MailRenderer(TEMPLATES_DIR)
    return [render_one(renderer, compose_message, i) for i in range(count)]  # type: ignore[misc]


def render_one(renderer: object, build_message: object, i: int) -> tuple[str, object]:
    """One invite rendered from the service's own context builder (so the ceiling's
    messages follow the templates), composed by `build_message`."""
    from app.use_cases.mail_out.contexts import invite_context
    from store.mail_facts import InviteMailFacts

    address = f"billing{i:05d}@sub-{i:05d}.example"
    facts = InviteMailFacts(
        invite_id=i, token_version=1, reply_token="abc", contact_id=i,
        contact_name=f"Clerk {i}", contact_email=address, contact_deliverable=True,
        inviter_name="Jordan Avery", inviter_email="admin@summit-builders.example",
        project_name="Load Test Tower", locale="en-US", invitation_message=None,
        commitment_number=f"SC-{i:05d}", commitment_title=f"Trade package {i:05d}",
        contract_company=f"Subcontractor {i:05d}", period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30), due_date=date(2026, 11, 25))
    rendered = renderer.render("invite", invite_context(  # type: ignore[attr-defined]
        facts, f"http://127.0.0.1:8080/a/token{i}/yes",
        f"http://127.0.0.1:8080/a/token{i}/no", resend=False))
    message = build_message(  # type: ignore[operator]
        rendered, from_addr="Invite to Bill <no-reply@localhost>", to_addr=address,
        to_name=f"Clerk {i}", message_id=f"<bench.{i}@reply.localhost>",
        reply_to="bill+abc@reply.localhost", date=datetime.now(UTC))
    return address, message


async def ceiling(sink: Sink) -> dict[str, object]:
    messages = sample_messages(N)
    sink.retarget(N)
    started, cpu = time.time(), time.process_time()
    with smtplib.SMTP("127.0.0.1", sink.port, local_hostname="bench") as smtp:
        for address, raw in messages:
            smtp.sendmail("bounce@reply.localhost", [address], raw)
    # What speaking SMTP alone costs a Python client per message (nothing else done): the
    # floor under any worker's CPU per message.
    client_ms = (time.process_time() - cpu) * 1000 / N
    finished = await sink.done(timeout=600)
    return {"messages": N, "seconds": finished - started, "rate": N / (finished - started),
            "client_cpu_ms": client_ms}


async def naive(sink: Sink) -> dict[str, object]:
    """A first implementation: render, build with the stdlib email package, connect, send."""
    from email.message import EmailMessage

    from app.bootstrap import TEMPLATES_DIR
    from mailer.render import MailRenderer

    def build_message(rendered: object, **fields: object) -> EmailMessage:
        message = EmailMessage()
        message["From"], message["To"] = fields["from_addr"], fields["to_addr"]
        message["Subject"] = rendered.subject  # type: ignore[attr-defined]
        message["Message-ID"] = fields["message_id"]
        message.set_content(rendered.text)  # type: ignore[attr-defined]
        message.add_alternative(rendered.html, subtype="html")  # type: ignore[attr-defined]
        return message

    renderer = MailRenderer(TEMPLATES_DIR)
    sink.retarget(N)
    started = time.time()
    for i in range(N):
        address, message = render_one(renderer, build_message, i)
        with smtplib.SMTP("127.0.0.1", sink.port, local_hostname="bench") as smtp:
            smtp.send_message(message, "bounce@reply.localhost", [address])  # type: ignore[arg-type]
    finished = await sink.done(timeout=600)
    return {"messages": N, "seconds": finished - started, "rate": N / (finished - started)}


def delivering_ms(run: dict[str, Any]) -> float:
    """The CPU that delivering took per message: every worker process's together (each
    delivered a share of the messages), or `serve`'s one process (which also served the
    API call)."""
    used: dict[str, float] = run["cpu_ms_per_message"]
    return sum(ms for name, ms in used.items() if name.startswith("worker")) or used["web"]


async def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="itb-bench-") as tmp:
        work = Path(tmp)
        sink = await Sink.start(N)
        try:
            top = await ceiling(sink)
            print(f"ceiling (pre-built, 1 smtplib connection): {top['rate']:.0f} msg/s", flush=True)
            base = await naive(sink)
            print(f"naive (render + new connection each):     {base['rate']:.0f} msg/s", flush=True)
            runs = []
            for backend, workers in CONFIGURATIONS:
                # The ceiling again right before each run: on a shared machine the load
                # moves within minutes, and each run is compared with its own neighbour.
                top = await ceiling(sink)
                run = await end_to_end(backend, workers, sink, work)
                run["ceiling"] = top["rate"]
                run["load_average"] = os.getloadavg()[0]
                run["of_ceiling"] = run["rate"] / top["rate"]
                run["x_naive"] = run["rate"] / base["rate"]
                runs.append(run)
                who = f"{workers} worker(s)" if workers else "serve"
                print(f"{backend:8} {who:11}: {run['rate']:6.0f} msg/s "
                      f"({run['of_ceiling']:.0%} of ceiling, {run['x_naive']:.1f}x naive), "
                      f"its ceiling {top['rate']:.0f} msg/s, load {run['load_average']:.1f}, "
                      f"API {run['api_seconds'] * 1000:.0f} ms, "
                      f"worker peak {run['worker_peak_mb']:.0f} MB", flush=True)
                run["ceiling_client_cpu_ms"] = top["client_cpu_ms"]
                print("    CPU ms/message: " + ", ".join(
                    f"{name} {ms:.2f}" for name, ms in run["cpu_ms_per_message"].items())
                    + f"; delivering (all workers) {delivering_ms(run):.2f}; the ceiling's "
                    f"smtplib client {top['client_cpu_ms']:.2f}", flush=True)
        finally:
            await sink.stop()
    report = {"date": date.today().isoformat(), "commitments": N, "ceiling": top,
              "naive": base, "runs": runs}
    (RESULTS / "invites.json").write_text(json.dumps(report, indent=2))
    serve = [r for r in runs if not r["workers"]]
    postgres_two = [r for r in runs if r["backend"] == "postgres" and r["workers"] == 2]
    targets = {
        "serve on SQLite >= 45% of the ceiling": all(r["of_ceiling"] >= 0.45 for r in serve),
        "PostgreSQL, 2 workers >= 65% of the ceiling": all(
            r["of_ceiling"] >= 0.65 for r in postgres_two),
        "worker CPU < 0.8 ms per message on PostgreSQL": all(
            delivering_ms(r) < 0.8 for r in runs if r["backend"] == "postgres"),
        ">= 40% of the ceiling": all(r["of_ceiling"] >= 0.4 for r in runs),
        ">= 3x the naive baseline": all(r["x_naive"] >= 3 for r in runs),
        "API call < 2 s": all(r["api_seconds"] < 2 for r in runs),
        "worker peak < 250 MB": all(r["worker_peak_mb"] < 250 for r in runs),
    }
    for target, met in targets.items():
        print(f"target {target}: {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
