"""The reminder policy in the administrator's words (the dashboard's Reminders card), in
the page's language (the "pages" catalogue's reminders.* keys; en-US by default)."""

from __future__ import annotations

from domain.model import ReminderPolicy
from mailer.i18n import DEFAULT_LOCALE, Wording, language_of, wording_for


def clock_hour(hour: int, locale: str = DEFAULT_LOCALE) -> str:
    """8 -> "8:00 AM" (the dashboard writes times the way local_time does); French writes
    the 24-hour clock, "8 h 00"."""
    if language_of(locale) == "fr":
        return f"{hour} h 00"
    return f"{hour % 12 or 12}:00 {'AM' if hour < 12 else 'PM'}"


def reminder_summary(policy: ReminderPolicy, zone: str, *,
                     words: Wording | None = None) -> str:
    """The cadence in one sentence, e.g. "3 and 1 days before the due date, then every day
    after it for up to 14 days, at 8:00 AM (America/Chicago)."""
    words = words or wording_for(DEFAULT_LOCALE, domain="pages")
    say = words.gettext
    days = [str(day) for day in policy.days_before]
    before = (say("reminders.and").format(first=", ".join(days[:-1]), last=days[-1])
              if len(days) > 1 else "".join(days))
    parts = []
    every = policy.every_days_before
    if every:
        parts.append(say("reminders.every_day_from_invite") if every == 1 else
                     say("reminders.every_days_from_invite").format(count=every))
    elif days:
        key = "reminders.day_before" if days == ["1"] else "reminders.days_before"
        parts.append(say(key).format(days=before))
    if policy.daily_after_due and policy.max_after_due:
        parts.append(words.ngettext("reminders.after_due", "reminders.after_due_plural",
                                    policy.max_after_due).format(count=policy.max_after_due))
    if not parts:
        return say("reminders.none")
    joined = say("reminders.then").join(parts)
    return say("reminders.summary").format(
        cadence=joined[:1].upper() + joined[1:],
        time=clock_hour(policy.local_hour, words.locale), time_zone=zone)
