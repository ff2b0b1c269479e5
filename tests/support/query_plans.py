"""Showing how a database runs one of our statements (plans asserted in tests)."""

from __future__ import annotations

from sqlalchemy import Executable, text
from sqlalchemy.ext.asyncio import AsyncEngine


async def explain(engine: AsyncEngine, statement: Executable, *, analyze: str) -> str:
    """The plan of `statement` after refreshing the statistics of `analyze` (a table)."""
    dialect = engine.dialect.name
    compiled = statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    async with engine.connect() as connection:
        if dialect == "postgresql":
            await connection.execute(text(f"ANALYZE {analyze}"))
            plan = (await connection.execute(text(f"EXPLAIN {compiled}"))).scalars().all()
        else:
            await connection.execute(text("ANALYZE"))
            plan = [row[-1] for row in await connection.execute(
                text(f"EXPLAIN QUERY PLAN {compiled}"))]
    shown = "\n".join(plan)
    print(f"\n{dialect} plan:\n{shown}")
    return shown


def scans_whole_table(plan: str, table: str, dialect: str) -> bool:
    if dialect == "postgresql":
        return f"Seq Scan on {table}" in plan
    return f"SCAN {table}" in plan.replace(f"SCAN {table} USING", "")
