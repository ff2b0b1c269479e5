"""The reminder cadence: which local dates get a reminder, when, and whether one is due now.

Rules (the domain text is silent on the details, so they are decided here):
- A reminder goes out at `policy.local_hour`:00 in the project's zone on each reminder date:
  `days_before` days before the due date ("before" mail), or, with `every_days_before`
  (1, 2 or 3: Procore's "remind subcontractors to bill"), every that many days counted from
  the local date of the invite, up to and including the due date; and, when `daily_after_due` is on,
  every day from the day after the due date up to `max_after_due` days after it ("after"
  mail: the contact can no longer submit and is told whom to ask).
- When that wall time is skipped by a daylight-saving jump, the reminder goes at the first
  instant after the jump; when it occurs twice, at the first occurrence. A local date that a
  zone skips entirely (Pacific/Apia, 2011-12-30) gets no reminder.
- Nothing on or before the local date the invite was sent (the invite is that day's mail),
  nothing at or after the moment the period closed.
- At most one reminder per contact per local date, and only on its own date: a reminder
  missed while the worker was down is dropped, never sent late as a backlog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from domain.errors import InvalidInput
from domain.model import InviteStatus, ReminderPolicy
from domain.periods import local_date, time_zone

MAX_DAYS = 60  # a bound on the policy so a typo cannot schedule a year of mail
EVERY_DAYS_CHOICES = (1, 2, 3)


class ReminderKind(StrEnum):
    BEFORE_DUE = "before_due"
    AFTER_DUE = "after_due"


@dataclass(frozen=True)
class ScheduledReminder:
    local_date: date
    at: datetime  # UTC
    kind: ReminderKind


@dataclass(frozen=True)
class ReminderTarget:
    """What the reminder rule needs to know of one invoice contact on one invite."""

    status: InviteStatus
    invoice_sent: bool
    deliverable: bool
    invited_at: datetime | None
    last_reminded_on: date | None = None  # local date of the last reminder sent to them


def check_policy(policy: ReminderPolicy) -> None:
    """Raise InvalidInput unless the policy is one the scheduler can honour."""
    if not 0 <= policy.local_hour <= 23:
        raise InvalidInput("the reminder hour must be between 0 and 23")
    if any(not 0 <= days <= MAX_DAYS for days in policy.days_before):
        raise InvalidInput(f"reminders before the due date must be 0 to {MAX_DAYS} days before")
    if not 0 <= policy.max_after_due <= MAX_DAYS:
        raise InvalidInput(f"reminders after the due date stop within {MAX_DAYS} days")
    if policy.every_days_before not in (None, *EVERY_DAYS_CHOICES):
        raise InvalidInput("reminders before the due date go every 1, 2 or 3 days")


def reminder_kind(local_day: date, due: date) -> ReminderKind:
    """On or before the due date the contact may still submit; after it they may not."""
    return ReminderKind.BEFORE_DUE if local_day <= due else ReminderKind.AFTER_DUE


def reminder_dates(policy: ReminderPolicy, due: date,
                   invited_on: date | None = None) -> list[date]:
    """Every local date the policy reminds on for a period due on `due`, in order.

    A cadence counted from the invite has no dates before the due date without one.
    """
    every = policy.every_days_before
    if every is None:
        days = {due - timedelta(days=before) for before in policy.days_before}
    elif invited_on is None:
        days = set()
    else:
        count = max(0, (due - invited_on).days // every)
        days = {invited_on + timedelta(days=every * step) for step in range(1, count + 1)}
    if policy.daily_after_due:
        days.update(due + timedelta(days=after) for after in range(1, policy.max_after_due + 1))
    return sorted(days)


def local_instant(day: date, hour: int, zone_name: str) -> datetime | None:
    """The UTC instant the clock in the zone first reads `hour`:00 on `day`.

    If a daylight-saving jump skips that wall time, the instant of the jump; None when the
    jump lands on another date (the day, or the rest of it, does not exist locally).
    """
    zone = time_zone(zone_name)
    wall = datetime.combine(day, time(hour))
    # fold=0 is the first occurrence of a repeated wall time, and for a skipped one an
    # instant after the jump; fold=1 of a skipped wall time is an instant before the jump.
    after = wall.replace(tzinfo=zone).astimezone(UTC)
    if after.astimezone(zone).replace(tzinfo=None) == wall:
        return after
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    while after - before > timedelta(seconds=1):  # tzdata transitions are whole seconds
        middle = before + (after - before) // 2
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            after = middle
        else:
            before = middle
    return after if after.astimezone(zone).date() == day else None


def reminder_schedule(policy: ReminderPolicy, zone_name: str, due: date, *,
                      invited_at: datetime | None = None,
                      closed_at: datetime | None = None) -> list[ScheduledReminder]:
    """The reminders of a period in time order, after the invite's date and before closing."""
    invited_on = local_date(invited_at, zone_name) if invited_at is not None else None
    schedule = []
    for day in reminder_dates(policy, due, invited_on):
        if invited_on is not None and day <= invited_on:
            continue
        at = local_instant(day, policy.local_hour, zone_name)
        if at is None or (closed_at is not None and at >= closed_at):
            continue
        schedule.append(ScheduledReminder(day, at, reminder_kind(day, due)))
    return schedule


def next_reminder_at(policy: ReminderPolicy, zone_name: str, due: date, after: datetime, *,
                     invited_at: datetime | None = None,
                     closed_at: datetime | None = None) -> datetime | None:
    """The first reminder instant strictly after `after`, or None when there is no more."""
    for reminder in reminder_schedule(policy, zone_name, due, invited_at=invited_at,
                                      closed_at=closed_at):
        if reminder.at > after:
            return reminder.at
    return None


def wants_reminders(status: InviteStatus, *, invoice_sent: bool, deliverable: bool) -> bool:
    """Invited, or said Yes, and no invoice yet; never after No, never to a bounced address."""
    return (status in (InviteStatus.INVITED, InviteStatus.ACCEPTED) and not invoice_sent
            and deliverable)


def reminder_due_now(policy: ReminderPolicy, zone_name: str, due: date, now: datetime,
                     target: ReminderTarget, *,
                     closed_at: datetime | None = None) -> ScheduledReminder | None:
    """The reminder to send this contact as of `now`, or None.

    Due when today's (local) reminder instant has come, the contact still wants reminders,
    the period has not closed, and nothing was sent to them yet today.
    """
    if not wants_reminders(target.status, invoice_sent=target.invoice_sent,
                           deliverable=target.deliverable):
        return None
    if closed_at is not None and now >= closed_at:
        return None
    today = local_date(now, zone_name)
    if target.last_reminded_on is not None and target.last_reminded_on >= today:
        return None
    for reminder in reminder_schedule(policy, zone_name, due, invited_at=target.invited_at,
                                      closed_at=closed_at):
        if reminder.local_date == today and reminder.at <= now:
            return reminder
    return None


def answer_wakes_reminders(before: InviteStatus, after: InviteStatus) -> bool:
    """Whether an answer must make the scan look at the invite again now.

    While an invite is Declined the scan passes over its reminder instants without sending
    and moves on to the next one; a Yes given later that same day would then miss the day's
    reminder (found by the scan-versus-ticking property test). Yes after No wakes it.
    """
    return before is InviteStatus.DECLINED and after is InviteStatus.ACCEPTED


def schedule_continues(status: InviteStatus, *, invoice_sent: bool, period_open: bool,
                       past_due: bool) -> bool:
    """Whether an invite's reminder dates still matter, whatever happens to it today.

    They end when the period closes (it never reopens) and once an invoice was sent (a use
    case that hands the invoice back to the contact schedules them again). A No ends them
    only once the due date has passed: before that the contact may still change it to Yes.
    Undeliverable addresses do not end them: an address can be corrected.
    """
    if not period_open or invoice_sent:
        return False
    return not (status is InviteStatus.DECLINED and past_due)
