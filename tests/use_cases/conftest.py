"""The fast tier: use cases through the real bootstrap, on a real SQLite file (a copy of the
migrated template), with fakes only for the SMTP relay and the webhook poster."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.bootstrap import build
from app.use_cases.demo import Demo
from tests.support.fakes import FakePoster, FakeRelay, FastWorld, Outbox, Post
from tests.support.world import MovableClock, make_settings


@pytest.fixture
async def fast(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[FastWorld]:
    database = tmp_path / "fast.sqlite3"
    shutil.copy(sqlite_template, database)
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{database}")
    clock = MovableClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))
    mail, posts = Outbox(), list[Post]()
    container = await build(settings, connect_redis=False, clock=clock,
                            relay=lambda: FakeRelay(mail), poster=lambda: FakePoster(posts))
    demo = await Demo(container.ctx).load()
    admin = await container.access.admin_for_api_token(demo.api_token)
    assert admin is not None
    yield FastWorld(container, admin, demo, clock, mail, posts)
    await container.aclose()
