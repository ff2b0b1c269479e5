"""Fixtures of the browser tests: the real service on loopback and Debian's chromium.

Everything runs for real: the web app on an ephemeral port, deliveries in the background
(in-process jobs), and the development mailbox's SMTP server.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Browser, async_playwright
from playwright.async_api import Error as PlaywrightError

from app.background import in_process_jobs
from app.bootstrap import build, build_web_app
from app.use_cases.demo import Demo
from mailer.dev_mailbox import DevMailboxServer
from tests.support import services
from tests.support.browsing import CHROMIUM, CHROMIUM_ARGS, Service
from tests.support.world import TEST_KEY, MovableClock, make_settings


@pytest.fixture
async def service(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[Service]:
    database = tmp_path / "itb.sqlite3"
    shutil.copy(sqlite_template, database)
    mailbox = DevMailboxServer(tmp_path / "mailbox", "127.0.0.1", 0)
    await mailbox.start()
    # Bound before the settings are made, so base_url names the real port (no race).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{database}", base_url=base_url,
                             dev_mailbox_port=mailbox.port)
    clock = MovableClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))
    container = await build(settings, clock=clock, connect_redis=False, in_process_jobs=True)
    demo = await Demo(container.ctx).load()
    runner = web.AppRunner(build_web_app(container))
    await runner.setup()
    await web.SockSite(runner, listener).start()
    try:
        async with in_process_jobs(container):
            yield Service(base_url, demo, container)
    finally:
        await runner.cleanup()
        await container.aclose()
        await mailbox.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not await asyncio.to_thread(CHROMIUM.exists):
        services.unavailable("chromium", FileNotFoundError(str(CHROMIUM)))
    async with async_playwright() as playwright:
        try:
            launched = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                        args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            services.unavailable("chromium", exc)
        yield launched
        await launched.close()


@pytest.fixture
def cli_env(tmp_path: Path, empty_db_url: str) -> dict[str, str]:
    """The environment of a command-line process on an empty database of its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ITB_")}
    env.update(ITB_DATABASE_URL=empty_db_url, ITB_SECRET_KEYS=TEST_KEY, ITB_ENV="test",
               ITB_VAR_DIR=str(tmp_path / "var"), ITB_LOG_LEVEL="WARNING")
    return env
