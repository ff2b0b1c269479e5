"""Reading the commitment page's forms: decimals typed by a person, and the SOV editor's rows
(edit, add, remove, reorder) as the lines of a Schedule of Values, in order.

The editor works without JavaScript: each row has an order number (rows are saved sorted
by it), a remove box, and a few blank rows take new lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from domain.commands import NewSovLine
from domain.model import SovLine
from web.csrf import Form
from web.forms import FieldRefused, text_field

DECIMAL = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$", re.ASCII)
MAX_ROWS = 500
BLANK_ROWS = 3
ROW_FIELDS = ("order", "item", "code", "description", "value")


def decimal_field(form: Form, name: str, label: str) -> Decimal:
    text = text_field(form, name, label).replace(",", "")
    if not DECIMAL.match(text):
        raise FieldRefused(name, label, "must be a number such as 1250.00")
    return Decimal(text)


@dataclass
class SovRow:
    """One row of the editor as typed (strings), with what is wrong with it."""

    order: str = ""
    item: str = ""
    code: str = ""
    description: str = ""
    value: str = ""
    change_order: bool = False
    remove: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not any((self.item, self.code, self.description, self.value))


def rows_of(lines: tuple[SovLine, ...]) -> list[SovRow]:
    """The stored lines as editor rows, and blank rows for new ones."""
    rows = [SovRow(str(number), line.item_number, line.cost_code or "", line.description,
                   f"{line.scheduled_value:.2f}", line.change_order)
            for number, line in enumerate(lines, start=1)]
    return rows + [SovRow(str(len(rows) + n)) for n in range(1, BLANK_ROWS + 1)]


def typed_rows(form: Form) -> list[SovRow]:
    """The rows as typed; FieldRefused for control characters or too many rows."""
    count_text = str(form.get("row_count", ""))
    count = int(count_text) if count_text.isascii() and count_text.isdigit() else -1
    if not 0 <= count <= MAX_ROWS:
        raise FieldRefused("row_count", "The Schedule of Values", "could not be read")
    rows = []
    for index in range(count):
        values = {name: text_field(form, f"row-{index}-{name}", f"Row {index + 1}",
                                   max_length=300) for name in ROW_FIELDS}
        rows.append(SovRow(values["order"], values["item"], values["code"],
                           values["description"], values["value"],
                           change_order=f"row-{index}-co" in form,
                           remove=f"row-{index}-remove" in form))
    return rows


def lines_of(rows: list[SovRow]) -> list[NewSovLine] | None:
    """The kept rows as lines sorted by their order number; None when a row is wrong
    (its `errors` say why: keys of the "pages" catalogue, worded by the page)."""
    kept: list[tuple[Decimal, int, NewSovLine]] = []
    for index, row in enumerate(rows):
        if row.remove or row.blank:
            continue
        order = Decimal(row.order) if DECIMAL.match(row.order) else None
        if order is None:
            row.errors.append("commitment.row_order_nan")
        value = row.value.replace(",", "")
        if not DECIMAL.match(value):
            row.errors.append("commitment.row_value_nan")
        if not row.item:
            row.errors.append("commitment.row_item_required")
        if not row.description:
            row.errors.append("commitment.row_description_required")
        if not row.errors and order is not None:
            kept.append((order, index, NewSovLine(row.item, row.description, Decimal(value),
                                                  row.code or None, row.change_order)))
    if any(row.errors for row in rows):
        return None
    return [line for _, _, line in sorted(kept, key=lambda item: (item[0], item[1]))]
