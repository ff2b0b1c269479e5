"""Migration 0020 (a project's state, a sworn statement's figures) goes up, down to 0019
and up again on SQLite and PostgreSQL: a project made before it reads state "" after."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from tests.support.migrations import downgrade_to


async def _columns(connection: AsyncConnection) -> tuple[bool, bool]:
    def read(sync: Connection) -> tuple[bool, bool]:
        found = inspect(sync)
        project = {column["name"] for column in found.get_columns("project")}
        waiver = {column["name"] for column in found.get_columns("lien_waiver")}
        return "state" in project, "statement" in waiver
    return await connection.run_sync(read)


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
            await connection.execute(text(
                "INSERT INTO company (name, kind, created_at) "
                "VALUES ('Acme', 'upstream', CURRENT_TIMESTAMP)"))
            await connection.execute(text(
                "INSERT INTO project (company_id, name, number, time_zone, locale, "
                "accounting_method, allow_overbilling, reminder_days_before, reminder_hour, "
                "reminder_daily_after_due, reminder_max_after_due, created_at, "
                "period_start_day, period_end_day, period_due_day, period_week_start, "
                "period_cadence, period_send_invites) SELECT id, 'P', '1', 'UTC', 'en-US', "
                "'amount', false, '3,1', 8, true, 14, CURRENT_TIMESTAMP, 1, 'last', '25', 1, "
                "'never', false FROM company"))
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert await _columns(connection) == (True, True)
            kept = (await connection.execute(text("SELECT state FROM project"))).all()
        assert kept == [("",)]
    finally:
        await engine.dispose()
