"""The reminder policy in the administrator's words (the dashboard's Reminders card)."""

from __future__ import annotations

from domain.model import ReminderPolicy


def clock_hour(hour: int) -> str:
    """8 -> "8:00 AM" (the dashboard writes times the way local_time does)."""
    return f"{hour % 12 or 12}:00 {'AM' if hour < 12 else 'PM'}"


def reminder_summary(policy: ReminderPolicy, zone: str) -> str:
    """The cadence in one sentence, e.g. "3 and 1 days before the due date, then every day
    after it for up to 14 days, at 8:00 AM (America/Chicago)."""
    days = [str(day) for day in policy.days_before]
    before = (f"{', '.join(days[:-1])} and {days[-1]}" if len(days) > 1 else "".join(days))
    parts = []
    every = policy.every_days_before
    if every:
        parts.append(f"every {'day' if every == 1 else f'{every} days'} from the invite up to "
                     "the due date")
    elif days:
        unit = "day" if days == ["1"] else "days"
        parts.append(f"{before} {unit} before the due date")
    if policy.daily_after_due and policy.max_after_due:
        parts.append(f"every day after it for up to {policy.max_after_due} "
                     f"day{'' if policy.max_after_due == 1 else 's'}")
    if not parts:
        return "No reminders."
    return f"{', then '.join(parts).capitalize()}, at {clock_hour(policy.local_hour)} ({zone})."
