"""What the reminder scan does with one due invite: whom it reminds today, which outbox
rows and events that writes, and the invite's next reminder instant.

The rules are the domain's (domain/reminders.py); this module applies them to the rows the
store hands over and shapes what gets written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.model import InviteStatus, ReminderPolicy
from domain.periods import is_past_due, local_date
from domain.reminders import (
    ReminderTarget,
    ScheduledReminder,
    next_reminder_at,
    reminder_due_now,
    schedule_continues,
    wants_reminders,
)
from mailer.message_ids import new_message_id
from store.outbox import pending_row
from store.reminders import ContactFacts, DueInvite

REMINDED_EVENT = "invite.reminded"


@dataclass(frozen=True)
class InvitePlan:
    invite: DueInvite
    reminder: ScheduledReminder | None
    recipients: tuple[ContactFacts, ...]
    next_at: datetime | None

    def key(self, contact: ContactFacts) -> str:
        assert self.reminder is not None
        return (f"reminder:{self.invite.invite_id}:{contact.id}:"
                f"{self.reminder.local_date.isoformat()}")


_CadenceKey = tuple[ReminderPolicy, str, date, date | None, datetime | None]
_CadenceAnswer = tuple[ScheduledReminder | None, datetime | None]


class Cadence:
    """The domain's schedule, asked once per distinct schedule in one scan.

    The invites of a period share their policy, zone and due date, and the schedule depends
    on the invite's time only through its local date (domain.reminders), so a scan of a
    thousand invites computes a handful of schedules.
    """

    def __init__(self, at: datetime) -> None:
        self.at = at
        self._answers: dict[_CadenceKey, _CadenceAnswer] = {}

    def answer(self, invite: DueInvite) -> _CadenceAnswer:
        """Today's reminder if its time has come, and the next instant after `at`."""
        zone, invited_at = invite.time_zone, invite.invited_at
        closed_at = None if invite.period_open else (invite.closed_at or self.at)
        invited_on = local_date(invited_at, zone) if invited_at is not None else None
        key = (invite.policy, zone, invite.due_date, invited_on, closed_at)
        if key not in self._answers:
            wanting = ReminderTarget(InviteStatus.INVITED, invoice_sent=False,
                                     deliverable=True, invited_at=invited_at)
            self._answers[key] = (
                reminder_due_now(invite.policy, zone, invite.due_date, self.at, wanting,
                                 closed_at=closed_at),
                next_reminder_at(invite.policy, zone, invite.due_date, self.at,
                                 invited_at=invited_at, closed_at=closed_at))
        return self._answers[key]


def plan_invite(invite: DueInvite, cadence: Cadence) -> InvitePlan:
    reminder, next_at = cadence.answer(invite)
    wants = wants_reminders(invite.status, invoice_sent=invite.invoice_sent, deliverable=True)
    recipients = tuple(contact for contact in invite.contacts if contact.deliverable)
    if reminder is None or not wants:
        reminder, recipients = None, ()
    if not schedule_continues(
            invite.status, invoice_sent=invite.invoice_sent, period_open=invite.period_open,
            past_due=is_past_due(cadence.at, invite.due_date, invite.time_zone)):
        next_at = None
    return InvitePlan(invite, reminder, recipients, next_at)


def mail_rows(plan: InvitePlan, inbound_domain: str, now: datetime) -> list[dict[str, Any]]:
    """One `reminder` mail per recipient, keyed by invite, contact and local date."""
    if plan.reminder is None:
        return []
    invite, day = plan.invite, plan.reminder.local_date
    payload = {"kind": plan.reminder.kind.value, "local_date": day.isoformat(),
               "answered_yes": invite.status is InviteStatus.ACCEPTED}
    return [pending_row(kind="email", template="reminder", invite_id=invite.invite_id,
                        person_id=contact.id, idempotency_key=plan.key(contact),
                        message_id=new_message_id(inbound_domain),
                        payload=payload, now=now)
            for contact in plan.recipients]


def reminded(plan: InvitePlan, new_keys: set[str]) -> tuple[ContactFacts, ...]:
    """The recipients whose reminder this scan wrote (not an earlier one)."""
    return tuple(c for c in plan.recipients if plan.key(c) in new_keys)


def invite_event(plan: InvitePlan, contacts: tuple[ContactFacts, ...],
                 now: datetime) -> dict[str, Any]:
    """The `reminded` entry of the invite's log (the system acts: no person)."""
    assert plan.reminder is not None
    return {"invite_id": plan.invite.invite_id, "kind": "reminded", "person_id": None,
            "channel": "system", "at": now, "detail": _detail(plan, contacts)}


def webhook_event_row(plan: InvitePlan, contacts: tuple[ContactFacts, ...],
                      now: datetime) -> dict[str, Any]:
    """`invite.reminded` for the webhook sender, once per invite and local date."""
    assert plan.reminder is not None
    invite = plan.invite
    data = {"invite_id": invite.invite_id, "billing_period_id": invite.billing_period_id,
            "commitment_id": invite.commitment_id, "project_id": invite.project_id,
            "due_date": invite.due_date.isoformat(), **_detail(plan, contacts),
            "at": now.isoformat()}
    return pending_row(kind="event", invite_id=invite.invite_id, now=now,
                       idempotency_key=(f"event:{REMINDED_EVENT}:{invite.invite_id}:"
                                        f"{plan.reminder.local_date.isoformat()}"),
                       payload={"type": REMINDED_EVENT, "data": data})


def _detail(plan: InvitePlan, contacts: tuple[ContactFacts, ...]) -> dict[str, Any]:
    assert plan.reminder is not None
    return {"kind": plan.reminder.kind.value,
            "local_date": plan.reminder.local_date.isoformat(),
            "contacts": [{"id": c.id, "email": c.email} for c in contacts]}

