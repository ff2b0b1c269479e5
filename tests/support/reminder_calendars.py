"""Calendars and time zones for the reminder property tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from domain.errors import DomainError
from domain.invites import Answer, answer_invite
from domain.model import InviteStatus, ReminderPolicy
from domain.periods import is_past_due, local_date
from domain.reminders import (
    ReminderKind,
    ReminderTarget,
    reminder_due_now,
)

ZONES = ["America/New_York", "America/Chicago", "America/Santiago", "Australia/Lord_Howe",
         "Europe/Paris", "Pacific/Apia"]


@dataclass
class Calendar:
    """One period's world: the zone, the policy, what the contact does, when the worker runs."""

    zone: str
    due: date
    policy: ReminderPolicy
    invited_at: datetime
    step: timedelta
    events: list[tuple[datetime, str]] = field(default_factory=list)
    downtime: list[tuple[datetime, datetime]] = field(default_factory=list)
    closed_at: datetime | None = None


@dataclass
class Contact:
    """The state of one contact as events arrive, as the use case would keep it."""

    status: InviteStatus = InviteStatus.INVITED
    invoice_sent: bool = False
    sent: list[tuple[datetime, date, ReminderKind]] = field(default_factory=list)

    def apply(self, moment: datetime, kind: str, due: date, zone: str) -> None:
        if kind == "invoice":
            self.invoice_sent = True
            return
        try:
            outcome = answer_invite(self.status, Answer(kind),
                                    past_due=is_past_due(moment, due, zone),
                                    invoice_sent=self.invoice_sent)
        except DomainError:
            return  # a refused answer changes nothing
        self.status = outcome.status


def run_worker(calendar: Calendar) -> tuple[Contact, list[tuple[datetime, date]]]:
    """Tick a worker through 32 days; return the contact and the oracle's expected sends.

    The oracle: on each reminder date after the invite's date, the first tick at or past the
    hour locally while the contact still wants reminders and the period is open.
    """
    tz, c = ZoneInfo(calendar.zone), calendar
    invited_on = local_date(c.invited_at, c.zone)
    every = c.policy.every_days_before
    if every is None:
        expected_days = {c.due - timedelta(days=n) for n in c.policy.days_before}
    else:  # every `every` days counted from the invite's local date, up to the due date
        steps = (invited_on + timedelta(days=every * n) for n in range(1, 40))
        expected_days = {day for day in steps if day <= c.due}
    if c.policy.daily_after_due:
        expected_days |= {c.due + timedelta(days=n)
                          for n in range(1, c.policy.max_after_due + 1)}
    timeline = sorted(c.events)
    contact, expected = Contact(), list[tuple[datetime, date]]()
    tick = c.invited_at
    while tick < c.invited_at + timedelta(days=32):
        while timeline and timeline[0][0] <= tick:
            contact.apply(*timeline.pop(0), c.due, c.zone)
        if not any(start <= tick < stop for start, stop in c.downtime):
            today = tick.astimezone(tz)
            eligible = (contact.status in (InviteStatus.INVITED, InviteStatus.ACCEPTED)
                        and not contact.invoice_sent
                        and (c.closed_at is None or tick < c.closed_at))
            if (eligible and today.date() in expected_days and today.date() > invited_on
                    and today.hour >= c.policy.local_hour
                    and today.date() not in {day for _, day in expected}):
                expected.append((tick, today.date()))
            last = contact.sent[-1][1] if contact.sent else None
            target = ReminderTarget(contact.status, contact.invoice_sent, True, c.invited_at,
                                    last)
            reminder = reminder_due_now(c.policy, c.zone, c.due, tick, target,
                                        closed_at=c.closed_at)
            if reminder is not None:
                assert eligible
                assert reminder.local_date == today.date()
                assert reminder.at <= tick
                contact.sent.append((tick, reminder.local_date, reminder.kind))
        tick += c.step
    return contact, expected


# Every cadence: fixed days before, or every 1, 2 or 3 days from the invite.
policies = st.builds(ReminderPolicy, st.lists(st.integers(0, 6), max_size=3).map(tuple),
                     st.integers(0, 23), st.booleans(), st.integers(0, 14),
                     st.none() | st.sampled_from([1, 2, 3]))


zones = st.sampled_from(ZONES)


due_dates = st.dates(date(1995, 1, 1), date(2045, 12, 31))


def invite_time(zone: str, due: date, days_before: int, minute: int) -> datetime:
    midnight = datetime.combine(due - timedelta(days=days_before), time(0), tzinfo=ZoneInfo(zone))
    return midnight.astimezone(UTC) + timedelta(minutes=minute)


@st.composite
def calendars(draw: st.DrawFn, zone_choices: st.SearchStrategy[str] | None = None) -> Calendar:
    """Any invite's month: a zone, a due date, a policy, answers and invoices at any hour,
    downtime of the workers, and perhaps the period closing."""
    zone = draw(zones if zone_choices is None else zone_choices)
    due = draw(due_dates)
    invited_at = invite_time(zone, due, draw(st.integers(0, 8)), draw(st.integers(0, 1439)))

    def hours(count: int) -> datetime:
        return invited_at + timedelta(hours=count)

    events = draw(st.lists(st.tuples(st.integers(0, 30 * 24),
                                     st.sampled_from(["yes", "no", "invoice"])), max_size=3))
    downtime = draw(st.lists(st.tuples(st.integers(0, 30 * 24), st.integers(1, 40)),
                             max_size=3))
    closed_after = draw(st.none() | st.integers(0, 30 * 24))
    return Calendar(
        zone, due, draw(policies), invited_at,
        timedelta(minutes=draw(st.sampled_from([20, 30, 60]))),
        [(hours(offset), kind) for offset, kind in events],
        [(hours(start), hours(start + length)) for start, length in downtime],
        None if closed_after is None else hours(closed_after))
