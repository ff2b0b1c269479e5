"""A project's default billing-period days and automatic periods.

Monthly periods (Procore's defaults): they start on `start_day` of a month (1 to 28, so
every month has it), end on the first `end_day` on or after the start (a day of the month
or "last"; a day a month lacks means its last day), and are due on the first `due_day` on
or after the start. 1 / last / 25 is the calendar month, due on the 25th; 26 / 25 / 30
runs from the 26th to the 25th of the next month, due on the 30th.

Weekly periods start on `week_start` (ISO weekday, 1 = Monday), last seven days and are
due on their last day.

`cadence` says whether the scheduler opens them by itself (`never` by default), and
`send_invites` whether it then invites every commitment.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidInput
from domain.periods import PeriodRange, local_date

LAST = "last"
MAX_START_DAY = 28
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# A day of the month: 1..31, or LAST.
DaySpec = int | str


class Cadence(StrEnum):
    NEVER = "never"
    MONTHLY = "monthly"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class PeriodDates:
    start_date: date
    end_date: date
    due_date: date


def day_spec(value: object, field: str) -> DaySpec:
    """1..31 or "last" (also from text, as forms and the database hold it)."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text == LAST:
            return LAST
        if text.isascii() and text.isdigit() and len(text) <= 2:
            value = int(text)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 31:
        return value
    raise InvalidInput(f"{field} must be a day of the month from 1 to 31, or \"last\"")


@dataclass(frozen=True)
class PeriodDefaults:
    start_day: int = 1
    end_day: DaySpec = LAST
    due_day: DaySpec = 25
    cadence: Cadence = Cadence.NEVER
    week_start: int = 1
    send_invites: bool = False

    def validated(self) -> PeriodDefaults:
        start = self.start_day
        if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start <= MAX_START_DAY:
            raise InvalidInput(f"period start_day must be a day from 1 to {MAX_START_DAY} "
                               "(every month has it)")
        if self.week_start not in range(1, 8):
            raise InvalidInput("period week_start must be a weekday")
        try:
            cadence = Cadence(self.cadence)
        except ValueError:
            raise InvalidInput("period cadence must be monthly, weekly or never") from None
        return PeriodDefaults(start, day_spec(self.end_day, "period end_day"),
                              day_spec(self.due_day, "period due_day"), cadence,
                              self.week_start, bool(self.send_invites))

    @property
    def weekly(self) -> bool:
        return self.cadence is Cadence.WEEKLY


@dataclass(frozen=True)
class PeriodDefaultsChange:
    """A change of some of the defaults; None leaves a field as it is."""

    start_day: int | None = None
    end_day: DaySpec | None = None
    due_day: DaySpec | None = None
    cadence: Cadence | None = None
    week_start: int | None = None
    send_invites: bool | None = None

    def applied(self, current: PeriodDefaults) -> PeriodDefaults:
        return PeriodDefaults(
            current.start_day if self.start_day is None else self.start_day,
            current.end_day if self.end_day is None else self.end_day,
            current.due_day if self.due_day is None else self.due_day,
            current.cadence if self.cadence is None else self.cadence,
            current.week_start if self.week_start is None else self.week_start,
            current.send_invites if self.send_invites is None else self.send_invites,
        ).validated()


def month_day(year: int, month: int, spec: DaySpec) -> date:
    """That day of the month; "last", or a day the month lacks, is its last day."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if spec == LAST else min(int(spec), last))


def _next_month(day: date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def on_or_after(day: date, spec: DaySpec) -> date:
    """The first date on or after `day` that is the `spec` day of its month."""
    candidate = month_day(day.year, day.month, spec)
    return candidate if candidate >= day else month_day(*_next_month(day), spec)


def period_from(start: date, defaults: PeriodDefaults) -> PeriodDates:
    """The period the defaults give when it starts on `start`."""
    if defaults.weekly:
        return PeriodDates(start, start + timedelta(days=6), start + timedelta(days=6))
    return PeriodDates(start, on_or_after(start, defaults.end_day),
                       on_or_after(start, defaults.due_day))


def latest_start(today: date, defaults: PeriodDefaults) -> date:
    """The last start day on or before `today`."""
    if defaults.weekly:
        return today - timedelta(days=(today.isoweekday() - defaults.week_start) % 7)
    this_month = month_day(today.year, today.month, defaults.start_day)
    if this_month <= today:
        return this_month
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return month_day(year, month, defaults.start_day)


def next_start(after: date, defaults: PeriodDefaults) -> date:
    """The first start day strictly after `after`."""
    following = after + timedelta(days=1)
    if defaults.weekly:
        return following + timedelta(days=(defaults.week_start - following.isoweekday()) % 7)
    return on_or_after(following, defaults.start_day)


def proposed_period(defaults: PeriodDefaults, today: date,
                    existing: Iterable[PeriodRange]) -> PeriodDates:
    """What "Open a new period" offers: the next range after the project's last period,
    or the current one when there is none (or the last ended long ago), moved on while
    its due date has passed."""
    ends = [period.end_date for period in existing]
    start = latest_start(today, defaults)
    if ends:
        start = max(start, next_start(max(ends), defaults))
    dates = period_from(start, defaults)
    while dates.due_date < today:
        dates = period_from(next_start(dates.start_date, defaults), defaults)
    return dates


def period_to_open(defaults: PeriodDefaults, now: datetime, zone_name: str,
                   existing: Iterable[PeriodRange]) -> PeriodDates | None:
    """The period the scheduler opens at `now`, if any: the one whose start day has come
    in the project's zone, unless it has ended or is past due there, or any period of the
    project already overlaps it (the administrator opened or moved one: theirs stands).
    After downtime only the current period opens, never a backlog."""
    if defaults.cadence is Cadence.NEVER:
        return None
    today = local_date(now, zone_name)
    dates = period_from(latest_start(today, defaults), defaults)
    if today > dates.end_date or today > dates.due_date:
        return None
    if any(p.start_date <= dates.end_date and dates.start_date <= p.end_date
           for p in existing):
        return None
    return dates
