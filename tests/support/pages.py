"""Page helpers: signing in as an administrator, reading a form's CSRF token, the dashboard."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import build, build_web_app
from tests.support.world import World, make_settings

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no form token"
    return found.group(1)


async def sign_in(client: TestClient, world: World, next_path: str = "/admin") -> str:
    """Signs the demo administrator in; returns where the sign-in redirected to."""
    form = await client.get(f"/sign-in?next={next_path}")
    response = await client.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "next": next_path,
        "email": world.demo.admin_email, "password": world.demo.admin_password})
    assert response.status == 303, await response.text()
    return response.headers["Location"]


def dashboard_url(world: World) -> str:
    return f"/admin/projects/{world.demo.project_id}"


async def send_form(client: TestClient, world: World, ids: list[int],
                    **extra: str) -> dict[str, object]:
    page = await client.get(dashboard_url(world))
    return {"csrf_token": csrf_token(await page.text()), "commitment": [str(i) for i in ids],
            **extra}


async def post_send(client: TestClient, world: World, data: dict[str, object]):  # type: ignore[no-untyped-def]
    fields = [(name, value) for name, values in data.items()
              for value in (values if isinstance(values, list) else [values])]
    return await client.post(f"/admin/periods/{world.demo.billing_period_id}/invites",
                             data=fields, allow_redirects=False)


@asynccontextmanager
async def app_with_keys(world: World, tmp_path: Path, db_url: str, keys: list[str],
                        **overrides: object) -> AsyncIterator[TestClient]:
    """Another process of the same installation (same database), with other keys."""
    settings = make_settings(tmp_path / "other", db_url, secret_keys=keys,
                             dev_mailbox_port=world.sink.port, **overrides)
    container = await build(settings, connect_redis=False, clock=world.clock)
    client = TestClient(TestServer(build_web_app(container)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
        await container.aclose()
