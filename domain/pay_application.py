"""The figures of the G702/G703 pay-application document that the invoice itself does not
carry: the change-order summary, the continuation sheet cut into pages with each page's
totals, and the grand totals.

The document layer (documents/pay_application.py) draws these and adds nothing up, so the
PDF can never disagree with the invoice (its rows and summary come from domain.sov).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.errors import InvalidInput
from domain.g702 import G702Summary
from domain.g703 import ZERO, LineResult, completion_percent


@dataclass(frozen=True)
class ColumnTotals:
    """Sums of the money columns C to I of some G703 rows, and G / C of the sums."""

    scheduled_value: Decimal
    work_completed_previous: Decimal
    work_completed_this_period: Decimal
    materials_presently_stored: Decimal
    total_completed_and_stored: Decimal
    percent_complete: Decimal
    balance_to_finish: Decimal
    retainage: Decimal


def column_totals(rows: Sequence[LineResult]) -> ColumnTotals:
    def total(name: str) -> Decimal:
        return sum((getattr(row, name) for row in rows), ZERO)

    scheduled, to_date = total("scheduled_value"), total("total_completed_and_stored")
    return ColumnTotals(
        scheduled, total("work_completed_previous"), total("work_completed_this_period"),
        total("materials_presently_stored"), to_date, completion_percent(to_date, scheduled),
        total("balance_to_finish"), total("retainage"))


@dataclass(frozen=True)
class ChangeOrderSummary:
    """Change orders on the commitment: additions (C > 0) and deductions (C < 0)."""

    additions: Decimal
    deductions: Decimal          # a positive amount, shown as taken off
    net_change: Decimal          # = additions - deductions = G702 line 2
    count: int


def change_order_summary(rows: Sequence[LineResult]) -> ChangeOrderSummary:
    changes = [row.scheduled_value for row in rows if row.change_order]
    additions = sum((value for value in changes if value > 0), ZERO)
    deductions = -sum((value for value in changes if value < 0), ZERO)
    return ChangeOrderSummary(additions, deductions, additions - deductions, len(changes))


@dataclass(frozen=True)
class ContinuationPage:
    """One page of the continuation sheet: its rows and what they add up to."""

    rows: tuple[LineResult, ...]
    totals: ColumnTotals


def continuation_pages(rows: Sequence[LineResult],
                       rows_per_page: int) -> tuple[ContinuationPage, ...]:
    """The rows cut into pages of at most `rows_per_page` (one empty page when none)."""
    if rows_per_page < 1:
        raise InvalidInput("a continuation page holds at least one row")
    chunks = [tuple(rows[start:start + rows_per_page])
              for start in range(0, len(rows), rows_per_page)] or [()]
    return tuple(ContinuationPage(chunk, column_totals(chunk)) for chunk in chunks)


@dataclass(frozen=True)
class PayApplicationHeader:
    """Who and what the application is about, as printed at the top of every page."""

    owner: str                 # to whom the application is made (the upstream company)
    project: str
    contractor: str            # the contract company applying for payment
    architect: str             # blank when the project names none
    application_number: str
    period_to: date
    contract_date: date | None
    contract_for: str          # the commitment's number and title
    unit_based: bool
    # The project's language and dictionary: the words the document is printed in.
    locale: str = "en-US"
    terminology: str = "general_contractor"


@dataclass(frozen=True)
class PayApplication:
    """Everything the G702/G703 document shows, computed."""

    header: PayApplicationHeader
    summary: G702Summary
    change_orders: ChangeOrderSummary
    pages: tuple[ContinuationPage, ...]
    grand_totals: ColumnTotals

    @property
    def page_count(self) -> int:
        return 1 + len(self.pages)


def pay_application(header: PayApplicationHeader, rows: Sequence[LineResult],
                    summary: G702Summary, *, rows_per_page: int) -> PayApplication:
    return PayApplication(header, summary, change_order_summary(rows),
                          continuation_pages(rows, rows_per_page), column_totals(rows))
