"""Fresh planner statistics after a bulk write (PostgreSQL).

Right after a project's 2,000 commitments are imported or 500 invites sent, PostgreSQL
still plans with the statistics from before (autovacuum refreshes them within a minute or
so): it takes the project for ten commitments and the period for two invites, and the
dashboard's "not invited" filter became a nested loop over both, 78 ms instead of 0.7 ms
(bench/dashboard.py). PostgreSQL's documentation advises ANALYZE after a bulk load; it
samples at most 30,000 rows a table (measured: ~200 ms for 1,000,000 rows, a few ms for
thousands).

SQLite is left as it is: without `sqlite_stat1` it plans by its rules, which gave the
measured plans of the lists (tests/integration/test_list_plans.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store import tables

# From this many rows written at once, the statistics are refreshed.
BULK_ROWS = 200

# What an import writes, and what sending invites writes (names from our own tables).
IMPORTED = (tables.Commitment.__tablename__, tables.InvoiceContact.__tablename__,
            tables.Company.__tablename__, tables.Person.__tablename__)
INVITED = (tables.Invite.__tablename__,)


async def refresh_after_bulk_write(engine: AsyncEngine, rows: int,
                                   table_names: tuple[str, ...]) -> bool:
    """ANALYZE `table_names` when `rows` were written at once on PostgreSQL; whether it
    did. Called after the write's transaction committed (ANALYZE sees committed rows)."""
    if rows < BULK_ROWS or engine.dialect.name != "postgresql":
        return False
    async with engine.begin() as connection:
        await connection.execute(text(f"ANALYZE {', '.join(table_names)}"))
    return True
