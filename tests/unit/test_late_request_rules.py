"""The rules of a late request: the days an administrator may grant, the new local
deadline, and the contact's reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.use_cases.late_requests._rules import checked_days, clean_reason, new_deadline
from domain.errors import InvalidInput


@pytest.mark.parametrize("days", [None, 0, -1, 31, 365])
def test_days_outside_one_to_thirty_are_refused(days: int | None) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 30 days"):
        checked_days(days)


@pytest.mark.parametrize("days", [1, 7, 30])
def test_days_inside_are_kept(days: int) -> None:
    assert checked_days(days) == days


def test_the_deadline_counts_from_the_local_date_not_the_utc_one() -> None:
    # 03:30 UTC on December 1 is still November 30 in Chicago.
    late_evening = datetime(2026, 12, 1, 3, 30, tzinfo=UTC)
    assert new_deadline(late_evening, "America/Chicago", 1) == date(2026, 12, 1)
    assert new_deadline(late_evening, "Europe/Paris", 1) == date(2026, 12, 2)
    # Across a month end and the end of daylight saving time (November 1, 2026).
    assert new_deadline(datetime(2026, 10, 30, 15, tzinfo=UTC), "America/Chicago",
                        5) == date(2026, 11, 4)


def test_the_reason_is_optional_trimmed_bounded_and_plain() -> None:
    assert clean_reason(None) is None and clean_reason("  \n ") is None
    assert clean_reason("  Waiting for\nthe tickets ") == "Waiting for\nthe tickets"
    with pytest.raises(InvalidInput, match="under 1000"):
        clean_reason("x" * 1001)
    with pytest.raises(InvalidInput, match="reason"):
        clean_reason("ring\x07")
