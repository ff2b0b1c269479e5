"""Migration 0010 (late requests, the invite's own due date) goes down and up again on
SQLite and PostgreSQL, leaving exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from store.tables import metadata
from tests.support.migrations import downgrade_to


def _schema(connection: Connection) -> tuple[set[str], set[str], list[object]]:
    inspector = inspect(connection)
    invite_columns = {column["name"] for column in inspector.get_columns("invite")}
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return set(inspector.get_table_names()), invite_columns, compare_metadata(context, metadata)


async def test_0010_goes_down_and_up_again(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            tables, invite_columns, differences = await connection.run_sync(_schema)
        assert "late_request" in tables and "extended_due_date" in invite_columns
        assert differences == []
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0006"))
        assert await current_revision(engine) == "0006"
        async with engine.connect() as connection:
            tables, invite_columns, _ = await connection.run_sync(_schema)
        assert "late_request" not in tables and "extended_due_date" not in invite_columns
        assert "invite" in tables
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            tables, invite_columns, differences = await connection.run_sync(_schema)
        assert "late_request" in tables and differences == []
    finally:
        await engine.dispose()
