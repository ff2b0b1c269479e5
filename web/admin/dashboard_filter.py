"""The dashboard's filter, search and page, read from the query string (so a filtered
page is a URL one can share), and the links that keep them.

`?status=` one of the statuses of `domain.listing.StatusFilter` (empty: all), `?q=` a
search (number, title, contract company, contact name or email), `?after=` / `?before=`
the key of the neighbouring page. The send form posts to a URL carrying the same query,
so the batch is sent for what the filter keeps when "all matching" is ticked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from aiohttp import web

from domain.listing import MAX_SEARCH_LENGTH, InviteFilter, PageRequest, StatusFilter
from mailer.i18n import Wording
from web.page_words import page_wording
from web.path_params import query_number

PAGE_SIZE = 50

# The statuses of the filter and their English (the page shows the keys
# dashboard.filter_<value or "all"> of the "pages" catalogue).
STATUS_CHOICES = (("", "All statuses"), (StatusFilter.NOT_INVITED.value, "Not Invited"),
                  (StatusFilter.INVITED.value, "Invited"),
                  (StatusFilter.ACCEPTED.value, "Accepted"),
                  (StatusFilter.DECLINED.value, "Declined"),
                  (StatusFilter.SUBMITTED.value, "Invoice submitted"))


@dataclass(frozen=True)
class DashboardQuery:
    """What the query string asks for, as typed (to show it again), and what is wrong."""

    status: str = ""
    search: str = ""
    page: PageRequest = field(default_factory=lambda: PageRequest(PAGE_SIZE))
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def wanted(self) -> InviteFilter:
        """The filter applied: a field in error is left out (and said so next to it)."""
        status = (StatusFilter(self.status) if self.status and "status" not in self.errors
                  else None)
        search = self.search.strip() if "q" not in self.errors else ""
        return InviteFilter(status, search)

    @property
    def is_filtered(self) -> bool:
        return not self.wanted.is_empty

    def query(self, **page: int) -> str:
        """The query string of this filter (and a page key), '' when there is none."""
        pairs = [(name, value) for name, value in (("status", self.status),
                                                   ("q", self.search)) if value]
        pairs += [(name, str(key)) for name, key in page.items()]
        return "?" + urlencode(pairs) if pairs else ""


def read_query(request: web.Request, words: Wording | None = None) -> DashboardQuery:
    """The filter and page of `request`; a malformed page key is a 400 (path_params).
    What is wrong is said in `words` (the request's default words without)."""
    status = request.query.get("status", "")
    search = request.query.get("q", "")
    errors = {}
    if status and status not in {value for value, _ in STATUS_CHOICES}:
        errors["status"] = (words or page_wording(request)).gettext("dashboard.bad_status")
    if len(search) > MAX_SEARCH_LENGTH:
        errors["q"] = (words or page_wording(request)).gettext("dashboard.long_search").format(
            count=MAX_SEARCH_LENGTH)
    after, before = query_number(request, "after"), query_number(request, "before")
    if after is not None and before is not None:
        before = None
    page = PageRequest(PAGE_SIZE, after=after, before=before)
    return DashboardQuery(status, search, page, errors)
