"""Releasing held waivers when the payment they waive is recorded (the payments
capability calls it in the payment's own transaction)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.waivers._rows import WAIVER_RELEASED, waiver_event, waiver_mail
from domain.waivers import WaiverStatus
from store import outbox, waivers
from store.tables import LienWaiver


async def release(session: AsyncSession, row: LienWaiver, actor: str, company_id: int,
                  reviewer_id: int | None, inbound_domain: str, now: datetime) -> None:
    """Make the clean signed PDF available; the administrator is mailed."""
    row.released_at = now
    await session.flush()
    await waivers.add_event(session, row.id or 0, "released", now, actor)
    rows = [waiver_event(WAIVER_RELEASED, row, company_id, now)]
    if reviewer_id is not None:
        rows.append(waiver_mail("waiver_released", row, reviewer_id, inbound_domain, now))
    await outbox.enqueue(session, rows)


async def release_paid(session: AsyncSession, paid_invoice_id: int, paid: Decimal,
                       company_id: int, reviewer_id: int | None, inbound_domain: str,
                       now: datetime) -> list[LienWaiver]:
    """Release every held waiver of `paid_invoice_id` that `paid` now covers."""
    released = []
    for row in await waivers.waivers_paying(session, paid_invoice_id):
        if (row.held and row.released_at is None and row.status != WaiverStatus.VOID.value
                and paid >= row.amount):
            await release(session, row, "payment recorded", company_id, reviewer_id,
                          inbound_domain, now)
            released.append(row)
    return released
