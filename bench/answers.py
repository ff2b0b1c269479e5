"""Benchmark: many distinct contacts answering Yes at once, on PostgreSQL.

One `invite-to-bill web` process (the real one, started as the Procfile does) takes the
answers of BENCH_ANSWERS contacts from 64 concurrent clients (aiohttp). In the same run, a
minimal aiohttp handler in its own process (below) does the least any implementation must:
verify the same signed token, then one event INSERT and one invite UPDATE with SQLAlchemy
Core. Each side answers its own half of the invites, so the tables are the same size for
both and nothing has to be reset between them; the two take turns in rounds, so that both
meet the same load from whatever else runs on the machine.

Measured: answers recorded per second and p50/p99 of the POST (the page with its form
token is fetched first, like a browser; its figures are printed too), the rate of rejected
(tampered) tokens, and afterwards the answers in the database: none lost, none doubled.

    python bench/answers.py          # 3,000 answers each; BENCH_ANSWERS=1000 for less
    BENCH_PROFILE=var/profiles/answers.prof python bench/answers.py
                                     # the web process under cProfile (.prof) or
                                     # pyinstrument (.html, .txt); its figures are then
                                     # the profiler's, not the service's
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import (
    cpu_seconds,
    create_pg_database,
    drop_pg_database,
    free_port,
    peak_rss_mb,
    start,
    stop,
    wait_for_http,
)

N = int(os.environ.get("BENCH_ANSWERS", "3000"))
CLIENTS = 64
ROUNDS = 6
TAMPERED = int(os.environ.get("BENCH_TAMPERED", "20000"))
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
SEED = "bench-browser-seed-0123456789abcdef"  # one browser's CSRF seed cookie for all
RESULTS = Path(__file__).parent / "results"
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def prepare(database_url: str, var_dir: Path) -> list[str]:
    """2N commitments with one contact each, all invited; returns their Yes tokens."""
    from sqlalchemy import select

    from app.bootstrap import build
    from app.links import InviteLink
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from domain.commands import SendInvites
    from store import tables as t
    from store.migrate import upgrade_to_head

    settings = Settings(_env_file=None, env="test", database_url=database_url,  # type: ignore[call-arg]
                        secret_keys=[SECRET], var_dir=var_dir)
    container = await build(settings, connect_redis=False)
    try:
        await upgrade_to_head(container.ctx.engine)
        demo = await Demo(container.ctx).load_large(2 * N)
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        async with container.ctx.sessions() as session:
            rows = (await session.execute(
                select(t.Invite.id, t.InvoiceContact.person_id, t.Invite.token_version)
                .join(t.InvoiceContact, t.InvoiceContact.commitment_id == t.Invite.commitment_id)
                .where(t.Invite.billing_period_id == demo.billing_period_id)
                .order_by(t.Invite.id))).all()
    finally:
        await container.aclose()
    return [container.signer.invite_token(InviteLink(*row)) for row in rows]


def profiler() -> list[str] | None:
    """The web process's interpreter command under BENCH_PROFILE's profiler, if set."""
    profile = os.environ.get("BENCH_PROFILE")
    if not profile:
        return None
    out = Path(profile).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".prof":
        # CPU time, not wall time: on a shared machine a wall-clock profile charges a
        # function for the time the process waited for a core.
        return [sys.executable, "-c", (
            "import cProfile, runpy, sys, time\n"
            "profile = cProfile.Profile(time.process_time)\n"
            "sys.argv = ['app', *sys.argv[sys.argv.index('app') + 1:]]\n"
            "try:\n"
            "    profile.runcall(runpy.run_module, 'app', run_name='__main__')\n"
            "except SystemExit:\n"
            "    pass\n"
            f"profile.dump_stats({str(out)!r})\n")]
    return [sys.executable, "-m", "pyinstrument", "-o", str(out)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def hammer(requests: list[tuple[str, dict[str, str] | None]], method: str,
                 expected: int, cookies: dict[str, str]) -> dict[str, Any]:
    """Send `requests` (url, form) from CLIENTS concurrent clients; rate and latencies."""
    queue: asyncio.Queue[tuple[int, str, dict[str, str] | None]] = asyncio.Queue()
    for index, (url, form) in enumerate(requests):
        queue.put_nowait((index, url, form))
    latencies: list[float] = []
    bodies: dict[int, str] = {}
    wrong: list[int] = []
    connector = aiohttp.TCPConnector(limit=CLIENTS)
    async with aiohttp.ClientSession(connector=connector, cookies=cookies) as http:

        async def client() -> None:
            while not queue.empty():
                index, url, form = queue.get_nowait()
                started = time.perf_counter()
                async with http.request(method, url, data=form, allow_redirects=False) as answer:
                    body = await answer.text()
                latencies.append(time.perf_counter() - started)
                if answer.status != expected:
                    wrong.append(answer.status)
                if method == "GET":
                    bodies[index] = body

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        seconds = time.perf_counter() - started
    assert not wrong, f"{len(wrong)} unexpected answers, e.g. {wrong[:5]}"
    return summary(len(requests), seconds, latencies) | {"bodies": bodies,
                                                           "latencies": latencies}


def summary(requests: int, seconds: float, latencies: list[float]) -> dict[str, Any]:
    return {"requests": requests, "seconds": seconds, "rate": requests / seconds,
            "p50_ms": percentile(latencies, 0.50) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000}


def tampered(token: str) -> str:
    """The same token with one signature character changed (not the last: its low bits
    are padding, so changing it may leave the signature's bytes as they were)."""
    return token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]


async def count_answers(database_url: str, tokens: list[str]) -> dict[str, int]:
    """Answers per half, and the most events any one invite got (1: nothing doubled)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.links import LinkSigner

    signer = LinkSigner([SECRET])
    ours = [signer.read_invite_token(token).invite_id for token in tokens[N:]]
    engine = create_async_engine(database_url)
    async with engine.connect() as db:
        per_invite = {row[0]: row[1] for row in (await db.execute(text(
            "SELECT invite_id, count(*) FROM invite_event WHERE kind = 'accepted' "
            "GROUP BY invite_id"))).all()}
        accepted = set((await db.execute(text(
            "SELECT id FROM invite WHERE status = 'accepted'"))).scalars())
        webhooks = int((await db.execute(text(
            "SELECT count(*) FROM outbox_message WHERE kind = 'event' "
            "AND idempotency_key LIKE 'event:invite.accepted:%'"))).scalar_one())
    await engine.dispose()
    mine = set(ours)
    return {"service_events": sum(v for k, v in per_invite.items() if k in mine),
            "service_accepted": len(accepted & mine),
            "minimal_events": sum(v for k, v in per_invite.items() if k not in mine),
            "minimal_accepted": len(accepted - mine), "webhook_rows": webhooks,
            "max_events_per_invite": max(per_invite.values(), default=0)}


async def answer_pages(base: str, tokens: list[str]) -> tuple[dict[str, Any], list[str]]:
    """GET every answer page, as a browser does before the POST: its figures, and the
    form token of each page."""
    page = await hammer([(f"{base}/a/{token}/yes", None) for token in tokens], "GET", 200,
                        {"itb_csrf": SEED})
    bodies = page.pop("bodies")
    page.pop("latencies")
    forms = [FORM_TOKEN.findall(bodies[i])[-1] for i in range(len(tokens))]
    return page, forms


async def interleaved(sides: dict[str, tuple[str, int, list[str], list[str | None]]],
                      ) -> dict[str, dict[str, Any]]:
    """POST every answer, the sides taking turns in ROUNDS rounds, so that both meet the
    same load from whatever else runs on the machine; the server's CPU time per answer."""
    seconds = dict.fromkeys(sides, 0.0)
    cpu = dict.fromkeys(sides, 0.0)
    latencies: dict[str, list[float]] = {name: [] for name in sides}
    for round_ in range(ROUNDS):
        for name, (base, pid, tokens, forms) in sides.items():
            part = slice(round_ * len(tokens) // ROUNDS, (round_ + 1) * len(tokens) // ROUNDS)
            before = cpu_seconds(pid)
            figures = await hammer(
                [(f"{base}/a/{token}/yes", {"csrf_token": form} if form else None)
                 for token, form in zip(tokens[part], forms[part], strict=True)],
                "POST", 303, {"itb_csrf": SEED})
            cpu[name] += cpu_seconds(pid) - before
            seconds[name] += figures["seconds"]
            latencies[name] += figures["latencies"]
    return {name: summary(len(latencies[name]), seconds[name], latencies[name])
            | {"server_cpu_ms": cpu[name] * 1000 / len(latencies[name])} for name in sides}


def show(name: str, figures: dict[str, Any], unit: str = "answers/s") -> None:
    cpu = f", {figures['server_cpu_ms']:.2f} ms CPU each" if "server_cpu_ms" in figures else ""
    print(f"{name:18} {figures['rate']:6.0f} {unit}, p50 {figures['p50_ms']:.1f} ms, "
          f"p99 {figures['p99_ms']:.1f} ms{cpu}", flush=True)


async def rejections(port: int, tokens: list[str], pid: int) -> dict[str, Any]:
    """POST answers with tampered links: refused before any database work.

    The load comes from plain asyncio streams with prebuilt requests, not aiohttp's client:
    at these rates a Python HTTP client would measure itself (one core for it, one for the
    server, on this machine)."""
    body = b"csrf_token=x"
    requests = [(f"POST /a/{tampered(tokens[i % len(tokens)])}/yes HTTP/1.1\r\n"
                 f"Host: 127.0.0.1:{port}\r\nCookie: itb_csrf={SEED}\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n").encode() + body
                for i in range(TAMPERED)]
    latencies: list[float] = []
    statuses: set[bytes] = set()
    queue = iter(requests)

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for request in queue:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses.add(head.split(b" ", 2)[1])
        writer.close()

    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    seconds = time.perf_counter() - started
    assert statuses == {b"400"}, statuses
    return {"requests": TAMPERED, "seconds": seconds, "rate": TAMPERED / seconds,
            "p50_ms": percentile(latencies, 0.50) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000,
            "server_cpu_ms": (cpu_seconds(pid) - cpu) * 1000 / TAMPERED}


async def run(url: str, work: Path) -> dict[str, Any]:
    tokens = await prepare(url, work / "var")
    assert len(tokens) == 2 * N
    minimal_port, service_port = free_port(), free_port()
    env = {**os.environ, "ITB_ENV": "test", "ITB_DATABASE_URL": url, "ITB_SECRET_KEYS": SECRET,
           "ITB_VAR_DIR": str(work / "var"), "ITB_HTTP_PORT": str(service_port),
           "ITB_SMTP_URL": "smtp://127.0.0.1:9", "ITB_LOG_LEVEL": "WARNING",
           "ITB_BASE_URL": f"http://127.0.0.1:{service_port}"}
    env.pop("ITB_REDIS_URL", None)
    minimal = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--minimal", str(minimal_port), url, env=env)
    service = await start(["web"], env, work / "web.log", python=profiler())
    try:
        await wait_for_http(f"http://127.0.0.1:{minimal_port}/ready")
        await wait_for_http(f"http://127.0.0.1:{service_port}/healthz")
        service_url = f"http://127.0.0.1:{service_port}"
        page, forms = await answer_pages(service_url, tokens[N:])
        show("answer page (GET):", page, "pages/s")
        posts = await interleaved({
            "minimal": (f"http://127.0.0.1:{minimal_port}", minimal.pid, tokens[:N],
                        [None] * N),
            "service": (service_url, service.pid, tokens[N:], list(forms))})
        show("minimal handler:", posts["minimal"])
        show("service (POST):", posts["service"])
        rejected = await rejections(service_port, tokens, service.pid)
        show("tampered tokens:", rejected, "rejections/s")
        memory = peak_rss_mb(service.pid)
    finally:
        await stop([service, minimal])
    return {"date": date.today().isoformat(), "answers": N, "clients": CLIENTS,
            "rounds": ROUNDS, "minimal": posts["minimal"], "service": posts["service"],
            "page": page, "of_minimal": posts["service"]["rate"] / posts["minimal"]["rate"],
            "tampered": rejected, "web_peak_mb": memory,
            "database": await count_answers(url, tokens)}


async def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    url = await create_pg_database()
    try:
        with tempfile.TemporaryDirectory(prefix="itb-bench-") as tmp:
            report = await run(url, Path(tmp))
    finally:
        await drop_pg_database(url)
    (RESULTS / "answers.json").write_text(json.dumps(report, indent=2))
    counts = report["database"]
    print(f"service / minimal: {report['of_minimal']:.0%}; web peak RSS "
          f"{report['web_peak_mb']:.0f} MB; in the database: {counts}")
    intact = (counts["service_events"] == counts["service_accepted"] == N
              and counts["minimal_events"] == counts["minimal_accepted"] == N
              and counts["webhook_rows"] == N and counts["max_events_per_invite"] == 1)
    misses = [name for name, ok in (
        ("70% of the minimal handler", report["of_minimal"] >= 0.7),
        ("p99 under 100 ms", report["service"]["p99_ms"] < 100),
        ("4,000 tampered tokens per second", report["tampered"]["rate"] > 4000),
        ("no answer lost or doubled", intact)) if not ok]
    print("targets: all met" if not misses else f"targets missed: {', '.join(misses)}")
    return 0 if intact else 1


def minimal_server(port: int, database_url: str) -> None:
    """The least any implementation must do: verify the token, write the event, update
    the invite (SQLAlchemy Core on the service's engine settings), answer 303."""
    from datetime import UTC, datetime

    from aiohttp import web
    from sqlalchemy import bindparam, insert, update

    from app.links import InvalidLink, LinkSigner
    from store import tables as t
    from store.engine import create_engine

    signer = LinkSigner([SECRET])
    events, invites = t.InviteEvent.__table__, t.Invite.__table__
    # Prebuilt with bind parameters, as the service's own statements are.
    add_event = insert(events)
    set_answer = update(invites).where(invites.c.id == bindparam("invite")).values(
        status="accepted", answered_at=bindparam("now"), answered_by_id=bindparam("contact"),
        updated_at=bindparam("now"))

    async def answer(request: web.Request) -> web.Response:
        try:
            link = signer.read_invite_token(request.match_info["token"])
        except InvalidLink:
            return web.Response(status=400, text="invalid link")
        await request.post()
        now = datetime.now(UTC)
        async with request.app[ENGINE].begin() as db:
            await db.execute(add_event, {
                "invite_id": link.invite_id, "kind": "accepted", "person_id": link.contact_id,
                "channel": "link", "at": now, "ip_address": request.remote,
                "user_agent": request.headers.get("User-Agent"), "detail": {}})
            await db.execute(set_answer, {"invite": link.invite_id, "now": now,
                                          "contact": link.contact_id})
        return web.Response(status=303, headers={"Location": "/done"})

    async def ready(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def engine(app: web.Application) -> Any:
        # The service's own engine settings (pool size, pre-ping): the same plumbing, so
        # that the comparison is of the work done per answer.
        app[ENGINE] = create_engine(database_url)
        yield
        await app[ENGINE].dispose()

    ENGINE = web.AppKey("engine", Any)
    app = web.Application()
    app.cleanup_ctx.append(engine)
    app.router.add_post("/a/{token}/{answer}", answer)
    app.router.add_get("/ready", ready)
    import uvloop

    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None,
                loop=uvloop.new_event_loop())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--minimal"]:
        minimal_server(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    import uvloop

    # The load generator on uvloop too: less of the machine's two cores for the clients.
    sys.exit(uvloop.run(main()))
