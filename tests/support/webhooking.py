"""Helpers for the webhook tests: requests signed with the `standardwebhooks` library,
counting what the database holds, and the received events."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook

from store import tables as t
from tests.support.world import WEBHOOK_SECRETS, World

ERP = WEBHOOK_SECRETS["erp"]
COUNTED = (t.ReceivedWebhook, t.OutboxMessage, t.Commitment, t.BillingPeriod, t.Invite,
           t.InviteEvent, t.Person, t.SovLine, t.InvoiceContact, t.Company)


def new_id() -> str:
    return f"msg_{secrets.token_hex(8)}"


def signed_headers(body: bytes, *, secret: str = ERP, webhook_id: str | None = None,
                   at: datetime | None = None) -> dict[str, str]:
    """Headers as a Standard Webhooks sender makes them, with the library's signer."""
    webhook_id = webhook_id or new_id()
    moment = at or datetime.now(UTC)
    signature = Webhook(secret).sign(webhook_id, moment, body.decode())
    return {"webhook-id": webhook_id, "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": signature, "Content-Type": "application/json"}


def event_body(event_type: str, data: dict[str, Any]) -> bytes:
    return json.dumps({"type": event_type, "timestamp": datetime.now(UTC).isoformat(),
                       "data": data}).encode()


async def post_event(client: TestClient, event_type: str, data: dict[str, Any], *,
                     source: str = "erp", webhook_id: str | None = None) -> ClientResponse:
    body = event_body(event_type, data)
    secret = WEBHOOK_SECRETS.get(source, ERP)
    return await client.post(f"/webhooks/{source}", data=body,
                             headers=signed_headers(body, secret=secret,
                                                    webhook_id=webhook_id))


async def counts(world: World) -> dict[str, int]:
    """How many rows each table the webhooks could touch holds."""
    found = {}
    async with world.container.ctx.sessions() as session:
        for table in COUNTED:
            query = select(func.count()).select_from(table)
            found[table.__tablename__] = int(await session.scalar(query) or 0)
    return found


async def received(world: World, webhook_id: str) -> t.ReceivedWebhook:
    async with world.container.ctx.sessions() as session:
        row = (await session.execute(select(t.ReceivedWebhook).where(
            t.ReceivedWebhook.webhook_id == webhook_id))).scalars().one()
    return row


async def rows(world: World, table: Any, *where: Any) -> list[Any]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(table).where(*where)
                                           .order_by(table.id))).scalars())


PROJECT = {"number": "RMOB-2026"}
