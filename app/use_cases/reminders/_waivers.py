"""Reminders for unsigned lien waivers, in the reminder scan (cadence: domain.waivers).

Each reminder is the signer's signing mail again (a new link of the waiver's current
version), keyed `waiver_reminder:<waiver>:<local date>`, and a `reminded` line on the
waiver's trail, in one transaction: a second scan the same day writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.waivers import UNSIGNED_STATUSES, waiver_reminder_due
from mailer.message_ids import new_message_id
from store import outbox, people, waivers
from store.outbox import pending_row

REMINDER_NOTE = "Reminder: this waiver is still waiting for your signature."


async def remind_unsigned_waivers(session: AsyncSession, at: datetime, domain: str) -> int:
    """Queue today's waiver reminders; returns how many were new."""
    queued = 0
    statuses = [status.value for status in UNSIGNED_STATUSES]
    for waiting in await waivers.unsigned_waivers(session, statuses):
        zone = ZoneInfo(waiting.time_zone)
        local = at.astimezone(zone)
        last = max(waiting.reminded_at, default=None)
        if not waiver_reminder_due(waiting.requested_at.astimezone(zone).date(),
                                   None if last is None else last.astimezone(zone).date(),
                                   len(waiting.reminded_at), local.date(), local.hour):
            continue
        row = waiting.row
        key = f"waiver_reminder:{row.id}:{local.date().isoformat()}"
        if await outbox.key_exists(session, key):
            continue
        await outbox.enqueue(session, [pending_row(
            kind="email", template="waiver_requested", person_id=row.signer_id, now=at,
            idempotency_key=key, message_id=new_message_id(domain),
            payload={"waiver_id": row.id, "link_version": row.link_version,
                     "note": REMINDER_NOTE})])
        signer = await people.person_row(session, row.signer_id)
        await waivers.add_event(session, row.id or 0, "reminded", at,
                                signer.email if signer else "the signer")
        queued += 1
    return queued
