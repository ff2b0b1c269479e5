"""Migration 0011 (the team) down and up again with rows in place, on SQLite and
PostgreSQL: contacts' sign-in links survive and are sign-in links again; administrators'
invitation and reset links do not survive the downgrade (before 0011 every link signed a
contact in); the sign-in history goes and comes back empty."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import alembic_config, upgrade_to_head
from tests.support.migrations import downgrade_to

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


async def _insert(connection: AsyncConnection, table: str, **values: Any) -> None:
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    await connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


async def _rows(connection: AsyncConnection) -> None:
    await _insert(connection, "company", id=1, name="Summit", kind="upstream", created_at=AT)
    await _insert(connection, "company", id=2, name="Granite", kind="contract",
                  owner_company_id=1, created_at=AT)
    await _insert(connection, "person", id=1, company_id=1, name="Ada", email="ada@s.example",
                  role="admin", deliverable=True, created_at=AT)
    await _insert(connection, "person", id=2, company_id=1, name="Cas", email="cas@s.example",
                  role="invited_admin", deliverable=True, created_at=AT)
    await _insert(connection, "person", id=3, company_id=2, name="Mo", email="mo@g.example",
                  role="contact", deliverable=True, created_at=AT)
    for link_id, person_id, purpose in ((1, 3, "sign-in"), (2, 2, "admin-invitation"),
                                        (3, 1, "password-reset")):
        await _insert(connection, "sign_in_link", id=link_id, person_id=person_id,
                      token_hash=f"hash{link_id}", nonce="n", created_at=AT, expires_at=AT,
                      purpose=purpose)
    await _insert(connection, "sign_in_attempt", id=1, at=AT, email_tried="ada@s.example",
                  person_id=1, company_id=1, outcome="signed_in")


async def test_0011_goes_down_and_up_again_with_rows_in_place(empty_db_url: str) -> None:
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0011").down_revision
    assert isinstance(before, str)
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.begin() as connection:
            await _rows(connection)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to(before))
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            columns = await connection.run_sync(
                lambda c: {column["name"] for column in inspect(c).get_columns("sign_in_link")})
            links = (await connection.execute(text(
                "SELECT id, person_id FROM sign_in_link ORDER BY id"))).all()
        assert "sign_in_attempt" not in tables and "purpose" not in columns
        assert [tuple(row) for row in links] == [(1, 3)]  # only the contact's link is left

        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            links = (await connection.execute(text(
                "SELECT id, purpose FROM sign_in_link ORDER BY id"))).all()
            history = (await connection.execute(text(
                "SELECT count(*) FROM sign_in_attempt"))).scalar_one()
            roles = (await connection.execute(text(
                "SELECT role FROM person ORDER BY id"))).scalars().all()
        assert [tuple(row) for row in links] == [(1, "sign-in")] and history == 0
        assert roles == ["admin", "invited_admin", "contact"]
    finally:
        await engine.dispose()
