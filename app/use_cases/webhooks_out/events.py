"""Outbox rows of kind "event": what happened, for the webhook subscribers to hear.

Each is written in the transaction of the change that caused it; the webhook worker fans
it out to the subscriptions of the company it belongs to. That company is the one owning
the project of the row's `invite_id`, or `company_id` in the payload when there is no
invite. Event rows never count as mail (no batch, no template).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from store.outbox import pending_row

INVITE_SENT = "invite.sent"
EMAIL_BOUNCED = "email.bounced"


def event_row(event_type: str, key: str, data: dict[str, Any], now: datetime, *,
              invite_id: int | None = None, company_id: int | None = None) -> dict[str, Any]:
    """One event; `key` makes it idempotent (a second insert with it is a no-op)."""
    payload: dict[str, Any] = {"type": event_type, "data": data}
    if company_id is not None:
        payload["company_id"] = company_id
    return pending_row(kind="event", idempotency_key=f"event:{event_type}:{key}", now=now,
                       invite_id=invite_id, payload=payload)


def bounced_event(*, outbox_id: int, message_id: str | None, person_id: int | None,
                  recipient: str | None, invite_id: int | None, diagnostic: str, source: str,
                  now: datetime, company_id: int | None = None) -> dict[str, Any]:
    """`email.bounced`: one per bounced message, whichever way the bounce reached us
    (the relay's 5xx, a provider's webhook, a bounce by mail)."""
    return event_row(EMAIL_BOUNCED, str(outbox_id), {
        "message_id": message_id, "recipient": recipient, "person_id": person_id,
        "invite_id": invite_id, "diagnostic": diagnostic[:500], "source": source,
        "at": now.isoformat()}, now, invite_id=invite_id, company_id=company_id)


def invite_sent_events(sent: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """`invite.sent` for each invite of a batch: `sent` holds invite_id, billing_period_id,
    commitment_id, batch_id, resend and contact_ids."""
    return [event_row(INVITE_SENT, f"{item['invite_id']}:{item['batch_id']}",
                      {**item, "at": now.isoformat()}, now, invite_id=item["invite_id"])
            for item in sent]
