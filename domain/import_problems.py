"""What is wrong with an import's row, as a code and its values (domain/commitment_import.py,
import_cells.py, import_plan.py): the API and the CLI read the English sentence (`text`);
the administrator's import pages word the code from pages.po (`import_error.<code>`) with
the column named by the template's header in the project's language."""

from __future__ import annotations

from dataclasses import dataclass

from domain.import_columns import NAMES

ENGLISH = {
    "column_twice": "the column '{column}' appears twice (columns {first} and {second})",
    "column_missing": "The column '{column}' is missing (the template shows every column)",
    "unreadable": "The file cannot be read: {reason}",
    "empty_file": "The file is empty: it has no header row",
    "no_rows": "The file has a header but no rows to import",
    "too_many_rows": "The file has {rows} rows; import at most {most} at a time",
    "control_character": "{column} must not contain control characters (found {found})",
    "number_empty": "the commitment number is empty",
    "differs": "{column} '{text}' differs from '{seen}' on row {row} for commitment {number}",
    "commitment_invalid": "{message}",
    "kind_unknown": "kind '{text}' is not 'subcontract' or 'purchase order'",
    "not_percentage": "{column} '{text}' is not a percentage",
    "not_yes_no": "{column} '{text}' is not yes or no",
    "contact_no_email": "contact {n} '{name}' has no email",
    "contact_bad_email": "contact {n} email '{email}' is not an address",
    "contact_two_names": "contact {email} is named '{name}' here and '{known}' on an earlier row",
    "not_amount": "{column} '{text}' is not an amount",
    "not_number": "{column} '{text}' is not a number",
    "too_large": "{column} '{text}' is too large (at most {digits} digits before the decimal "
                 "point)",
    "too_many_places": "{column} '{text}' has more than {places} decimal places",
    "too_long": "{column} is longer than {limit} characters",
    "change_order_not_yes_no": "change order '{text}' is not yes or no",
    "item_empty": "the item number is empty",
    "description_empty": "the description is empty",
    "scheduled_value_empty": "the scheduled value is empty",
    "line_invalid": "{message}",
    "invoiced_sov": "commitment {number} already has an invoice, so its SOV lines cannot be "
                    "changed by an import (add a change-order line in the SOV editor instead)",
}


@dataclass(frozen=True)
class Problem:
    """`values` by name; "column" holds a column's key (domain/import_columns.py)."""

    code: str
    values: tuple[tuple[str, str | int], ...] = ()

    @property
    def text(self) -> str:
        """The English phrase (the API's and the CLI's): columns as the errors name them."""
        values = dict(self.values)
        if "column" in values:
            values["column"] = NAMES[str(values["column"])]
        return ENGLISH[self.code].format(**values)


def problem(code: str, **values: str | int) -> Problem:
    assert code in ENGLISH, code
    return Problem(code, tuple(values.items()))
