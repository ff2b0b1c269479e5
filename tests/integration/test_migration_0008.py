"""Migration 0008 (directory edits) goes up, down to 0006 and up again on SQLite and
PostgreSQL: the merge records' table and the commitment's closing time come and go."""

from __future__ import annotations

from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from tests.support.migrations import downgrade_to


async def _schema(connection: AsyncConnection) -> tuple[bool, bool]:
    def read(sync: Connection) -> tuple[bool, bool]:
        found = inspect(sync)
        columns = {column["name"] for column in found.get_columns("commitment")}
        return "directory_merge" in found.get_table_names(), "closed_at" in columns
    return await connection.run_sync(read)


async def test_0008_upgrades_downgrades_and_upgrades_again(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert await _schema(connection) == (True, True)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0006"))
        assert await current_revision(engine) == "0006"
        async with engine.connect() as connection:
            assert await _schema(connection) == (False, False)
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert await _schema(connection) == (True, True)
    finally:
        await engine.dispose()
