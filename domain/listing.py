"""Lists read a page at a time: what page is asked for, what came back, and the filter
of a period's invites (the dashboard's and the API's).

Pages are keyset pages: ordered by a unique key (an id), a page starts after the last key
of the previous one (or ends before the first key of the next one, going back), so each
page costs the same however deep it is, and rows added meanwhile are neither skipped nor
repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from domain.model import InviteStatus

T = TypeVar("T")

MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class PageRequest:
    """`limit` rows after the key `after` (or, going back, before the key `before`)."""

    limit: int
    after: int | None = None
    before: int | None = None

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError("a page holds at least one row")
        if self.after is not None and self.before is not None:
            raise ValueError("a page starts after a key or ends before one, not both")


@dataclass(frozen=True)
class Page(Generic[T]):
    """A page of rows in key order; `next_after` / `previous_before` are the keys to ask
    for the neighbouring pages with, None when there is none."""

    items: tuple[T, ...]
    next_after: int | None = None
    previous_before: int | None = None


def cut(keys: list[int], request: PageRequest) -> tuple[list[int], int | None, int | None]:
    """The keys of one page out of up to `limit + 1` keys read in the page's direction
    (ascending after `after`, descending before `before`), with the neighbours' keys."""
    more = len(keys) > request.limit
    if request.before is not None:
        page = list(reversed(keys[:request.limit]))
        previous_before = page[0] if more and page else None
        return page, page[-1] if page else None, previous_before
    page = keys[:request.limit]
    next_after = page[-1] if more else None
    previous_before = page[0] if request.after is not None and page else None
    return page, next_after, previous_before


class StatusFilter(StrEnum):
    """The dashboard's *Invoice Status* filter: the invite statuses, and invoices sent."""

    NOT_INVITED = InviteStatus.NOT_INVITED.value
    INVITED = InviteStatus.INVITED.value
    ACCEPTED = InviteStatus.ACCEPTED.value
    DECLINED = InviteStatus.DECLINED.value
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class InviteFilter:
    """Which of a period's commitments to show: by status, and by a search in the
    commitment's number and title, its contract company and its contacts' names and
    emails (a substring, case-insensitive)."""

    status: StatusFilter | None = None
    search: str = ""

    @property
    def is_empty(self) -> bool:
        return self.status is None and not self.search
