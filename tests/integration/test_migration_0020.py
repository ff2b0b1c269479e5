"""Migration 0020 (a project's state, a sworn statement's figures) goes up, down to 0019
and up again on SQLite and PostgreSQL: a project made before it reads state "" after."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from tests.support.migrations import add_project_of_old, columns_of, downgrade_to


async def _columns(connection: AsyncConnection) -> tuple[bool, bool]:
    return ("state" in await columns_of(connection, "project"),
            "statement" in await columns_of(connection, "lien_waiver"))


async def test_0020_upgrades_downgrades_and_upgrades_again(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert await _columns(connection) == (True, True)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0019"))
        assert await current_revision(engine) == "0019"
        async with engine.connect() as connection:
            assert await _columns(connection) == (False, False)
        async with engine.begin() as connection:  # a project made before the column exists
            await add_project_of_old(connection)
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert await _columns(connection) == (True, True)
            kept = (await connection.execute(text("SELECT state FROM project"))).all()
        assert kept == [("",)]
    finally:
        await engine.dispose()
