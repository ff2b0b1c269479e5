"""AIA G702 application summary: the invoice totals over its computed G703 rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.g703 import ZERO, LineResult
from domain.money import money


@dataclass(frozen=True)
class G702Summary:
    """The numbered lines of the G702 form, all in cents.

    Released retainage is taken off the retainage on completed work (5a), so that
    5a + 5b = 5 = the sum of column I.
    """

    original_contract_sum: Decimal                  # 1: lines that are not change orders
    net_change_by_change_orders: Decimal            # 2
    contract_sum_to_date: Decimal                   # 3 = 1 + 2
    total_completed_and_stored_to_date: Decimal     # 4 = sum of G
    retainage_on_completed_work: Decimal            # 5a
    retainage_on_stored_materials: Decimal          # 5b
    total_retainage: Decimal                        # 5 = 5a + 5b
    total_earned_less_retainage: Decimal            # 6 = 4 - 5
    less_previous_certificates: Decimal             # 7: line 6 of earlier approved invoices
    current_payment_due: Decimal                    # 8 = 6 - 7 (negative is a credit)
    balance_to_finish_including_retainage: Decimal  # 9 = 3 - 6


def _total(lines: Iterable[LineResult], column: Callable[[LineResult], Decimal]) -> Decimal:
    return sum((column(line) for line in lines), ZERO)


def summarize(lines: Iterable[LineResult], less_previous_certificates: Decimal) -> G702Summary:
    """The G702 totals of `lines`, given line 6 of the earlier approved invoices."""
    rows = list(lines)
    original = _total((row for row in rows if not row.change_order),
                      lambda row: row.scheduled_value)
    changes = _total((row for row in rows if row.change_order), lambda row: row.scheduled_value)
    completed = _total(rows, lambda row: row.total_completed_and_stored)
    on_work = _total(rows, lambda row: row.retainage_on_work - row.retainage_released
                     - row.retainage_released_previous)
    on_stored = _total(rows, lambda row: row.retainage_on_stored)
    earned = completed - on_work - on_stored
    previous = money(less_previous_certificates, field="less previous certificates")
    return G702Summary(
        original, changes, original + changes, completed, on_work, on_stored,
        on_work + on_stored, earned, previous, earned - previous,
        original + changes - earned)
