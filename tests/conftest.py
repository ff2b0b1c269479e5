"""Fixtures shared by every tier: real databases, real Redis, the real application."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from app.bootstrap import Container, build
from app.settings import Settings
from app.use_cases.demo import Demo
from store.engine import create_engine
from store.migrate import upgrade_to_head
from store.tables import metadata
from tests.support import services
from tests.support.rival import load_rival
from tests.support.smtp_sinks import ScriptedSink
from tests.support.world import MovableClock, World, make_settings


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (much faster than migrating)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"

    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade_to_head(engine)
        await engine.dispose()

    services.run(migrate())
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL for this test session, migrated once."""
    try:
        url = services.run(services.create_database())
    except OSError as exc:
        services.unavailable("PostgreSQL", exc)

    async def migrate() -> None:
        engine = create_engine(url)
        await upgrade_to_head(engine)
        await engine.dispose()

    services.run(migrate())
    yield url
    services.run(services.drop_database(url))


async def truncate_all(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path,
                 sqlite_template: Path) -> AsyncIterator[str]:
    """An empty, migrated database: a SQLite file, then the local PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "itb.sqlite3"
        shutil.copy(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_url")
    await truncate_all(url)
    yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database with no tables at all (for migrations and the command line)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    try:
        url = await services.create_database()
    except OSError as exc:
        services.unavailable("PostgreSQL", exc)
    yield url
    await services.drop_database(url)


@pytest.fixture(scope="session")
def redis_database() -> Iterator[str]:
    """A Redis database of this test session's own (claimed, released at the end)."""
    try:
        url = services.claim_redis_database()
    except Exception as exc:  # redis-py's errors are not OSErrors; any failure: no Redis
        services.unavailable("Redis", exc)
    yield url
    services.release_redis_database(url)


@pytest.fixture
def redis_url(redis_database: str) -> str:
    """The session's Redis database, emptied before the test (the claim is kept)."""
    import redis as redis_sync

    client = redis_sync.Redis.from_url(redis_database, socket_timeout=3)
    try:
        owner = client.get(services.REDIS_LOCK)
        client.flushdb()
        if owner is not None:
            client.set(services.REDIS_LOCK, owner, ex=3 * 3600)
    finally:
        client.close()
    return redis_database


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return make_settings(tmp_path, db_url)


@pytest.fixture
async def container(settings: Settings) -> AsyncIterator[Container]:
    built = await build(settings, connect_redis=False)
    yield built
    await built.aclose()


@pytest.fixture
async def api(container: Container) -> AsyncIterator[TestClient]:
    """The whole HTTP application over a real socket, on the test's database."""
    from app.bootstrap import build_web_app

    client = TestClient(TestServer(build_web_app(container)))
    await client.start_server()
    yield client
    await client.close()


async def _admin_headers(container: Container, email: str, company: str) -> dict[str, str]:
    await container.access.create_admin(email=email, name="Ada Admin",
                                        password="correct horse battery", company_name=company)
    token = await container.access.issue_api_token(email)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def admin_headers(container: Container) -> dict[str, str]:
    return await _admin_headers(container, "ada@summit.example", "Summit Builders")


@pytest.fixture
async def other_admin_headers(container: Container) -> dict[str, str]:
    return await _admin_headers(container, "otto@rival.example", "Rival Construction")


@pytest.fixture
def clock() -> MovableClock:
    # Mid-month: the demo period (this month, due on the 25th) is open and not yet due.
    return MovableClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))


@pytest.fixture
async def sink() -> AsyncIterator[ScriptedSink]:
    server = await ScriptedSink().start()
    yield server
    await server.stop()


@pytest.fixture
async def world(tmp_path: Path, db_url: str, sink: ScriptedSink,
                clock: MovableClock) -> AsyncIterator[World]:
    settings = make_settings(tmp_path, db_url, dev_mailbox_port=sink.port)
    built = await build(settings, connect_redis=False, clock=clock)
    demo = await Demo(built.ctx).load()
    admin = await built.access.admin_for_api_token(demo.api_token)
    assert admin is not None
    yield World(built, admin, demo, sink, clock, await load_rival(built))
    await built.aclose()


@pytest.fixture
async def world_api(world: World) -> AsyncIterator[TestClient]:
    """The HTTP application of `world` (the demo loaded, mail going to `sink`)."""
    from app.bootstrap import build_web_app

    client = TestClient(TestServer(build_web_app(world.container)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def world_headers(world: World) -> dict[str, str]:
    """The demo administrator's bearer token."""
    return {"Authorization": f"Bearer {world.demo.api_token}"}
