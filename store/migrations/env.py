"""Alembic environment: uses the connection handed over by store.migrate, or the URL."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from store.tables import metadata

config = context.config


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_url(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(run_with)
    await engine.dispose()


given = config.attributes.get("connection")
if given is not None:
    run_with(given)
else:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "ITB_DATABASE_URL", "sqlite+aiosqlite:///./var/itb.sqlite3")
    asyncio.run(run_from_url(url))
