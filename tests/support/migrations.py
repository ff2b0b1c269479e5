"""Moving a test database up and down the Alembic revisions on one connection."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.migrate import alembic_config


def downgrade_to(revision: str) -> Callable[[Connection], None]:
    """A function for `AsyncConnection.run_sync` that downgrades to `revision` (or a
    relative one such as "0009-1") on that connection."""
    def downgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    return downgrade


async def columns_of(connection: AsyncConnection, table: str) -> set[str]:
    """The column names `table` has now, or an empty set when there is no such table."""
    def read(sync: Connection) -> set[str]:
        found = inspect(sync)
        if table not in found.get_table_names():
            return set()
        return {column["name"] for column in found.get_columns(table)}
    return await connection.run_sync(read)


async def add_project_of_old(connection: AsyncConnection) -> None:
    """A company and a project written with only the columns every revision from 0013 on
    has: what a migration does to rows that existed before it."""
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
