"""Migration 0014 (sub-tiers) goes down to 0006 and up again on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from store.engine import create_engine
from store.migrate import current_revision, upgrade_to_head
from tests.support.migrations import downgrade_to

TABLES = {"sub_tier", "sub_tier_line", "no_sub_tiers_certificate"}


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_the_sub_tier_tables_come_and_go_with_the_revision(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert TABLES <= await connection.run_sync(_tables)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0006"))
        assert await current_revision(engine) == "0006"
        async with engine.connect() as connection:
            assert not TABLES & await connection.run_sync(_tables)
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert TABLES <= await connection.run_sync(_tables)
    finally:
        await engine.dispose()
