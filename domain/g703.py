"""AIA G703 continuation-sheet arithmetic for one amount-based Schedule-of-Values line.

Columns: C scheduled value, D work completed from previous applications, E work completed
this period, F materials presently stored, G = D + E + F, G / C, H = C - G, I retainage.
Money is Decimal cents rounded half-up and percentages have two places (domain.money).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.errors import InvalidInput
from domain.money import HUNDRED, money, percent, percent_of, to_decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineProblem:
    """One thing wrong with one SOV line, worded for the person who entered it (in English;
    with a `code` and its `values`, an edge can word it in the person's own language)."""

    item_number: str
    message: str
    code: str = ""
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return f"Item {self.item_number}: {self.message}"


class InvoiceInvalid(InvalidInput):
    """One or more SOV lines break a rule; `problems` lists every one found."""

    def __init__(self, problems: Sequence[LineProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class RetainageRates:
    """Commitment-level retainage percentages (Decimal("10") means 10 %)."""

    work: Decimal
    stored: Decimal

    def __post_init__(self) -> None:
        for name, rate in (("work", self.work), ("stored materials", self.stored)):
            value = to_decimal(rate, field=f"retainage rate on {name}")
            if not ZERO <= value <= HUNDRED:
                raise InvalidInput(f"the retainage rate on {name} must be between 0 and 100 %")


@dataclass(frozen=True)
class AmountLine:
    """One SOV line as entered on an amount-based invoice."""

    item_number: str
    scheduled_value: Decimal                     # C
    work_completed_previous: Decimal             # D: sum of D + E of earlier invoices, never F
    work_completed_this_period: Decimal          # E
    materials_presently_stored: Decimal = ZERO   # F: the stored balance now, not in D or E
    retainage_released: Decimal = ZERO           # released by this invoice
    retainage_released_previous: Decimal = ZERO  # released by earlier invoices
    change_order: bool = False
    description: str = ""


@dataclass(frozen=True)
class UnitProgress:
    """The quantity columns of a unit-based line (quantities have four decimal places)."""

    quantity: Decimal
    unit_price: Decimal
    quantity_previous: Decimal
    quantity_this_period: Decimal
    quantity_to_date: Decimal


@dataclass(frozen=True)
class LineResult:
    """One computed G703 row. `retainage` (column I) is what stays held after this invoice."""

    item_number: str
    description: str
    change_order: bool
    scheduled_value: Decimal              # C
    work_completed_previous: Decimal      # D
    work_completed_this_period: Decimal   # E
    materials_presently_stored: Decimal   # F
    total_completed_and_stored: Decimal   # G = D + E + F
    percent_complete: Decimal             # G / C x 100, 0 when C is 0
    balance_to_finish: Decimal            # H = C - G
    retainage_on_work: Decimal            # work rate x (D + E)
    retainage_on_stored: Decimal          # stored rate x F
    retainage_released: Decimal           # by this invoice
    retainage_released_previous: Decimal  # by earlier invoices
    retainage: Decimal                    # I = on work + on stored - all released
    units: UnitProgress | None = None


_COLUMNS = (
    ("scheduled_value", "the scheduled value"),
    ("work_completed_previous", "work completed in previous periods"),
    ("work_completed_this_period", "work completed this period"),
    ("materials_presently_stored", "materials presently stored"),
    ("retainage_released", "retainage released this period"),
    ("retainage_released_previous", "retainage released in previous periods"),
)


def _parse(line: AmountLine) -> tuple[dict[str, Decimal], list[LineProblem]]:
    values: dict[str, Decimal] = {}
    problems: list[LineProblem] = []
    for name, label in _COLUMNS:
        try:
            values[name] = money(getattr(line, name), field=label)
        except InvalidInput as error:
            problems.append(LineProblem(line.item_number, error.message))
    return values, problems


def _sign_problems(line: AmountLine, values: dict[str, Decimal]) -> list[LineProblem]:
    """Amounts follow the sign of C: a deductive change order (C < 0) is billed as credits."""
    problems: list[LineProblem] = []
    if values["scheduled_value"] < 0 and not line.change_order:
        problems.append(LineProblem(line.item_number, "the scheduled value is negative; "
                                    "only a change-order line may deduct"))
    deductive = values["scheduled_value"] < 0
    for name, label in _COLUMNS[1:4]:
        value = values[name]
        if deductive and value > 0:
            problems.append(LineProblem(line.item_number, f"{label} is {value}, but this "
                                        "deductive change order only takes credits (0 or less)"))
        elif not deductive and value < 0:
            problems.append(LineProblem(line.item_number, f"{label} is negative ({value}); "
                                        "enter 0 or more", "negative",
                                        (("column", name), ("value", value))))
    for name, label in _COLUMNS[4:]:
        if values[name] < 0:
            problems.append(LineProblem(line.item_number, f"{label} is negative "
                                        f"({values[name]}); enter 0 or more", "negative",
                                        (("column", name), ("value", values[name]))))
    return problems


def completion_percent(completed: Decimal, scheduled: Decimal) -> Decimal:
    """`completed` as a percentage of `scheduled`, two places; 0 when nothing is scheduled."""
    if scheduled == 0:
        return percent(0)
    return percent(completed / scheduled * HUNDRED)


def compute_line(line: AmountLine, rates: RetainageRates, *,
                 allow_overbilling: bool = False) -> LineResult:
    """Compute one G703 row, or raise InvoiceInvalid listing every problem of the line."""
    values, problems = _parse(line)
    if problems:
        raise InvoiceInvalid(problems)
    problems = _sign_problems(line, values)
    scheduled = values["scheduled_value"]
    previous = values["work_completed_previous"]
    this_period = values["work_completed_this_period"]
    stored = values["materials_presently_stored"]
    released = values["retainage_released"]
    released_before = values["retainage_released_previous"]
    to_date = previous + this_period + stored
    if abs(to_date) > abs(scheduled) and not allow_overbilling:
        beyond = "beyond" if scheduled < 0 else "more than"
        problems.append(LineProblem(
            line.item_number, f"completed and stored to date ({to_date}) is {beyond} the "
            f"scheduled value ({scheduled}), {completion_percent(to_date, scheduled)} %; "
            "a line cannot be billed past 100 %",
            "past_100_credit" if scheduled < 0 else "past_100",
            (("to_date", to_date), ("scheduled", scheduled),
             ("percent", completion_percent(to_date, scheduled)))))
    on_work = percent_of(previous + this_period, rates.work)
    on_stored = percent_of(stored, rates.stored)
    # Releases are cumulative: together they may never exceed the retainage withheld so far.
    held = max(on_work + on_stored, ZERO) - released_before
    if released > 0 and released > held:
        problems.append(LineProblem(
            line.item_number, f"retainage released this period ({released}) is more than "
            f"the retainage held ({max(held, ZERO)})", "released_over_held",
            (("released", released), ("held", max(held, ZERO)))))
    elif released_before > 0 and held < 0:
        problems.append(LineProblem(
            line.item_number, f"retainage released in previous periods ({released_before}) "
            f"is more than the retainage on the work and materials to date "
            f"({on_work + on_stored})"))
    if problems:
        raise InvoiceInvalid(problems)
    return LineResult(
        line.item_number, line.description, line.change_order, scheduled, previous,
        this_period, stored, to_date, completion_percent(to_date, scheduled),
        scheduled - to_date, on_work, on_stored, released, released_before,
        on_work + on_stored - released_before - released)
