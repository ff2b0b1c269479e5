"""Readiness: the database answers, and Redis when it is configured."""

from __future__ import annotations

import asyncio

from app.use_cases.context import UseCaseContext
from domain.model import Health
from store.engine import ping


class HealthProbe:
    def __init__(self, ctx: UseCaseContext, redis: object | None = None) -> None:
        self.ctx = ctx
        self.redis = redis

    async def check(self) -> Health:
        checks = {"database": await self._database()}
        if self.redis is not None:
            checks["redis"] = await self._redis()
        return Health(ok=all(value == "ok" for value in checks.values()), checks=checks)

    async def _database(self) -> str:
        try:
            async with asyncio.timeout(2):
                await ping(self.ctx.engine)
            return "ok"
        except Exception as exc:  # any failure means "not ready"; the reason is reported
            return f"error: {type(exc).__name__}"

    async def _redis(self) -> str:
        try:
            async with asyncio.timeout(2):
                await self.redis.ping()
            return "ok"
        except Exception as exc:
            return f"error: {type(exc).__name__}"
