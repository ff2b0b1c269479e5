"""Michigan's sworn statement: with an invoice of a project in Michigan that lists
sub-tiers, the contractor states under oath, for each subcontractor and supplier that
worked or supplied under it on the commitment, four figures, and their totals:

- contract amount: the sub-tier's estimated contract amount as entered (0.00 when none
  was entered; the line says so with `contract_given` False);
- paid to date: what the sub-tier billed on *earlier* invoices of this commitment that
  are paid. We never see the contractor's own payments to its sub-tiers, only the general
  contractor's payments to the contractor, so the rule is pay-when-paid: an amount a
  sub-tier billed on an earlier invoice counts as paid to it once that invoice is paid
  (its status is Paid: the payments recorded add up to its payment due, or the
  administrator marked it paid). A partly paid invoice adds nothing: a statement made
  under oath should never overstate what was paid;
- this period: what the sub-tier billed on this invoice;
- balance to complete: contract amount - paid to date - this period (negative when a
  sub-tier billed past its estimate: shown as it is, never hidden).

Amounts billed on earlier invoices that are not paid yet are in neither paid to date nor
this period, so they stay inside the balance to complete.

The contractor's own line is not listed: the design note asks for every sub-tier's line.
Pure: no I/O; the figures are computed here and only printed by documents/.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.us_states import MICHIGAN

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ListedSubTier:
    """A sub-tier as the statement names it."""

    sub_tier_id: int
    company_name: str
    tier_type: str        # subcontractor | supplier
    kind_of_work: str
    contract_amount: Decimal | None  # the estimated contract amount; None: not entered


@dataclass(frozen=True)
class BilledInvoice:
    """One invoice of the commitment (period order): whether it is paid, and what each
    sub-tier billed on it."""

    invoice_id: int
    paid: bool
    billed: Mapping[int, Decimal]  # sub-tier id -> amount billed


@dataclass(frozen=True)
class StatementLine:
    sub_tier_id: int
    company_name: str
    tier_type: str
    kind_of_work: str
    contract_amount: Decimal
    contract_given: bool
    paid_to_date: Decimal
    this_period: Decimal
    balance: Decimal


@dataclass(frozen=True)
class StatementTotals:
    contract_amount: Decimal
    paid_to_date: Decimal
    this_period: Decimal
    balance: Decimal


@dataclass(frozen=True)
class SwornStatement:
    lines: tuple[StatementLine, ...]

    @property
    def totals(self) -> StatementTotals:
        return StatementTotals(
            sum((line.contract_amount for line in self.lines), ZERO),
            sum((line.paid_to_date for line in self.lines), ZERO),
            sum((line.this_period for line in self.lines), ZERO),
            sum((line.balance for line in self.lines), ZERO))


def required(project_state: str, billed_lines: int) -> bool:
    """A sworn statement goes with an invoice of a Michigan project that lists sub-tiers."""
    return project_state == MICHIGAN and billed_lines > 0


def statement(invoice_id: int, history: Sequence[BilledInvoice],
              listed: Sequence[ListedSubTier]) -> SwornStatement:
    """The statement of invoice `invoice_id` of `history` (the commitment's invoices in
    period order): one line per sub-tier billed on it, in the order of `listed`."""
    position = next(index for index, item in enumerate(history) if item.invoice_id == invoice_id)
    current, earlier = history[position], history[:position]
    lines = []
    for sub_tier in listed:
        if sub_tier.sub_tier_id not in current.billed:
            continue
        paid = sum((item.billed.get(sub_tier.sub_tier_id, ZERO)
                    for item in earlier if item.paid), ZERO)
        this_period = current.billed[sub_tier.sub_tier_id]
        contract = ZERO if sub_tier.contract_amount is None else sub_tier.contract_amount
        lines.append(StatementLine(
            sub_tier.sub_tier_id, sub_tier.company_name, sub_tier.tier_type,
            sub_tier.kind_of_work, contract, sub_tier.contract_amount is not None, paid,
            this_period, contract - paid - this_period))
    return SwornStatement(tuple(lines))


_MONEY_FIELDS = ("contract_amount", "paid_to_date", "this_period", "balance")


def snapshot(found: SwornStatement) -> str:
    """The statement as stable text (kept with the document it was signed as; two
    statements with the same figures give the same text)."""
    rows = [{**line.__dict__, **{name: str(getattr(line, name)) for name in _MONEY_FIELDS}}
            for line in found.lines]
    return json.dumps(rows, sort_keys=True, separators=(",", ":"))


def from_snapshot(text: str) -> SwornStatement:
    rows = json.loads(text)
    return SwornStatement(tuple(
        StatementLine(**{**row, **{name: Decimal(row[name]) for name in _MONEY_FIELDS}})
        for row in rows))
