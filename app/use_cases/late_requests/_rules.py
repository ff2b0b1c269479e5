"""The rules of a late request, apart from the database: who may ask when, how many days
may be granted, and the new local deadline."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.errors import InvalidInput
from domain.periods import local_date
from domain.text_rules import control_character_problem, describe, first_control_character

MIN_DAYS, MAX_DAYS = 1, 30
MAX_REASON = 1000


def clean_reason(reason: str | None) -> str | None:
    """The contact's optional reason: trimmed, at most 1000 characters, no control
    characters but line breaks. Raises InvalidInput naming the field."""
    text = (reason or "").strip()
    if not text:
        return None
    if len(text) > MAX_REASON:
        raise InvalidInput(f"the reason is {len(text)} characters long; keep it under "
                           f"{MAX_REASON}", words="late_reason_too_long",
                           values={"length": len(text), "most": MAX_REASON})
    problem = control_character_problem(text, multi_line=True)
    found = first_control_character(text, multi_line=True)
    if problem is not None and found is not None:
        raise InvalidInput(f"the reason {problem}", words="late_reason_control",
                           values={"found": describe(found)})
    return text


def checked_days(days: int | None) -> int:
    if days is None or not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidInput(f"choose between {MIN_DAYS} and {MAX_DAYS} days")
    return days


def new_deadline(now: datetime, zone: str, days: int) -> date:
    """Granting `days` days opens the commitment until the end of the local date `days`
    days after today (in the project's zone): 3 days granted on the 27th run to the end
    of the 30th."""
    return local_date(now, zone) + timedelta(days=days)
