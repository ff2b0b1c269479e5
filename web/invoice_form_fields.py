"""The invoice form's fields, shared by the contact's form and the administrator's (on a
contact's behalf): reading what was typed (kept as typed, to show it again when something
is wrong), the value each entered cell shows, and what the form's template needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from domain.errors import InvalidInput
from domain.g703 import LineProblem
from domain.invoice_records import InvoiceEntry, InvoiceRecord, LineEntry
from domain.money import format_money, to_decimal
from domain.text_rules import control_character_problem
from mailer.i18n import wording_for
from web.page_renderer import decimal_symbol, figure

# Form field prefixes of the entered cells of one SOV line, and what a person calls them.
ENTERED = {"work": "work completed this period", "quantity": "quantity this period",
           "stored": "materials presently stored", "released": "retainage released"}


def is_unit_row(record: InvoiceRecord, index: int) -> bool:
    return record.computed.lines[index].units is not None


def shown_values(record: InvoiceRecord) -> dict[str, str]:
    """What each entered cell of a saved (or blank) invoice shows."""
    values = {"number": record.number}
    for line_id, entry in zip(record.sov_line_ids, record.entries, strict=True):
        values[f"work_{line_id}"] = format_money(entry.work_completed_this_period)
        values[f"quantity_{line_id}"] = ("" if entry.quantity_this_period is None
                                         else str(entry.quantity_this_period.normalize()))
        values[f"stored_{line_id}"] = format_money(entry.materials_presently_stored)
        values[f"released_{line_id}"] = format_money(entry.retainage_released)
        values[f"short_{line_id}"] = "on" if entry.closed_short else ""
    return values


def typed_values(form: Mapping[str, object], record: InvoiceRecord) -> dict[str, str]:
    names = ["number"] + [f"{prefix}_{line_id}" for line_id in record.sov_line_ids
                          for prefix in [*ENTERED, "short"]]
    return {name: str(form.get(name, "")).strip() for name in names}


# What the columns hold (money and quantities are exact decimals of this many digits).
LARGEST = Decimal(10) ** 12


@dataclass(frozen=True)
class FormProblem:
    """A problem of what was typed, in English (`str`) and as the key of its words
    (`invoice_problem.<code>` of pages.po) with the values they name."""

    english: str
    code: str
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.english


_SPACES = str.maketrans("", "", " \u00a0\u202f$")


def plain_number(raw: str, decimal_comma: bool = False) -> str:
    """What was typed, as a plain decimal: "$1,250.50" -> "1250.50"; where the language
    writes a decimal comma (fr-CA: "1 250,50"), spaces group and the comma is the decimal
    mark, and a figure with both marks is left as typed (refused: it could be read two
    ways). The same rule as static/invoice_form.js."""
    if not decimal_comma:
        return raw.replace(",", "").replace("$", "")
    cleaned = raw.translate(_SPACES)
    if "," in cleaned and "." in cleaned:
        return raw
    return cleaned.replace(",", ".")


def _number(raw: str, item: str, prefix: str, problems: list[FormProblem],
            places: int = 2, decimal_comma: bool = False) -> Decimal | None:
    """The figure typed, rounded half-up to cents (quantities: four places) as the domain
    rounds, so that what is stored is what the form's live figures showed."""
    if not raw:
        return None
    label = ENTERED[prefix]
    try:
        value = to_decimal(plain_number(raw, decimal_comma), field=label)
    except InvalidInput:
        problems.append(FormProblem(f"Item {item}: {label} is not a number ({raw!r}); "
                                    "write it like 1250.00", "not_a_number",
                                    (("item", item), ("column", prefix), ("typed", raw))))
        return None
    if abs(value) >= LARGEST:
        problems.append(FormProblem(f"Item {item}: {label} is too large ({raw!r})",
                                    "too_large",
                                    (("item", item), ("column", prefix), ("typed", raw))))
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def worded(problems: Iterable[object], locale: str | None,
           terminology: str | None = None) -> list[str]:
    """The problems in the page's words: those with a code from pages.po
    (`invoice_problem.<code>`, figures grouped the locale's way), any other as it reads."""
    words = wording_for(locale or "en-US", terminology, domain="pages")
    shown: list[str] = []
    for problem in problems:
        code = getattr(problem, "code", "")
        if not code:
            shown.append(str(problem))
            continue
        values = {name: (figure(value, locale) if isinstance(value, Decimal) else value)
                  for name, value in getattr(problem, "values", ())}
        if "column" in values:
            values["column"] = words.gettext(f"invoice_problem.column_{values['column']}")
        if "typed" in values:
            values["typed"] = repr(values["typed"])
        if isinstance(problem, LineProblem):
            values["item"] = problem.item_number
        shown.append(words.gettext(f"invoice_problem.{code}").format(**values))
    return shown


def read_entry(values: Mapping[str, str], record: InvoiceRecord, billing_period_id: int,
               *, locale: str | None = None
               ) -> tuple[InvoiceEntry | None, list[FormProblem]]:
    """The entry the form describes, or the problems that stop it being read at all.
    Empty cells count as 0 (or, for a quantity, as nothing installed). Figures are read
    the way the page's `locale` writes them (a decimal comma in fr-CA)."""
    decimal_comma = decimal_symbol(locale) == ","
    problems: list[FormProblem] = []
    lines = []
    for index, line_id in enumerate(record.sov_line_ids):
        item = record.computed.lines[index].item_number
        got = {prefix: _number(values.get(f"{prefix}_{line_id}", ""), item, prefix, problems,
                               4 if prefix == "quantity" else 2, decimal_comma)
               for prefix in ENTERED}
        zero = Decimal("0")
        unit = is_unit_row(record, index)
        lines.append(LineEntry(
            line_id, zero if unit else (got["work"] or zero), got["stored"] or zero,
            got["released"] or zero, got["quantity"] if unit else None,
            closed_short=values.get(f"short_{line_id}") == "on"))
    number_problem = control_character_problem(values.get("number", ""))
    if number_problem is not None:
        problems.insert(0, FormProblem(f"Invoice number {number_problem}.", ""))
    if problems:
        return None, problems
    return InvoiceEntry(billing_period_id, values.get("number", ""), record.billing_type,
                        tuple(lines)), []


def sheet_context(record: InvoiceRecord, values: dict[str, str], errors: list[str],
                  *, editable: bool) -> dict[str, Any]:
    """The variables of templates/pages/_invoice_sheet.html.j2 (both forms include it)."""
    return {"record": record, "values": values, "errors": errors, "editable": editable,
            "unit_rows": [is_unit_row(record, index)
                          for index in range(len(record.sov_line_ids))],
            "rows": list(zip(record.sov_line_ids, record.computed.lines, strict=True))}
