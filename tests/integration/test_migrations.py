"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from store.engine import create_engine
from store.migrate import current_revision, head_revision, upgrade_to_head
from store.tables import metadata


def _differences(connection):  # type: ignore[no-untyped-def]
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, metadata)


async def test_migrations_apply_to_an_empty_database_twice_and_match_the_models(empty_db_url):  # type: ignore[no-untyped-def]
    engine = create_engine(empty_db_url)
    try:
        assert await current_revision(engine) is None
        await upgrade_to_head(engine)
        await upgrade_to_head(engine)  # the second run is a no-op, not an error
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            differences = await connection.run_sync(_differences)
        assert set(metadata.tables) <= tables
        assert differences == []
    finally:
        await engine.dispose()
