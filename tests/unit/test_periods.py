"""Billing-period rules: dates, which periods a new one closes, and the due-date cutoff."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Conflict, InvalidInput, PastDue
from domain.periods import (
    PeriodRange,
    due_cutoff,
    ensure_not_past_due,
    is_past_due,
    local_date,
    periods_to_close,
    time_zone,
    validate_dates,
)

ZONES = ["America/New_York", "America/Chicago", "America/Santiago", "Australia/Lord_Howe",
         "Europe/Paris", "Pacific/Apia", "UTC", "Asia/Kolkata"]


def test_time_zone_refuses_an_unknown_name_readably() -> None:
    with pytest.raises(InvalidInput, match="unknown time zone 'Mars/Olympus'"):
        time_zone("Mars/Olympus")


def test_dates_in_order_are_accepted() -> None:
    validate_dates(date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 25))
    validate_dates(date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1))


@pytest.mark.parametrize(("start", "end", "due", "message"), [
    (date(2025, 3, 2), date(2025, 3, 1), date(2025, 3, 5), "start_date must not be after"),
    (date(2025, 3, 2), date(2025, 3, 31), date(2025, 3, 1), "due_date must not be before"),
])
def test_dates_out_of_order_are_refused(start: date, end: date, due: date, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        validate_dates(start, end, due)


def test_opening_a_period_closes_every_open_one() -> None:
    existing = [PeriodRange(1, date(2025, 1, 1), date(2025, 1, 31), is_open=False),
                PeriodRange(2, date(2025, 2, 1), date(2025, 2, 28), is_open=True)]
    assert periods_to_close(existing, date(2025, 3, 1), date(2025, 3, 31)) == [2]
    assert periods_to_close([], date(2025, 3, 1), date(2025, 3, 31)) == []


def test_the_same_range_cannot_open_twice() -> None:
    existing = [PeriodRange(7, date(2025, 3, 1), date(2025, 3, 31), is_open=False)]
    with pytest.raises(Conflict) as caught:
        periods_to_close(existing, date(2025, 3, 1), date(2025, 3, 31))
    assert caught.value.code == "duplicate_period"


@pytest.mark.parametrize(("due", "zone", "cutoff"), [
    (date(2025, 3, 25), "America/Chicago", datetime(2025, 3, 26, 5, tzinfo=UTC)),   # CDT
    (date(2025, 1, 25), "America/Chicago", datetime(2025, 1, 26, 6, tzinfo=UTC)),   # CST
    (date(2024, 3, 9), "America/New_York", datetime(2024, 3, 10, 5, tzinfo=UTC)),   # DST day
    (date(2025, 6, 30), "Europe/Paris", datetime(2025, 6, 30, 22, tzinfo=UTC)),
    # Chile springs forward at local midnight: 2024-09-08 began at 01:00 -03.
    (date(2024, 9, 7), "America/Santiago", datetime(2024, 9, 8, 4, tzinfo=UTC)),
    # Samoa skipped 2011-12-30: the day after the 29th began at 00:00 on the 31st (+14).
    (date(2011, 12, 29), "Pacific/Apia", datetime(2011, 12, 30, 10, tzinfo=UTC)),
    (date(2025, 10, 5), "Australia/Lord_Howe", datetime(2025, 10, 5, 13, tzinfo=UTC)),
])
def test_due_cutoff_is_the_start_of_the_next_local_day(due: date, zone: str,
                                                         cutoff: datetime) -> None:
    assert due_cutoff(due, zone) == cutoff
    assert not is_past_due(cutoff - timedelta(microseconds=1), due, zone)
    assert is_past_due(cutoff, due, zone)


def test_local_date_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date(datetime(2025, 3, 1, 12), "UTC")


def test_local_date_follows_the_zone() -> None:
    moment = datetime(2025, 3, 26, 3, tzinfo=UTC)
    assert local_date(moment, "America/Chicago") == date(2025, 3, 25)
    assert local_date(moment, "Europe/Paris") == date(2025, 3, 26)


def test_past_due_is_refused_with_advice() -> None:
    due = date(2025, 3, 25)
    ensure_not_past_due(datetime(2025, 3, 26, 4, 59, tzinfo=UTC), due, "America/Chicago")
    with pytest.raises(PastDue, match="ask the upstream company"):
        ensure_not_past_due(datetime(2025, 3, 26, 5, tzinfo=UTC), due, "America/Chicago")


instants = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                        timezones=st.just(UTC))


@settings(max_examples=300)
@given(moment=instants, zone=st.sampled_from(ZONES), shift=st.integers(-2, 2))
def test_past_due_exactly_from_the_cutoff(moment: datetime, zone: str, shift: int) -> None:
    due = local_date(moment, zone) + timedelta(days=shift)
    assert is_past_due(moment, due, zone) == (moment >= due_cutoff(due, zone))


@settings(max_examples=300)
@given(due=st.dates(min_value=date(1900, 1, 2), max_value=date(2099, 12, 30)),
       zone=st.sampled_from(ZONES), seconds=st.integers(-3 * 86400, 3 * 86400))
def test_cutoff_is_after_every_instant_of_the_due_date(due: date, zone: str,
                                                       seconds: int) -> None:
    """Probe instants around the cutoff, where daylight-saving changes bite."""
    cutoff = due_cutoff(due, zone)
    moment = cutoff + timedelta(seconds=seconds)
    if local_date(moment, zone) <= due:
        assert moment < cutoff
    else:
        assert moment >= cutoff
    assert local_date(cutoff, zone) > due
    assert local_date(cutoff - timedelta(microseconds=1), zone) <= due
    assert is_past_due(moment, due, zone) == (moment >= cutoff)
