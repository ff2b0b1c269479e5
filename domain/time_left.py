"""How long is left before a cutoff, as parts the edge words in the reader's language
(domain/answers.py and domain/contacts.py use it; neither imports the other for it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class TimeLeft:
    """How long until a cutoff, rounded down to whole minutes (so a page never promises more
    time than there is): the edge words it ("3 days and 4 hours", "3 jours et 4 heures").
    `passed` once the cutoff is reached; all zero and not passed: less than a minute."""

    days: int = 0
    hours: int = 0
    minutes: int = 0
    passed: bool = False

    def parts(self) -> tuple[tuple[str, int], ...]:
        """The (at most two) largest units worth saying, as ("days", 3), ("hours", 4):
        days and hours, else hours and minutes, else minutes; none under a minute."""
        if self.passed:
            return ()
        if self.days:
            return (("days", self.days),) + ((("hours", self.hours),) if self.hours else ())
        if self.hours:
            return (("hours", self.hours),) + (
                (("minutes", self.minutes),) if self.minutes else ())
        return (("minutes", self.minutes),) if self.minutes else ()


def time_left_until(now: datetime, cutoff: datetime) -> TimeLeft:
    """How long until `cutoff` (see TimeLeft), rounded down."""
    left = cutoff - now
    if left <= timedelta(0):
        return TimeLeft(passed=True)
    days, rest = divmod(int(left.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    return TimeLeft(days, hours, rest // 60)
