"""Benchmark: the dashboard of a big project and the API's lists, a page at a time, on
SQLite and PostgreSQL.

1. A 2,000-commitment project (500 of them invited): the dashboard's server time and
   size, filtered and paged (50 a page), beside the baseline of the same run: the same
   page with every commitment on one page, unfiltered (what the dashboard did before
   paging).
2. The API's lists a page at a time (limit 100) at 10,000 and 100,000 rows: a project's
   commitments, a period's invites and its invoices; the first page, one in the middle
   and the last, whose times should not grow with the depth or the size.
3. The JSON of a period's 10,000 invites (CPU time): validated pydantic models (the way
   of #12) and the plain dicts the resource now writes (the same JSON, tested).

Server time is measured inside the web application (a middleware around every request,
the real application with its session, CSRF and security middlewares), over a real
socket; median and 90th percentile of REPEAT requests.

    python bench/dashboard.py      # BENCH_COMMITMENTS=2000 BENCH_API_ROWS=10000,100000
                                   # BENCH_DATABASES=sqlite,postgresql BENCH_REPEAT=15
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import create_pg_database, drop_pg_database

COMMITMENTS = int(os.environ.get("BENCH_COMMITMENTS", "2000"))
API_ROWS = [int(n) for n in os.environ.get("BENCH_API_ROWS", "10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
RESULTS = Path(__file__).parent / "results"
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

Timed = dict[str, float]


def figures(times: list[float], cpu: list[float], size: int) -> Timed:
    ordered = sorted(times)
    return {"p50_ms": statistics.median(ordered) * 1000,
            "p90_ms": ordered[int(len(ordered) * 0.9) - 1] * 1000,
            "cpu_ms": statistics.median(cpu) * 1000, "bytes": size}


class Stopwatch:
    """Server time of each request, measured by the application's outermost middleware."""

    def __init__(self) -> None:
        self.last = 0.0
        self.last_cpu = 0.0

    def middleware(self) -> Any:
        from aiohttp import web

        @web.middleware
        async def timed(request: web.Request, handler: Any) -> web.StreamResponse:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return await handler(request)
            finally:
                # The process's CPU (aiosqlite's thread included; PostgreSQL's not):
                # steadier than wall time on a machine shared with other work.
                self.last_cpu = time.process_time() - cpu
                self.last = time.perf_counter() - started
        return timed


async def measure(stopwatch: Stopwatch, get: Callable[[], Awaitable[bytes]]) -> Timed:
    await get()  # warm: templates compiled, statements cached
    times, cpu, size = [], [], 0
    for _ in range(REPEAT):
        size = len(await get())
        times.append(stopwatch.last)
        cpu.append(stopwatch.last_cpu)
    return figures(times, cpu, size)


async def run_database(name: str, database_url: str, var_dir: Path) -> dict[str, Any]:
    from aiohttp.test_utils import TestClient, TestServer
    from sqlalchemy import text

    import web.admin.dashboard_filter as dashboard_filter
    from app.bootstrap import build, build_web_app
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from domain.commands import SendInvites
    from store import invite_lists
    from store.bulk import add_crowd
    from store.migrate import upgrade_to_head
    from web.api.paging import scope_of, serializer

    settings = Settings(_env_file=None, env="test", database_url=database_url,  # type: ignore[call-arg]
                        secret_keys=[SECRET], var_dir=var_dir)
    container = await build(settings, connect_redis=False)
    results: dict[str, Any] = {}
    try:
        await upgrade_to_head(container.ctx.engine)
        started = time.perf_counter()
        demo = await Demo(container.ctx).load_large(COMMITMENTS)
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        await container.invites.send(admin, SendInvites(
            demo.billing_period_id, tuple(demo.commitment_ids[::4])))
        print(f"  loaded {COMMITMENTS} commitments in {time.perf_counter() - started:.1f} s")
        stopwatch = Stopwatch()
        app = build_web_app(container)
        app.middlewares.insert(0, stopwatch.middleware())
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            form = await (await client.get("/sign-in")).text()
            token = FORM_TOKEN.search(form)
            assert token is not None
            signed = await client.post("/sign-in", allow_redirects=False, data={
                "csrf_token": token.group(1), "email": demo.admin_email,
                "password": demo.admin_password, "next": "/admin"})
            assert signed.status == 303, await signed.text()

            async def page(url: str) -> bytes:
                response = await client.get(url)
                body = await response.read()
                assert response.status == 200, body[:300]
                return body

            base = f"/admin/projects/{demo.project_id}"
            deep = demo.commitment_ids[COMMITMENTS * 3 // 4]
            pages = {
                "baseline: every commitment on one page, unfiltered": base,
                "first page of 50, unfiltered": base,
                "a page of 50 deep in the list": f"{base}?after={deep}",
                "filtered: not invited, page 1": f"{base}?status=not_invited",
                "filtered: not invited + search 'package 01', page 1":
                    f"{base}?status=not_invited&q=package+01",
                "search a contact's email": f"{base}?q=billing01234%40",
            }
            dashboard: dict[str, Timed] = {}
            for label, url in pages.items():
                one_page = label.startswith("baseline")
                dashboard_filter.PAGE_SIZE = 10**9 if one_page else 50
                dashboard[label] = await measure(stopwatch, lambda url=url: page(url))
            dashboard_filter.PAGE_SIZE = 50
            results["dashboard"] = dashboard

            api: dict[str, dict[str, Timed]] = {}
            headers = {"Authorization": f"Bearer {demo.api_token}"}
            keys = serializer([SECRET])
            for rows in API_ROWS:
                started = time.perf_counter()
                async with container.ctx.sessions.begin() as session:
                    await add_crowd(session, admin.company_id, projects=1,
                                    commitments_each=rows, now=datetime.now(UTC))
                crowd = (await container.projects.list_projects(admin))[-1]
                assert crowd.id is not None
                period = (await container.projects.list_periods(admin, crowd.id))[0]
                print(f"  loaded {rows} bare commitments with an invoice each in "
                      f"{time.perf_counter() - started:.1f} s")
                if container.ctx.engine.dialect.name == "postgresql":
                    # What autovacuum does soon after a bulk load: statistics, and the
                    # visibility map that lets counts read the index alone.
                    async with container.ctx.engine.connect() as connection:
                        autocommit = await connection.execution_options(
                            isolation_level="AUTOCOMMIT")
                        await autocommit.execute(text("VACUUM ANALYZE"))
                from sqlalchemy import select

                from store import tables
                async with container.ctx.sessions() as session:
                    ids = list((await session.execute(
                        select(tables.Commitment.id).where(
                            tables.Commitment.project_id == crowd.id)
                        .order_by(tables.Commitment.id))).scalars())
                    invoice_ids = list((await session.execute(
                        select(tables.Invoice.id).where(
                            tables.Invoice.billing_period_id == period.id)
                        .order_by(tables.Invoice.id))).scalars())
                lists = {
                    "commitments": (f"/api/projects/{crowd.id}/commitments", [], ids),
                    "invites": (f"/api/billing-periods/{period.id}/invites", [], ids),
                    "invoices": ("/api/invoices", [("billing_period_id", str(period.id))],
                                 invoice_ids),
                }
                counts = []
                for _ in range(REPEAT):
                    async with container.ctx.sessions() as session:
                        started = time.perf_counter()
                        await invite_lists.status_counts(session, crowd.id, period.id)
                        counts.append(time.perf_counter() - started)
                results.setdefault("counts_ms", {})[f"{rows:,}"] = (
                    statistics.median(counts) * 1000)
                for list_name, (path, query, keys_in_order) in lists.items():
                    for where, index in (("first", None), ("middle", len(keys_in_order) // 2),
                                         ("last", len(keys_in_order) - 100)):
                        params = [*query, ("limit", "100")]
                        if index is not None:
                            cursor = keys.dumps([scope_of(admin.company_id, path, params),
                                                 keys_in_order[index - 1]])
                            params.append(("cursor", str(cursor)))

                        async def get(path: str = path,
                                      params: list[tuple[str, str]] = params) -> bytes:
                            response = await client.get(path, params=params, headers=headers)
                            body = await response.read()
                            assert response.status == 200, body[:300]
                            assert len(json.loads(body)["items"]) == 100
                            return body
                        api.setdefault(f"{list_name} at {rows:,}", {})[where] = await measure(
                            stopwatch, get)
            results["api"] = api
        finally:
            await client.close()
    finally:
        await container.aclose()
    return results


def json_building() -> dict[str, float]:
    """Milliseconds to build the JSON of a period's 10,000 invites three ways."""
    from datetime import date

    from domain import model as records
    from web.api.resources.invites import InviteSummary, PeriodInvites

    now = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    period = records.BillingPeriod(1, 1, date(2026, 11, 1), date(2026, 11, 30),
                                   date(2026, 11, 25), None, records.PeriodStatus.OPEN, now)
    items = tuple(records.InviteRecord(
        invite_id=i, commitment_id=i, commitment_number=f"SC-{i:05d}",
        commitment_title=f"Trade package {i}", contract_company=f"Sub {i}",
        status=records.InviteStatus.INVITED, invoice_submitted=False, invited_at=now,
        answered_at=None, contacts=(records.Contact(i, f"Clerk {i}", f"c{i}@x.example"),),
        billing_period_id=1, next_reminder_at=now) for i in range(1, 10_001))
    counts = {"not_invited": 0, "invited": 10_000, "accepted": 0, "declined": 0,
              "submitted": 0}
    view = records.PeriodInvites(period, counts, items)

    def validated() -> object:
        return PeriodInvites.from_record(view).to_json()

    def written() -> object:
        return PeriodInvites.json_of(view)

    def serialised(build: Callable[[], object]) -> Callable[[], object]:
        return lambda: json.dumps(build())

    assert written() == validated()
    assert InviteSummary.model_fields.keys() == written()["items"][0].keys()  # type: ignore[index]
    out = {}
    for label, build in (
            ("pydantic model_validate + dump (before)", validated),
            ("plain dicts written by the resource (now)", written),
            ("before, with json.dumps of the answer", serialised(validated)),
            ("now, with json.dumps of the answer", serialised(written))):
        # CPU time, the best of 5: the machine's other work does not count.
        times = []
        for _ in range(5):
            started = time.process_time()
            build()
            times.append(time.process_time() - started)
        out[label] = min(times) * 1000
    return out


def show(name: str, results: dict[str, Any]) -> None:
    print(f"\n== {name}: dashboard of {COMMITMENTS:,} commitments (server time)")
    for label, timed in results["dashboard"].items():
        print(f"  {label:55} p50 {timed['p50_ms']:7.1f} ms  p90 {timed['p90_ms']:7.1f} ms  "
              f"CPU {timed['cpu_ms']:6.1f} ms  {timed['bytes'] / 1024:8.1f} KB")
    print(f"== {name}: API lists, 100 a page (server time, p50 / p90)")
    for label, pages in results["api"].items():
        cells = "  ".join(f"{where} {t['p50_ms']:6.1f} / {t['p90_ms']:6.1f} ms "
                          f"(CPU {t['cpu_ms']:5.1f})" for where, t in pages.items())
        print(f"  {label:26} {cells}  ({pages['first']['bytes'] / 1024:.0f} KB a page)")
    for rows, ms in results.get("counts_ms", {}).items():
        print(f"  the period's counts alone at {rows} rows: {ms:.1f} ms")


async def main() -> None:
    results: dict[str, Any] = {"json_10000_invites_ms": json_building()}
    print("== JSON of a period's 10,000 invites")
    for label, ms in results["json_10000_invites_ms"].items():
        print(f"  {label:48} {ms:7.1f} ms of CPU")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in DATABASES:
            sqlite = f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"
            results["sqlite"] = await run_database("SQLite", sqlite, Path(tmp) / "var-sqlite")
            show("SQLite", results["sqlite"])
        if "postgresql" in DATABASES:
            postgres = await create_pg_database()
            try:
                results["postgresql"] = await run_database("PostgreSQL", postgres,
                                                           Path(tmp) / "var-pg")
                show("PostgreSQL", results["postgresql"])
            finally:
                await drop_pg_database(postgres)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "dashboard.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
