"""Billing periods: date rules and the due-date cutoff in the project's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import Conflict, InvalidInput, PastDue


def time_zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or InvalidInput with a readable message."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone {name!r}; use an IANA name such as "
                           "'America/Chicago'") from None


def validate_dates(start: date, end: date, due: date) -> None:
    """A period covers start..end (inclusive) and is due on or after its start."""
    if start > end:
        raise InvalidInput("start_date must not be after end_date")
    if due < start:
        raise InvalidInput("due_date must not be before start_date")


@dataclass(frozen=True)
class PeriodRange:
    """What the opening rule needs to know of an existing period."""

    id: int
    start_date: date
    end_date: date
    is_open: bool


def periods_to_close(existing: Iterable[PeriodRange], start: date, end: date) -> list[int]:
    """Check that a new period may open and return the ids it closes.

    There is at most one open period per project, so opening one closes the others;
    two periods may not cover the very same range.
    """
    existing = list(existing)
    if any(p.start_date == start and p.end_date == end for p in existing):
        raise Conflict(f"a billing period for {start.isoformat()}..{end.isoformat()} "
                       "already exists", code="duplicate_period")
    return [p.id for p in existing if p.is_open]


def due_cutoff(due: date, zone_name: str) -> datetime:
    """The first instant (UTC) after the due date has ended in the project's zone.

    Built from local midnight of the next day; zoneinfo resolves a midnight skipped by a
    daylight-saving change (fold=0) to the instant the new day actually began.
    """
    zone = time_zone(zone_name)
    local_midnight = datetime.combine(due + timedelta(days=1), time(0), tzinfo=zone)
    return local_midnight.astimezone(UTC)


def local_date(moment: datetime, zone_name: str) -> date:
    """The calendar date that `moment` (aware) falls on in the project's zone."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(time_zone(zone_name)).date()


def is_past_due(now: datetime, due: date, zone_name: str) -> bool:
    """Submissions are accepted until the end of the due date, local time."""
    return local_date(now, zone_name) > due


def refuse_past_due(now: datetime, due: date, zone_name: str) -> None:
    """A period may not be opened, nor its due date moved, to a due date that has already
    ended in the project's zone."""
    if is_past_due(now, due, zone_name):
        raise InvalidInput(f"due_date {due.isoformat()} has already passed in {zone_name}",
                           code="due_date_passed")


def ensure_not_past_due(now: datetime, due: date, zone_name: str) -> None:
    if is_past_due(now, due, zone_name):
        raise PastDue(f"the due date {due.isoformat()} has passed; ask the upstream company "
                      "to create the invoice on your behalf")
