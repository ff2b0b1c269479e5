"""Benchmark: importing 5,000 rows (500 commitments of 10 SOV lines, a contract company
and a contact each) on SQLite and PostgreSQL, beside two baselines of the same run.

- parse: reading the CSV and checking every row (documents/spreadsheets.py and
  domain/commitment_import.py), no database;
- executemany: a bare Core executemany of the same 500 commitments and 5,000 SOV lines,
  values prepared beforehand: about the least any import of these rows can write;
- import: `Imports.run(apply=True)` into an empty project (parse, compare, find or add
  500 companies and contacts, write, commit), as the API, the page and the CLI call it;
- re-import preview: the same file against the imported project (500 unchanged).

Each figure is the median of REPEATS runs, each into a project of its own.

    python bench/import.py
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procs import create_pg_database, drop_pg_database

ROWS = 5000
LINES = 10
REPEATS = 3
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"
RESULTS = Path(__file__).parent / "results"


def the_file() -> bytes:
    """As an ERP exports it: the commitment's columns repeated on each of its lines."""
    from documents.spreadsheets import csv_bytes

    header = ["Commitment Number", "Commitment Title", "Contract Company", "Retainage %",
              "Item Number", "Cost Code", "Description", "Scheduled Value",
              "Contact 1 Name", "Contact 1 Email"]
    rows = [[f"BULK-{index // LINES:05d}", f"Package {index // LINES}",
             f"Trade Partner {index // LINES:05d}", "10", f"{index % LINES + 1:03d}",
             "09-2000", f"Line {index}", f"{1000 + index}.25", f"Clerk {index // LINES}",
             f"clerk{index // LINES}@trade{index // LINES}.example"] for index in range(ROWS)]
    return csv_bytes([header, *rows])


async def executemany(container: object, project_id: int, tag: str) -> None:
    """The floor: 500 commitments then 5,000 SOV lines, two Core executemany calls."""
    from sqlalchemy import insert, select

    from store.tables import Commitment, Company, SovLine

    now = datetime.now(UTC)
    async with container.ctx.sessions.begin() as session:  # type: ignore[attr-defined]
        company = (await session.execute(select(Company.id).limit(1))).scalar_one()
        heads = [{"project_id": project_id, "contract_company_id": company,
                  "number": f"{tag}-{n:05d}", "title": f"Package {n}", "kind": "subcontract",
                  "retainage_percent_work": Decimal("10.00"),
                  "retainage_percent_stored": Decimal("10.00"),
                  "stored_materials_billed_separately": True, "status": "approved",
                  "created_at": now} for n in range(ROWS // LINES)]
        result = await session.execute(
            insert(Commitment.__table__).returning(Commitment.number, Commitment.id), heads)
        ids = dict(result.all())
        await session.execute(insert(SovLine.__table__), [
            {"commitment_id": ids[f"{tag}-{index // LINES:05d}"], "position": index % LINES + 1,
             "item_number": f"{index % LINES + 1:03d}", "cost_code": "09-2000",
             "description": f"Line {index}", "scheduled_value": Decimal(f"{1000 + index}.25"),
             "change_order": False, "created_at": now} for index in range(ROWS)])


async def measure(name: str, url: str, data: bytes) -> dict[str, object]:
    from app.bootstrap import build
    from app.settings import Settings
    from app.use_cases.demo import Demo
    from app.use_cases.imports._reading import parsed_file
    from domain.commands import NewProject
    from domain.model import AccountingMethod
    from store.migrate import upgrade_to_head

    with tempfile.TemporaryDirectory(prefix="itb-bench-") as var_dir:
        settings = Settings(_env_file=None, env="test", database_url=url,  # type: ignore[call-arg]
                            secret_keys=[SECRET], var_dir=Path(var_dir))
        container = await build(settings, connect_redis=False)
        try:
            await upgrade_to_head(container.ctx.engine)
            demo = await Demo(container.ctx).load()
            admin = await container.access.admin_for_api_token(demo.api_token)
            assert admin is not None
            times: dict[str, list[float]] = {"parse": [], "executemany": [], "import": [],
                                             "reimport_preview": []}
            for repeat in range(REPEATS):
                started = time.perf_counter()
                await asyncio.to_thread(parsed_file, data, AccountingMethod.AMOUNT)
                times["parse"].append(time.perf_counter() - started)
                bare = await container.projects.create_project(admin, NewProject(
                    f"Bare {repeat}", f"BARE-{repeat}", "America/Chicago"))
                started = time.perf_counter()
                await executemany(container, bare.id, f"B{repeat}")
                times["executemany"].append(time.perf_counter() - started)
                project = await container.projects.create_project(admin, NewProject(
                    f"Imported {repeat}", f"IMP-{repeat}", "America/Chicago"))
                started = time.perf_counter()
                report = await container.imports.run(admin, project.id, data, apply=True)
                times["import"].append(time.perf_counter() - started)
                assert report.created == ROWS // LINES and report.applied, report
                started = time.perf_counter()
                report = await container.imports.run(admin, project.id, data, apply=False)
                times["reimport_preview"].append(time.perf_counter() - started)
                assert report.unchanged == ROWS // LINES, report
        finally:
            await container.aclose()
    medians = {key: statistics.median(values) for key, values in times.items()}
    print(f"{name:10} {ROWS:,} rows: import {medians['import']:.2f} s | parse alone "
          f"{medians['parse']:.2f} s | bare executemany {medians['executemany']:.2f} s | "
          f"re-import preview {medians['reimport_preview']:.2f} s "
          f"(medians of {REPEATS})", flush=True)
    return {"database": name, "rows": ROWS, "seconds": times, "medians": medians}


async def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    data = the_file()
    runs = []
    with tempfile.TemporaryDirectory(prefix="itb-bench-sqlite-") as folder:
        runs.append(await measure("SQLite", f"sqlite+aiosqlite:///{folder}/bench.sqlite3",
                                  data))
    url = await create_pg_database()
    try:
        runs.append(await measure("PostgreSQL", url, data))
    finally:
        await drop_pg_database(url)
    report = {"date": date.today().isoformat(), "file_bytes": len(data), "runs": runs}
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
