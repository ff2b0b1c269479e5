"""Reminders for unsigned lien waivers, in the reminder scan (cadence: domain.waivers).

Each reminder is the signer's signing mail again (a new link of the waiver's current
version), keyed `waiver_reminder:<waiver>:<local date>`, and a `reminded` line on the
waiver's trail, in one transaction: a second scan the same day writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.waivers import UNSIGNED_STATUSES, WaiverAudience, waiver_reminder_due
from mailer.message_ids import new_message_id
from store import outbox, people, sub_tier_waivers, waivers
from store.outbox import pending_row

REMINDER_NOTE = "Reminder: this waiver is still waiting for your signature."
REQUEST_TEMPLATES = {WaiverAudience.CONTACT: "waiver_requested",
                     WaiverAudience.SUB_TIER: "sub_tier_waiver_requested"}


async def remind_unsigned_waivers(session: AsyncSession, at: datetime, domain: str) -> int:
    """Queue today's waiver reminders; returns how many were new."""
    queued = 0
    statuses = [status.value for status in UNSIGNED_STATUSES]
    waiting_rows = await waivers.unsigned_waivers(session, statuses)
    of_sub_tiers = await sub_tier_waivers.sub_tiers_of_waivers(
        session, [waiting.row.id or 0 for waiting in waiting_rows])
    for waiting in waiting_rows:
        zone = ZoneInfo(waiting.time_zone)
        local = at.astimezone(zone)
        last = max(waiting.reminded_at, default=None)
        row = waiting.row
        audience = (WaiverAudience.SUB_TIER if row.id in of_sub_tiers
                    else WaiverAudience.CONTACT)
        if not waiver_reminder_due(waiting.requested_at.astimezone(zone).date(),
                                   None if last is None else last.astimezone(zone).date(),
                                   len(waiting.reminded_at), local.date(), local.hour,
                                   audience=audience, waited=at - waiting.requested_at):
            continue
        key = f"waiver_reminder:{row.id}:{local.date().isoformat()}"
        if await outbox.key_exists(session, key):
            continue
        payload: dict[str, object] = {"waiver_id": row.id, "link_version": row.link_version,
                                      "note": REMINDER_NOTE}
        if audience is WaiverAudience.SUB_TIER:  # its mail says it in the project's language
            payload.update(note=None, reminder=True)
        await outbox.enqueue(session, [pending_row(
            kind="email", template=REQUEST_TEMPLATES[audience], person_id=row.signer_id,
            now=at, idempotency_key=key, message_id=new_message_id(domain),
            payload=payload)])
        signer = await people.person_row(session, row.signer_id)
        await waivers.add_event(session, row.id or 0, "reminded", at,
                                signer.email if signer else "the signer")
        queued += 1
    return queued
