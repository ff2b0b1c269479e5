"""The composition root: app/bootstrap.py builds, app/background.py starts and stops."""

from __future__ import annotations

import asyncio

from app.background import in_process_jobs
from app.bootstrap import Container, build, build_web_app
from app.settings import Settings
from web.keys import DEPS


def test_the_pages_read_links_with_the_one_signer(container: Container) -> None:
    app = build_web_app(container)
    assert app[DEPS].links is container.signer


async def test_building_starts_nothing_until_background_work_is_entered(
        settings: Settings) -> None:
    before = len(asyncio.all_tasks())
    built = await build(settings, connect_redis=False, in_process_jobs=True)
    try:
        assert len(asyncio.all_tasks()) == before
        async with in_process_jobs(built):
            assert len(asyncio.all_tasks()) > before
        assert len(asyncio.all_tasks()) == before
    finally:
        await built.aclose()
