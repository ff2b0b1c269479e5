"""Migration 0019 (sub-tier waivers) goes up, down to 0018 and up again on SQLite and
PostgreSQL: the project's sub-tier waiver rule and threshold (existing rows ask none) and
the sub_tier_waiver table come and go."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from tests.support.migrations import add_project_of_old, columns_of, downgrade_to


async def _schema(connection: AsyncConnection) -> tuple[bool, bool, bool]:
    project = await columns_of(connection, "project")
    return ("sub_tier_waiver_rule" in project, "sub_tier_waiver_threshold" in project,
            bool(await columns_of(connection, "sub_tier_waiver")))


async def test_0019_upgrades_downgrades_and_upgrades_again(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert await _schema(connection) == (True, True, True)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0018"))
        assert await current_revision(engine) == "0018"
        async with engine.connect() as connection:
            assert await _schema(connection) == (False, False, False)
        async with engine.begin() as connection:  # a project made before the columns exist
            await add_project_of_old(connection)
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert await _schema(connection) == (True, True, True)
            kept = (await connection.execute(text(
                "SELECT sub_tier_waiver_rule, sub_tier_waiver_threshold FROM project"))).all()
        assert [(rule, int(threshold)) for rule, threshold in kept] == [("none", 0)]
    finally:
        await engine.dispose()
