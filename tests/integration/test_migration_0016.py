"""Migration 0016 (invite types) goes down and up again on SQLite and PostgreSQL: the
invite's `invoice_type` and the invoice line's `closed_short` come and go, and existing
rows read as work and materials, not closed short."""

from __future__ import annotations

from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import upgrade_to_head
from tests.support.migrations import downgrade_to


async def _columns(connection: AsyncConnection, table: str) -> dict[str, dict[str, object]]:
    def read(sync: Connection) -> dict[str, dict[str, object]]:
        return {column["name"]: dict(column) for column in inspect(sync).get_columns(table)}
    return await connection.run_sync(read)


async def test_invite_types_go_down_and_up(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            invite = await _columns(connection, "invite")
            line = await _columns(connection, "invoice_line")
        assert invite["invoice_type"]["nullable"] is False
        assert "work_and_materials" in str(invite["invoice_type"]["default"])
        assert line["closed_short"]["nullable"] is False
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0015"))
        async with engine.connect() as connection:
            assert "invoice_type" not in await _columns(connection, "invite")
            assert "closed_short" not in await _columns(connection, "invoice_line")
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert "invoice_type" in await _columns(connection, "invite")
            assert "closed_short" in await _columns(connection, "invoice_line")
    finally:
        await engine.dispose()
