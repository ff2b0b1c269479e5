"""Migration 0009 (uploaded import files) goes down and up again on SQLite and PostgreSQL,
with a kept upload in place."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from tests.support.migrations import downgrade_to


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_the_import_table_comes_and_goes(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO company (id, name, kind, created_at) "
                "VALUES (1, 'GC', 'upstream', CURRENT_TIMESTAMP)"))
            await connection.execute(text(
                "INSERT INTO person (id, company_id, name, email, role, deliverable, "
                "session_version, created_at) VALUES (1, 1, 'A', 'a@gc.example', 'admin', "
                "true, 1, CURRENT_TIMESTAMP)"))
            await connection.execute(text(
                "INSERT INTO project (id, company_id, name, number, time_zone, locale, "
                "accounting_method, allow_overbilling, reminder_days_before, reminder_hour, "
                "reminder_daily_after_due, reminder_max_after_due, created_at) VALUES (1, 1, "
                "'P', 'P-1', 'UTC', 'en-US', 'amount', false, '3,1', 8, true, 14, "
                "CURRENT_TIMESTAMP)"))
            await connection.execute(text(
                "INSERT INTO commitment_import (project_id, uploaded_by, filename, content, "
                "sha256, created_at, created_count, updated_count, unchanged_count) VALUES "
                "(1, 1, 'x.csv', :content, :digest, CURRENT_TIMESTAMP, 0, 0, 0)"),
                {"content": b"Commitment Number\r\n", "digest": "0" * 64})
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0009-1"))
        async with engine.connect() as connection:
            assert "commitment_import" not in await connection.run_sync(_tables)
            assert "project" in await connection.run_sync(_tables)
        assert await current_revision(engine) != head_revision()
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert "commitment_import" in await connection.run_sync(_tables)
    finally:
        await engine.dispose()
