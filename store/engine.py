"""Async engines and sessions for SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SessionFactory = async_sessionmaker[AsyncSession]
# PostgreSQL connections per process: the pool keeps POOL_SIZE, and opens up to
# MAX_OVERFLOW more under load.
POOL_SIZE = 10
MAX_OVERFLOW = 10


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An engine tuned per backend. SQLite gets one connection: it allows one writer."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=echo, pool_size=1, max_overflow=0,
                                     pool_timeout=60)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, echo=echo, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW,
                               pool_pre_ping=True)


def connection_limit(engine: AsyncEngine) -> int:
    """How many connections the engine hands out at once (its pool's capacity)."""
    return 1 if is_sqlite(engine) else POOL_SIZE + MAX_OVERFLOW


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    # SQLite's lower() folds ASCII only; searches fold with Python's, as PostgreSQL's
    # lower() does every script (store/invite_lists.py).
    dbapi_connection.create_function("itb_lower", 1, _lower, deterministic=True)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """A round trip to the database (raises when it does not answer)."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"
