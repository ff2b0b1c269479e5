"""Inbound webhook sources managed through the API: create, list, rotate, revoke.

A source's name is unique across settings (ITB_WEBHOOK_SECRETS) and the database; a revoked
source keeps its name (received events are recorded by it). After a rotation the previous
secret keeps verifying for ROTATION_OVERLAP, so the sender can switch without losing events.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, InvalidInput, NotFound
from domain.model import Administrator
from domain.webhooks import SourceWithSecret, WebhookSource
from store import mapping, received_webhooks
from store.tables import WebhookSource as WebhookSourceRow
from webhooks.signatures import new_secret

ROTATION_OVERLAP = timedelta(hours=24)
# Lower-case, within the receiver's SOURCE_PATTERN ([A-Za-z0-9_.-]{1,50}).
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.-]{0,49}")


def active_secrets(row: WebhookSourceRow, now: datetime) -> tuple[str, ...]:
    """The current secret, and the previous one while its overlap lasts."""
    if row.previous_secret and row.previous_expires_at and row.previous_expires_at > now:
        return (row.secret, row.previous_secret)
    return (row.secret,)


class WebhookSources:
    def __init__(self, ctx: UseCaseContext, configured_sources: frozenset[str]) -> None:
        self.ctx = ctx
        # Named in ITB_WEBHOOK_SECRETS: the API may not create a source of the same name.
        self.configured_sources = configured_sources

    async def create(self, admin: Administrator, name: str) -> SourceWithSecret:
        if not NAME_PATTERN.fullmatch(name):
            raise InvalidInput("name: 1 to 50 of a-z, 0-9, '_', '.', '-', starting with a "
                               "letter or digit")
        taken = Conflict(f"a webhook source named {name!r} exists", code="source_exists")
        if name in self.configured_sources:
            raise taken
        secret = new_secret()
        try:
            async with self.ctx.sessions.begin() as session:
                if await received_webhooks.source_name_taken(session, name):
                    raise taken
                row = await received_webhooks.add_source(
                    session, company_id=admin.company_id, name=name, secret=secret,
                    now=self.ctx.clock())
                return SourceWithSecret(mapping.webhook_source(row), secret)
        except IntegrityError:  # created by a concurrent request
            raise taken from None

    async def list_all(self, admin: Administrator) -> list[WebhookSource]:
        async with self.ctx.sessions() as session:
            rows = await received_webhooks.sources_of(session, admin.company_id)
        return [mapping.webhook_source(row) for row in rows]

    async def rotate(self, admin: Administrator, source_id: int) -> SourceWithSecret:
        secret = new_secret()
        async with self.ctx.sessions.begin() as session:
            row = await self._owned(session, admin, source_id)
            row.previous_secret, row.secret = row.secret, secret
            row.previous_expires_at = self.ctx.clock() + ROTATION_OVERLAP
            await session.flush()
            return SourceWithSecret(mapping.webhook_source(row), secret)

    async def revoke(self, admin: Administrator, source_id: int) -> None:
        async with self.ctx.sessions.begin() as session:
            row = await self._owned(session, admin, source_id)
            row.revoked_at = self.ctx.clock()

    async def _owned(self, session: AsyncSession, admin: Administrator,
                     source_id: int) -> WebhookSourceRow:
        row = await received_webhooks.source_of(session, admin.company_id, source_id)
        if row is None:
            raise NotFound(f"webhook source {source_id} not found")
        return row
