"""The reminder cadence: schedule, daylight-saving days, and a worker run over whole calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.model import InviteStatus, ReminderPolicy
from domain.reminders import (
    ReminderKind,
    ReminderTarget,
    check_policy,
    local_instant,
    next_reminder_at,
    reminder_due_now,
    reminder_schedule,
    wants_reminders,
)
from tests.support.reminder_calendars import (
    ZONES,
    Calendar,
    Contact,
    calendars,
    due_dates,
    invite_time,
    policies,
    run_worker,
    zones,
)

POLICY = ReminderPolicy()
NY = "America/New_York"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def invited(status: InviteStatus = InviteStatus.INVITED, *, sent: bool = False,
            deliverable: bool = True, last: date | None = None) -> ReminderTarget:
    return ReminderTarget(status, sent, deliverable, utc(2024, 3, 1, 15), last)


def test_default_policy_reminds_3_and_1_days_before_then_daily_for_14_days() -> None:
    due = date(2024, 3, 12)  # New York springs forward on 2024-03-10
    schedule = reminder_schedule(POLICY, NY, due, invited_at=utc(2024, 3, 1, 15))
    assert [r.local_date for r in schedule] == [
        date(2024, 3, 9), date(2024, 3, 11), *(due + timedelta(days=n) for n in range(1, 15))]
    assert schedule[0].at == utc(2024, 3, 9, 13)   # 08:00 EST
    assert schedule[1].at == utc(2024, 3, 11, 12)  # 08:00 EDT
    assert [r.kind for r in schedule[:3]] == [ReminderKind.BEFORE_DUE, ReminderKind.BEFORE_DUE,
                                              ReminderKind.AFTER_DUE]


def test_no_reminders_after_due_when_the_policy_says_so() -> None:
    policy = ReminderPolicy(days_before=(2,), daily_after_due=False)
    schedule = reminder_schedule(policy, NY, date(2024, 6, 10))
    assert [r.local_date for r in schedule] == [date(2024, 6, 8)]


def test_nothing_on_or_before_the_invite_date_nor_after_closing() -> None:
    due = date(2024, 6, 10)
    schedule = reminder_schedule(POLICY, NY, due, invited_at=utc(2024, 6, 9, 11),
                                 closed_at=utc(2024, 6, 13, 12))
    # invited 07:00 local on the 9th: not that day; closed exactly at the 13th's 08:00.
    assert [r.local_date for r in schedule] == [date(2024, 6, 11), date(2024, 6, 12)]


@pytest.mark.parametrize(("day", "hour", "zone", "expected"), [
    (date(2024, 3, 10), 2, NY, utc(2024, 3, 10, 7)),            # 02:00 skipped -> 03:00 EDT
    (date(2024, 11, 3), 1, NY, utc(2024, 11, 3, 5)),            # 01:00 twice -> first (EDT)
    (date(2024, 10, 6), 2, "Australia/Lord_Howe", utc(2024, 10, 5, 15, 30)),  # -> 02:30 +11
    (date(2024, 9, 8), 0, "America/Santiago", utc(2024, 9, 8, 4)),  # midnight skipped
    (date(2011, 12, 30), 8, "Pacific/Apia", None),              # the whole day skipped
    (date(2024, 7, 1), 8, "Europe/Paris", utc(2024, 7, 1, 6)),
])
def test_local_instant_on_daylight_saving_days(day: date, hour: int, zone: str,
                                               expected: datetime | None) -> None:
    assert local_instant(day, hour, zone) == expected


def test_a_skipped_wall_time_that_is_not_at_the_jump_goes_to_the_jump() -> None:
    # Lord Howe jumps from 02:00 to 02:30; asking for 02:00 gives the jump itself, which the
    # plain fold=0 reading would also give. The search matters when the hour is mid-gap, as
    # on Apia's 24-hour jump, where 08:00 on the skipped day has no instant at all.
    at = local_instant(date(2024, 10, 6), 2, "Australia/Lord_Howe")
    assert at is not None
    assert at.astimezone(ZoneInfo("Australia/Lord_Howe")).time() == time(2, 30)


def test_next_reminder_is_strictly_after_the_given_moment() -> None:
    due = date(2024, 6, 10)
    first = utc(2024, 6, 7, 12)
    assert next_reminder_at(POLICY, NY, due, utc(2024, 6, 1)) == first
    assert next_reminder_at(POLICY, NY, due, first) == utc(2024, 6, 9, 12)
    assert next_reminder_at(POLICY, NY, due, utc(2024, 6, 24, 12)) is None
    assert next_reminder_at(POLICY, NY, due, utc(2024, 6, 1), closed_at=first) is None


def test_due_now_once_on_the_day_and_never_twice() -> None:
    due = date(2024, 6, 10)
    assert reminder_due_now(POLICY, NY, due, utc(2024, 6, 7, 11, 59), invited()) is None
    reminder = reminder_due_now(POLICY, NY, due, utc(2024, 6, 7, 12), invited())
    assert reminder is not None and reminder.kind is ReminderKind.BEFORE_DUE
    assert reminder_due_now(POLICY, NY, due, utc(2024, 6, 7, 20),
                            invited(last=date(2024, 6, 7))) is None
    after = reminder_due_now(POLICY, NY, due, utc(2024, 6, 11, 23),
                             invited(InviteStatus.ACCEPTED, last=date(2024, 6, 7)))
    assert after is not None
    assert (after.local_date, after.kind) == (date(2024, 6, 11), ReminderKind.AFTER_DUE)


def test_a_missed_day_is_dropped_not_sent_late() -> None:
    # The worker was down from the 7th to the morning of the 8th: nothing is owed on the 8th.
    assert reminder_due_now(POLICY, NY, date(2024, 6, 10), utc(2024, 6, 8, 15),
                            invited()) is None


@pytest.mark.parametrize("target", [invited(InviteStatus.DECLINED),
                                    invited(InviteStatus.NOT_INVITED),
                                    invited(InviteStatus.ACCEPTED, sent=True),
                                    invited(deliverable=False)])
def test_nobody_who_should_not_get_one_does(target: ReminderTarget) -> None:
    assert not wants_reminders(target.status, invoice_sent=target.invoice_sent,
                               deliverable=target.deliverable)
    assert reminder_due_now(POLICY, NY, date(2024, 6, 10), utc(2024, 6, 7, 13), target) is None


def test_no_reminder_once_the_period_closed() -> None:
    assert reminder_due_now(POLICY, NY, date(2024, 6, 10), utc(2024, 6, 7, 13), invited(),
                            closed_at=utc(2024, 6, 7, 12, 30)) is None


@pytest.mark.parametrize("policy", [ReminderPolicy(local_hour=24),
                                    ReminderPolicy(days_before=(-1,)),
                                    ReminderPolicy(max_after_due=365)])
def test_unworkable_policies_are_refused(policy: ReminderPolicy) -> None:
    with pytest.raises(InvalidInput):
        check_policy(policy)
    check_policy(POLICY)


# A worker run over a whole calendar -------------------------------------------------------


def assert_sane(contact: Contact, due: date) -> None:
    days = [day for _, day, _ in contact.sent]
    assert len(days) == len(set(days)), "two reminders on one local date"
    assert all((kind is ReminderKind.BEFORE_DUE) == (day <= due)
               for _, day, kind in contact.sent)


@settings(max_examples=40, deadline=None)
@given(zone=zones, due=due_dates, policy=policies, invited_days=st.integers(0, 8),
       minute=st.integers(0, 1439))
def test_an_undisturbed_calendar_gets_every_reminder(zone: str, due: date,
                                                     policy: ReminderPolicy,
                                                     invited_days: int, minute: int) -> None:
    invited_at = invite_time(zone, due, invited_days, minute)
    contact, expected = run_worker(Calendar(zone, due, policy, invited_at, timedelta(hours=1)))
    assert [(at, day) for at, day, _ in contact.sent] == expected
    wanted = [r.local_date for r in reminder_schedule(policy, zone, due, invited_at=invited_at)]
    assert [day for _, day, _ in contact.sent] == wanted
    assert_sane(contact, due)


@settings(max_examples=60, deadline=None)
@given(calendar=calendars())
def test_any_answer_history_gets_exactly_the_expected_reminders(calendar: Calendar) -> None:
    due = calendar.due
    contact, expected = run_worker(calendar)
    assert [(at, day) for at, day, _ in contact.sent] == expected
    assert_sane(contact, due)
    stops = [at for at, kind in calendar.events if kind == "invoice"]
    if stops:
        assert all(at < min(stops) for at, _, _ in contact.sent), "reminded after invoicing"


@settings(max_examples=100)
@given(zone=st.sampled_from(ZONES), due=st.dates(date(1995, 1, 1), date(2045, 12, 31)),
       policy=policies, hours_before=st.integers(-20 * 24, 10 * 24))
def test_next_reminder_is_the_first_scheduled_one_after(zone: str, due: date,
                                                        policy: ReminderPolicy,
                                                        hours_before: int) -> None:
    moment = (datetime.combine(due, time(12), tzinfo=ZoneInfo(zone)).astimezone(UTC)
              - timedelta(hours=hours_before))
    schedule = reminder_schedule(policy, zone, due)
    upcoming = next_reminder_at(policy, zone, due, moment)
    later = [r.at for r in schedule if r.at > moment]
    assert upcoming == (later[0] if later else None)
    assert [r.at for r in schedule] == sorted({r.at for r in schedule})
    for reminder in schedule:
        local = reminder.at.astimezone(ZoneInfo(zone))
        assert local.date() == reminder.local_date
        assert local.hour >= policy.local_hour
