"""Reaching the real PostgreSQL and Redis of this machine; CI=true makes absence a failure."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

PG_ADMIN_URL = os.environ.get("ITB_TEST_POSTGRES_URL",
                              "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
T = TypeVar("T")
REDIS_SERVER = os.environ.get("ITB_TEST_REDIS_SERVER", "redis://127.0.0.1:6379")
# Databases 1-12 are for test sessions; 13+ for benchmarks and development.
REDIS_TEST_DATABASES = range(1, 13)
REDIS_LOCK = "itb:test-session-lock"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(what: str, exc: BaseException) -> None:
    """Skip locally; in CI a missing service fails the run (it is not a pass)."""
    message = f"{what} is not reachable: {type(exc).__name__}: {exc}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def create_database() -> str:
    """A fresh, empty database on the local server; returns its SQLAlchemy URL."""
    import asyncpg

    name = f"itb_test_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


async def drop_database(url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run set-up work to completion on its own loop, even when called from a running one
    (session fixtures may be first requested from inside an async test)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# Replaces the claim only if it still names the same (dead) owner: two sessions that both
# found it dead cannot both take it.
_TAKE_OVER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
return false
"""


def _owner_is_gone(owner: bytes) -> bool:
    """A claim of a process of this machine that no longer runs (killed before it could
    release it). Claims name the host and the pid; another host's claim is left alone."""
    host, _, rest = owner.decode(errors="replace").partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim_redis_database() -> str:
    """A Redis database no other test session uses (several suites may run at once on one
    machine, each with a session per pytest-xdist worker, and each test flushes its
    database). The claim expires on its own, and a claim whose process died is taken over."""
    import redis as redis_sync

    owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    for number in REDIS_TEST_DATABASES:
        client = redis_sync.Redis.from_url(f"{REDIS_SERVER}/{number}", socket_timeout=3)
        try:
            if client.set(REDIS_LOCK, owner, nx=True, ex=3 * 3600):
                return f"{REDIS_SERVER}/{number}"
            held = client.get(REDIS_LOCK)
            if held is not None and _owner_is_gone(held) and client.eval(
                    _TAKE_OVER, 1, REDIS_LOCK, held, owner, 3 * 3600):
                return f"{REDIS_SERVER}/{number}"
        finally:
            client.close()
    raise RuntimeError("every Redis test database is claimed by another test session")


def release_redis_database(url: str) -> None:
    import redis as redis_sync

    client = redis_sync.Redis.from_url(url, socket_timeout=3)
    try:
        client.flushdb()
    finally:
        client.close()
