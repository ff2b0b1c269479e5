"""A real webhook receiver for tests: an aiohttp server on loopback that checks every
request with the `standardwebhooks` library (not our code) and answers as scripted."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Hook:
    webhook_id: str
    body: dict[str, Any]
    verified: bool
    answered: int
    user_agent: str = ""


@dataclass
class WebhookReceiver:
    """Answers `status` (default 200), but `fail_first` times with `failure` for each new
    webhook-id first. `secret` must be set before requests come (it verifies them)."""

    secret: str | None = None
    status: int = 200
    failure: int = 500
    fail_first: int = 0
    host: str = "127.0.0.1"
    hooks: list[Hook] = field(default_factory=list)
    arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _tries: Counter[str] = field(default_factory=Counter)
    _runner: web.AppRunner | None = None
    port: int = 0

    async def start(self) -> WebhookReceiver:
        app = web.Application()
        app.router.add_post("/hooks", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/hooks"

    def accepted(self) -> Counter[str]:
        """webhook-id -> how many times it was answered 2xx."""
        return Counter(h.webhook_id for h in self.hooks if 200 <= h.answered < 300)

    async def wait_for(self, count: int) -> None:
        async with self.arrived:
            await self.arrived.wait_for(lambda: len(self.hooks) >= count)

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        verified = True
        try:
            assert self.secret is not None
            Webhook(self.secret).verify(raw, dict(request.headers))
        except (WebhookVerificationError, AssertionError):
            verified = False
        webhook_id = request.headers.get("webhook-id", "")
        self._tries[webhook_id] += 1
        answer = self.failure if self._tries[webhook_id] <= self.fail_first else self.status
        if not verified:
            answer = 401
        async with self.arrived:
            self.hooks.append(Hook(webhook_id, json.loads(raw), verified, answer,
                                   request.headers.get("User-Agent", "")))
            self.arrived.notify_all()
        return web.Response(status=answer, text=f"answered {answer}")
