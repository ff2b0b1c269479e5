"""Reminder cadences counted from the invite: every 1, 2 or 3 days up to the due date.

The properties every cadence keeps (no backlog, one reminder per contact per local date,
daylight-saving days) are the calendar properties of test_reminders.py, whose policies
draw every cadence; these are the cadence's own facts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.commands import ProjectChanges
from domain.errors import InvalidInput
from domain.model import ReminderPolicy
from domain.reminders import ReminderKind, check_policy, reminder_schedule
from tests.support.reminder_calendars import ZONES, due_dates, invite_time

NY = "America/New_York"


def every(days: int, *, after: bool = False) -> ReminderPolicy:
    return ReminderPolicy((3, 1), 8, after, 14 if after else 0, days)


def test_every_two_days_from_the_invite_up_to_and_including_the_due_date() -> None:
    invited_at = datetime(2024, 3, 4, 15, tzinfo=UTC)  # 10:00 in New York, 4 March
    schedule = reminder_schedule(every(2), NY, date(2024, 3, 12), invited_at=invited_at)
    assert [r.local_date.day for r in schedule] == [6, 8, 10, 12]
    # 08:00 local on each, across the spring-forward of 10 March.
    assert [r.at.astimezone(ZoneInfo(NY)).hour for r in schedule] == [8, 8, 8, 8]
    assert {r.kind for r in schedule} == {ReminderKind.BEFORE_DUE}


def test_the_fixed_days_are_not_used_when_a_cadence_is_set() -> None:
    invited_at = datetime(2024, 6, 1, 12, tzinfo=UTC)
    days = [r.local_date for r in reminder_schedule(every(3, after=True), NY, date(2024, 6, 9),
                                                    invited_at=invited_at)]
    assert days[:3] == [date(2024, 6, 4), date(2024, 6, 7), date(2024, 6, 10)]
    assert date(2024, 6, 8) not in days  # 1 day before the due date: a fixed day, unused


def test_without_an_invite_a_cadence_has_nothing_before_the_due_date() -> None:
    assert reminder_schedule(every(1), NY, date(2024, 6, 9)) == []


@given(zone=st.sampled_from(ZONES), due=due_dates, cadence=st.sampled_from([1, 2, 3]),
       invited_days=st.integers(0, 40), minute=st.integers(0, 1439))
def test_any_cadence_reminds_every_n_local_days_after_the_invite_until_due(
        zone: str, due: date, cadence: int, invited_days: int, minute: int) -> None:
    invited_at = invite_time(zone, due, invited_days, minute)
    invited_on = invited_at.astimezone(ZoneInfo(zone)).date()
    days = [r.local_date for r in reminder_schedule(every(cadence), zone, due,
                                                    invited_at=invited_at)]
    assert all(invited_on < day <= due for day in days)
    assert all((day - invited_on).days % cadence == 0 for day in days)
    # Every such date is there, except a date the zone skips entirely (Pacific/Apia 2011).
    wanted = [invited_on + timedelta(days=cadence * n)
              for n in range(1, (due - invited_on).days // cadence + 1)]
    assert set(days) <= set(wanted) and len(wanted) - len(days) <= 1


@pytest.mark.parametrize("cadence", [-1, 4, 7])
def test_other_cadences_are_refused(cadence: int) -> None:
    with pytest.raises(InvalidInput, match="every 1, 2 or 3 days"):
        check_policy(ReminderPolicy(every_days_before=cadence))


def test_a_change_sets_and_clears_the_cadence() -> None:
    current = ReminderPolicy()
    assert ProjectChanges(every_days_before=2).policy(current).every_days_before == 2
    assert ProjectChanges(every_days_before=0).policy(every(2)).every_days_before is None
    assert ProjectChanges().policy(every(3)).every_days_before == 3
    with pytest.raises(InvalidInput):
        ProjectChanges(every_days_before=5).policy(current)
