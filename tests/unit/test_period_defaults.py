"""Default billing-period days and automatic periods: the ranges they give, what the
pre-filled form proposes, and which period the scheduler opens at a moment, across zones,
daylight-saving changes, month ends (February, leap years, "last") and weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.period_defaults import (
    LAST,
    Cadence,
    PeriodDates,
    PeriodDefaults,
    PeriodDefaultsChange,
    latest_start,
    next_start,
    on_or_after,
    period_from,
    period_to_open,
    proposed_period,
)
from domain.periods import PeriodRange, local_date

ZONES = ["America/Chicago", "America/Santiago", "Australia/Lord_Howe", "Europe/London",
         "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "UTC", "Pacific/Kiritimati"]
MONTHLY = PeriodDefaults(cadence=Cadence.MONTHLY)  # 1 / last / 25
day_specs = st.one_of(st.integers(1, 31), st.just(LAST))
monthly = st.builds(PeriodDefaults, start_day=st.integers(1, 28), end_day=day_specs,
                    due_day=day_specs, cadence=st.just(Cadence.MONTHLY))
weekly = st.builds(PeriodDefaults, week_start=st.integers(1, 7), cadence=st.just(Cadence.WEEKLY))
any_defaults = st.one_of(monthly, weekly)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def ranges(opened: list[PeriodDates]) -> list[PeriodRange]:
    return [PeriodRange(i, p.start_date, p.end_date, i == len(opened) - 1)
            for i, p in enumerate(opened)]


@pytest.mark.parametrize(("defaults", "start", "expected"), [
    (MONTHLY, date(2027, 2, 1), (date(2027, 2, 28), date(2027, 2, 25))),
    (MONTHLY, date(2028, 2, 1), (date(2028, 2, 29), date(2028, 2, 25))),   # leap year
    (PeriodDefaults(26, 25, 30), date(2027, 1, 26), (date(2027, 2, 25), date(2027, 1, 30))),
    # February has no 30th: the last day stands for it.
    (PeriodDefaults(26, 25, 30), date(2027, 2, 26), (date(2027, 3, 25), date(2027, 2, 28))),
    (PeriodDefaults(15, 31, LAST), date(2027, 4, 15), (date(2027, 4, 30), date(2027, 4, 30))),
    (PeriodDefaults(1, LAST, 1), date(2027, 12, 1), (date(2027, 12, 31), date(2027, 12, 1))),
    (PeriodDefaults(week_start=3, cadence=Cadence.WEEKLY), date(2027, 12, 29),
     (date(2028, 1, 4), date(2028, 1, 4))),
])
def test_the_range_a_start_gives(defaults: PeriodDefaults, start: date,
                                 expected: tuple[date, date]) -> None:
    dates = period_from(start, defaults)
    assert (dates.end_date, dates.due_date) == expected


def test_defaults_are_checked_readably() -> None:
    for wrong, message in ((PeriodDefaults(start_day=29), "start_day must be a day from 1 to 28"),
                           (PeriodDefaults(end_day=0), "end_day must be a day of the month"),
                           (PeriodDefaults(due_day="first"), "due_day must be"),
                           (PeriodDefaults(week_start=8), "week_start must be a weekday")):
        with pytest.raises(InvalidInput, match=message):
            wrong.validated()
    assert PeriodDefaults(end_day="LAST", due_day="07").validated().due_day == 7
    change = PeriodDefaultsChange(cadence=Cadence.WEEKLY, week_start=5)
    assert change.applied(MONTHLY) == PeriodDefaults(cadence=Cadence.WEEKLY, week_start=5)


@settings(max_examples=400)
@given(defaults=any_defaults, today=days)
def test_every_range_is_well_formed(defaults: PeriodDefaults, today: date) -> None:
    start = latest_start(today, defaults)
    dates = period_from(start, defaults)
    assert start <= today < next_start(start, defaults)
    assert dates.start_date <= dates.end_date < dates.start_date + timedelta(days=31)
    assert dates.start_date <= dates.due_date < dates.start_date + timedelta(days=31)
    if defaults.weekly:
        assert start.isoweekday() == defaults.week_start
        assert dates.end_date - dates.start_date == timedelta(days=6)
    else:
        assert start.day == defaults.start_day
        assert on_or_after(start, defaults.end_day) == dates.end_date


@settings(max_examples=100, deadline=None)
@given(defaults=any_defaults, first=days, length=st.integers(60, 500))
def test_the_scheduler_opens_each_period_once_on_its_start_day(
        defaults: PeriodDefaults, first: date, length: int) -> None:
    """A scheduler that ran every day (at noon UTC, in UTC) opens exactly the periods
    whose start day falls in the run, each on that day, never one overlapping another."""
    opened: list[PeriodDates] = []
    for offset in range(length):
        today = first + timedelta(days=offset)
        moment = datetime.combine(today, time(12), tzinfo=UTC)
        dates = period_to_open(defaults, moment, "UTC", ranges(opened))
        if dates is not None:
            # The first run opens the current period if it is not past due; then each
            # period opens on its own start day.
            assert dates.start_date == today or not opened
            assert dates.start_date <= today <= min(dates.end_date, dates.due_date)
            opened.append(dates)
        # Twice in a row: never a second one.
        assert period_to_open(defaults, moment, "UTC", ranges(opened)) is None
    starts = [p.start_date for p in opened]
    expected = []
    day = next_start(first, defaults)
    while day < first + timedelta(days=length):
        if period_from(day, defaults).due_date >= day:
            expected.append(day)
        day = next_start(day, defaults)
    assert [s for s in starts if s > first] == expected
    for earlier, later in pairwise(opened):
        assert earlier.end_date < later.start_date


@settings(max_examples=300)
@given(defaults=any_defaults, today=days, zone=st.sampled_from(ZONES),
       seconds=st.integers(-2 * 86400, 2 * 86400))
def test_a_period_opens_from_local_midnight_of_its_start_day(
        defaults: PeriodDefaults, today: date, zone: str, seconds: int) -> None:
    """Around the start of the start day in the project's zone (daylight-saving changes
    and skipped midnights included), the period opens exactly when that local date has
    come, whatever the UTC date."""
    start = next_start(today, defaults)
    midnight = datetime.combine(start, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    moment = midnight + timedelta(seconds=seconds)
    previous = period_from(latest_start(today, defaults), defaults)
    opens = period_to_open(defaults, moment, zone, ranges([previous]))
    local = local_date(moment, zone)
    if local < start:
        assert opens is None  # the previous period, already there, is the current one
    elif local <= min(period_from(start, defaults).end_date,
                      period_from(start, defaults).due_date):
        assert opens == period_from(start, defaults)


@pytest.mark.parametrize(("zone", "instant", "opens"), [
    # Chile springs forward at midnight: 2026-09-06 began at 01:00 -03 (04:00 UTC).
    ("America/Santiago", datetime(2026, 9, 6, 3, 59, 59, tzinfo=UTC), False),
    ("America/Santiago", datetime(2026, 9, 6, 4, 0, tzinfo=UTC), True),
    # Chicago on the morning daylight saving ends (the 1st of November, 2026).
    ("America/Chicago", datetime(2026, 11, 1, 4, 59, 59, tzinfo=UTC), False),
    ("America/Chicago", datetime(2026, 11, 1, 5, 0, tzinfo=UTC), True),
    # Kiritimati (UTC+14) starts the day before UTC does.
    ("Pacific/Kiritimati", datetime(2026, 10, 31, 10, 0, tzinfo=UTC), True),
])
def test_opening_at_local_midnight_across_daylight_saving(zone: str, instant: datetime,
                                                          opens: bool) -> None:
    defaults = MONTHLY if zone != "America/Santiago" else PeriodDefaults(
        start_day=6, cadence=Cadence.MONTHLY)
    previous = period_from(latest_start(local_date(instant, zone) - timedelta(days=1),
                                        defaults), defaults)
    found = period_to_open(defaults, instant, zone, ranges([previous]))
    assert (found is not None) == opens


def test_the_administrators_periods_stand() -> None:
    """A period the administrator opened or moved over the range is never doubled."""
    moment = datetime(2027, 3, 1, 12, tzinfo=UTC)
    theirs = [PeriodRange(1, date(2027, 2, 20), date(2027, 3, 3), True)]
    assert period_to_open(MONTHLY, moment, "UTC", theirs) is None
    assert period_to_open(PeriodDefaults(), moment, "UTC", []) is None  # never
    # Past its due date (the 25th) the month's period is not opened late.
    late = datetime(2027, 3, 26, 12, tzinfo=UTC)
    assert period_to_open(MONTHLY, late, "UTC", []) is None


@settings(max_examples=300)
@given(defaults=any_defaults, today=days, gap=st.integers(-40, 400))
def test_the_proposal_follows_the_last_period_and_is_never_past_due(
        defaults: PeriodDefaults, today: date, gap: int) -> None:
    last_start = latest_start(today - timedelta(days=gap), defaults)
    last = period_from(last_start, defaults)
    proposal = proposed_period(defaults, today, [PeriodRange(1, last.start_date,
                                                             last.end_date, True)])
    assert proposal.due_date >= today
    assert proposal.start_date > last.end_date or proposal.start_date > last.start_date
    assert proposal == period_from(proposal.start_date, defaults)
    assert proposed_period(defaults, today, []).start_date <= max(today, proposal.start_date)
