"""What a late request writes besides itself: the invite's history and the outbox mail
(`late_request` to each administrator, `late_decided` to the contact who asked)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.model import Administrator
from mailer.message_ids import new_message_id
from store.late_requests import LateRequestFacts
from store.outbox import pending_row

Rows = list[dict[str, Any]]


def request_rows(facts: LateRequestFacts, admin_ids: list[int], domain: str,
                 now: datetime) -> tuple[Rows, Rows]:
    event = {"invite_id": facts.invite_id, "kind": "late_requested",
             "person_id": facts.requested_by_id, "channel": "page", "at": now,
             "detail": {"late_request_id": facts.id, "reason": facts.reason,
                        "summary": "asked for more time" + (
                            f": {facts.reason}" if facts.reason else "")}}
    mails = [pending_row(kind="email", template="late_request", person_id=admin_id,
                         idempotency_key=f"late_request:{facts.id}:{admin_id}", now=now,
                         message_id=new_message_id(domain),
                         payload={"late_request_id": facts.id})
             for admin_id in admin_ids]
    return [event], mails


def decision_rows(facts: LateRequestFacts, admin: Administrator, domain: str,
                  now: datetime) -> tuple[Rows, Rows]:
    granted = facts.status == "granted"
    summary = (f"{facts.days} more day{'s' if facts.days != 1 else ''}, until the end of "
               f"{facts.new_due_date.isoformat() if facts.new_due_date else ''}"
               if granted else "more time refused")
    event = {"invite_id": facts.invite_id,
             "kind": "late_granted" if granted else "late_refused",
             "person_id": admin.person_id, "channel": "page", "at": now,
             "detail": {"late_request_id": facts.id, "days": facts.days,
                        "new_due_date": (facts.new_due_date.isoformat()
                                         if facts.new_due_date else None),
                        "summary": summary}}
    mail = pending_row(kind="email", template="late_decided",
                       person_id=facts.requested_by_id, invite_id=facts.invite_id,
                       idempotency_key=f"late_decided:{facts.id}", now=now,
                       message_id=new_message_id(domain),
                       payload={"late_request_id": facts.id})
    return [event], [mail]
