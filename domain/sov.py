"""An invoice over a Schedule of Values: every G703 row, then the G702 summary.

This is the entry point for callers; the column rules live in domain.g703 (amount lines),
domain.unit_lines (unit-based lines) and domain.g702 (the summary).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.g702 import G702Summary, summarize
from domain.g703 import (
    AmountLine,
    InvoiceInvalid,
    LineProblem,
    LineResult,
    RetainageRates,
    compute_line,
)
from domain.unit_lines import UnitLine, compute_unit_line

__all__ = [
    "AmountLine", "G702Summary", "InvoiceInvalid", "InvoiceResult", "LineProblem",
    "LineResult", "RetainageRates", "UnitLine", "compute_invoice",
]


@dataclass(frozen=True)
class InvoiceResult:
    """The computed continuation sheet (G703 rows, in the order given) and its summary."""

    lines: tuple[LineResult, ...]
    summary: G702Summary


def compute_invoice(lines: Sequence[AmountLine | UnitLine], rates: RetainageRates, *,
                    less_previous_certificates: Decimal,
                    allow_overbilling: bool = False) -> InvoiceResult:
    """Compute an invoice, or raise InvoiceInvalid listing the problems of every line."""
    problems: list[LineProblem] = []
    results: list[LineResult] = []
    seen: set[str] = set()
    for line in lines:
        if line.item_number in seen:
            problems.append(LineProblem(line.item_number, "the item number appears twice"))
        seen.add(line.item_number)
        try:
            if isinstance(line, UnitLine):
                results.append(compute_unit_line(line, rates,
                                                 allow_overbilling=allow_overbilling))
            else:
                results.append(compute_line(line, rates, allow_overbilling=allow_overbilling))
        except InvoiceInvalid as error:
            problems.extend(error.problems)
    if problems:
        raise InvoiceInvalid(problems)
    return InvoiceResult(tuple(results), summarize(results, less_previous_certificates))
