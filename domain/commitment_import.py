"""Reading an import of commitments: rows of strings (a spreadsheet's, header first) into
commitments, or a list of row errors in plain words ("Row 14: scheduled value 'abc' is not
an amount"). Pure: the spreadsheet is read by documents/spreadsheets.py, the database
is compared and written by the imports capability.

Rows are numbered as the spreadsheet numbers them (the header is row 1). Rows with the
same commitment number are one commitment, in the order of their first row; its
commitment columns must agree on every row that fills them in (blank repeats the first).
A row with no item number, description or value only adds to the commitment (contacts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.commands import NewCommitment, NewContact, NewSovLine
from domain.errors import InvalidInput
from domain.import_cells import add_contacts, commitment_cell_problems, sov_line
from domain.import_columns import (
    ALIASES,
    COLUMNS,
    normalise_header,
    read_kind,
    read_percent,
    read_yes_no,
)
from domain.import_problems import Problem, problem
from domain.model import AccountingMethod
from domain.text_rules import describe, first_control_character

MAX_ROWS = 20_000
COMMITMENT_KEYS = ("title", "kind", "company", "retainage_work", "retainage_stored",
                   "stored_separately")
LINE_KEYS = ("item", "description", "scheduled_value", "quantity", "unit_price")


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: about the whole file (a missing column)
    message: str  # a whole sentence, naming the row (English: the API's and the CLI's)
    problem: Problem | None = None  # the same, as a code and values, for the pages' words
    rows: tuple[int, ...] = ()  # the rows it names (one, or a commitment's first and last)
    commitment: str = ""  # the commitment it names after the rows, if any


def row_error(rows: Sequence[int], found: Problem, commitment: str = "") -> RowError:
    """"Row 14: ...", "Rows 2-5 (commitment SC-1): ..."."""
    where = f"Row {rows[0]}" if len(rows) == 1 else f"Rows {rows[0]}-{rows[-1]}"
    named = f" (commitment {commitment})" if commitment else ""
    return RowError(rows[0], f"{where}{named}: {found.text}", found,
                    (rows[0],) if len(rows) == 1 else (rows[0], rows[-1]), commitment)


def file_error(found: Problem) -> RowError:
    return RowError(None, found.text, found)


@dataclass(frozen=True)
class ImportedCommitment:
    command: NewCommitment  # validated for the project's accounting method
    rows: tuple[int, ...]


@dataclass(frozen=True)
class ParsedImport:
    commitments: tuple[ImportedCommitment, ...]
    errors: tuple[RowError, ...]
    rows: int
    ignored_columns: tuple[str, ...] = ()


def header_keys(header: Sequence[str], headers: Mapping[str, str] | None = None,
                ) -> tuple[dict[str, int], list[str], list[RowError]]:
    """Column key -> position; headers we ignore; errors (missing or repeated columns).
    `headers`: more header spellings (the template's in other languages) -> column key."""
    positions: dict[str, int] = {}
    ignored, errors = [], []
    extra = {normalise_header(text): key for text, key in (headers or {}).items()}
    for position, text in enumerate(header):
        written = normalise_header(text)
        key = ALIASES.get(written) or extra.get(written)
        if key is None:
            if text.strip():
                ignored.append(text.strip())
        elif key in positions:
            errors.append(row_error([1], problem("column_twice", column=key,
                                                 first=positions[key] + 1,
                                                 second=position + 1)))
        else:
            positions[key] = position
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.append(file_error(problem("column_missing", column=column.key)))
    return positions, ignored, errors


@dataclass
class _Draft:
    first_row: int
    values: dict[str, tuple[int, str]]
    lines: list[NewSovLine] = field(default_factory=list)
    contacts: dict[str, NewContact] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    failed: bool = False  # a row has errors: the commitment is not checked as a whole


def parse_import(rows: Sequence[Sequence[str]], method: AccountingMethod, *,
                 headers: Mapping[str, str] | None = None) -> ParsedImport:
    """`rows[0]` is the header; every cell a string ('' when empty). `headers`: more
    header spellings -> column key (the template's words in every language)."""
    if not rows:
        return ParsedImport((), (file_error(problem("empty_file")),), 0)
    positions, ignored, errors = header_keys(rows[0], headers)
    data = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if any(cell.strip() for cell in row)]
    if errors:
        return ParsedImport((), tuple(errors), len(data), tuple(ignored))
    if not data:
        errors.append(file_error(problem("no_rows")))
    if len(data) > MAX_ROWS:
        errors.append(file_error(problem("too_many_rows", rows=len(data), most=MAX_ROWS)))
        return ParsedImport((), tuple(errors), len(data), tuple(ignored))
    drafts: dict[str, _Draft] = {}
    for number, row in data:
        cells = {key: (row[at].strip() if at < len(row) else "") for key, at in positions.items()}
        problems = _row_problems(number, cells, drafts, method)
        if problems and cells["number"] in drafts:
            drafts[cells["number"]].failed = True
        errors.extend(row_error([number], found) for found in problems)
    commitments = []
    for key, draft in drafts.items():
        if draft.failed:
            continue
        try:
            command = _command(key, draft).validated(method)
        except InvalidInput as exc:
            errors.append(row_error(draft.rows, problem("commitment_invalid",
                                                        message=exc.message), key))
            continue
        commitments.append(ImportedCommitment(command, tuple(draft.rows)))
    errors.sort(key=lambda error: error.row or 0)
    return ParsedImport(tuple(commitments), tuple(errors), len(data), tuple(ignored))


def _row_problems(number: int, cells: dict[str, str], drafts: dict[str, _Draft],
                  method: AccountingMethod) -> list[Problem]:
    # One search over the whole row (most rows are clean), then the cells that are not.
    if first_control_character("".join(cells.values())) is not None:
        return [problem("control_character", column=key, found=describe(found))
                for key, text in cells.items()
                if (found := first_control_character(text)) is not None]
    problems: list[Problem] = []
    key = cells["number"]
    if not key:
        return [problem("number_empty")]
    draft = drafts.get(key)
    if draft is None:
        draft = drafts[key] = _Draft(number, {})
    draft.rows.append(number)
    for name in COMMITMENT_KEYS:
        text = cells.get(name, "")
        if not text:
            continue
        seen = draft.values.get(name)
        if seen is None:
            draft.values[name] = (number, text)
        elif seen[1] != text:
            problems.append(problem("differs", column=name, text=text, seen=seen[1],
                                    row=seen[0], number=key))
    problems += commitment_cell_problems(cells)
    problems += add_contacts(cells, draft.contacts)
    if any(cells.get(name) for name in LINE_KEYS):
        line, line_problems = sov_line(cells, method)
        problems += line_problems
        if line is not None:
            draft.lines.append(line)
    return problems


def _command(key: str, draft: _Draft) -> NewCommitment:
    def value(name: str) -> str:
        return draft.values.get(name, (0, ""))[1]

    work = read_percent(value("retainage_work")) or Decimal("0")
    stored = read_percent(value("retainage_stored")) if value("retainage_stored") else work
    separately = read_yes_no(value("stored_separately")) if value("stored_separately") else True
    kind = read_kind(value("kind"))
    assert kind is not None and stored is not None and separately is not None  # rows checked
    return NewCommitment(key, value("title"), kind, value("company"), work, stored,
                         tuple(draft.lines), tuple(draft.contacts.values()), separately)
