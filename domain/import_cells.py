"""Reading the cells of one import row: the commitment's own columns, its contacts, its
SOV line. Each problem is a code and its values (domain/import_problems.py), its English
phrase the one that follows "Row N: "."""

from __future__ import annotations

from decimal import Decimal

from domain.commands import NewContact, NewSovLine
from domain.errors import InvalidInput
from domain.import_columns import (
    MAX_CONTACTS,
    read_decimal,
    read_kind,
    read_percent,
    read_yes_no,
)
from domain.import_problems import Problem, problem
from domain.model import AccountingMethod

INTEGER_DIGITS = 12  # the Money and Quantity columns (store/types.py)


def commitment_cell_problems(cells: dict[str, str]) -> list[Problem]:
    problems = []
    if read_kind(cells.get("kind", "")) is None:
        problems.append(problem("kind_unknown", text=cells["kind"]))
    for name in ("retainage_work", "retainage_stored"):
        text = cells.get(name, "")
        if text and read_percent(text) is None:
            problems.append(problem("not_percentage", column=name, text=text))
    text = cells.get("stored_separately", "")
    if text and read_yes_no(text) is None:
        problems.append(problem("not_yes_no", column="stored_separately", text=text))
    return problems


def add_contacts(cells: dict[str, str], contacts: dict[str, NewContact]) -> list[Problem]:
    """Add the row's contacts (by email) to `contacts`; the problems found."""
    problems = []
    for n in range(1, MAX_CONTACTS + 1):
        name, email = cells.get(f"contact{n}_name", ""), cells.get(f"contact{n}_email", "")
        if not name and not email:
            continue
        if not email:
            problems.append(problem("contact_no_email", n=n, name=name))
            continue
        try:
            contact = NewContact(name or email.split("@")[0], email).validated()
        except InvalidInput:
            problems.append(problem("contact_bad_email", n=n, email=email))
            continue
        known = contacts.get(contact.email)
        if known is not None and name and known.name != contact.name:
            problems.append(problem("contact_two_names", email=contact.email,
                                    name=contact.name, known=known.name))
        elif known is None:
            contacts[contact.email] = contact
    return problems


def sov_line(cells: dict[str, str],
             method: AccountingMethod) -> tuple[NewSovLine | None, list[Problem]]:
    """The row's SOV line, or the problems that keep it from being one."""
    problems: list[Problem] = []
    numbers: dict[str, Decimal | None] = {}
    for name, places in (("scheduled_value", 2), ("quantity", 4), ("unit_price", 4)):
        text = cells.get(name, "")
        numbers[name] = read_decimal(text) if text else None
        if text and numbers[name] is None:
            problems.append(problem("not_amount" if name != "quantity" else "not_number",
                                    column=name, text=text))
        elif (number := numbers[name]) is not None \
                and (size := _size_problem(number, places)) is not None:
            problems.append(problem(size[0], column=name, text=text, **size[1]))
    for name, limit in (("cost_code", 50), ("unit", 20)):
        if len(cells.get(name, "")) > limit:
            problems.append(problem("too_long", column=name, limit=limit))
    change_order = read_yes_no(cells.get("change_order", ""))
    if change_order is None:
        problems.append(problem("change_order_not_yes_no", text=cells["change_order"]))
    if not cells.get("item"):
        problems.append(problem("item_empty"))
    if not cells.get("description"):
        problems.append(problem("description_empty"))
    if method is AccountingMethod.AMOUNT and numbers["scheduled_value"] is None \
            and not cells.get("scheduled_value"):
        problems.append(problem("scheduled_value_empty"))
    if problems:
        return None, problems
    line = NewSovLine(cells["item"], cells["description"], numbers["scheduled_value"],
                      cells.get("cost_code") or None, bool(change_order), numbers["quantity"],
                      cells.get("unit") or None, numbers["unit_price"])
    try:
        return line.validated(method), []
    except InvalidInput as exc:
        return None, [problem("line_invalid", message=exc.message.replace(
            "scheduled_value", "scheduled value"))]


def _size_problem(number: Decimal, places: int) -> tuple[str, dict[str, int]] | None:
    """What the database cannot hold: 12 digits before the point, `places` after it (more
    places would be rounded away silently, so they are refused as the API refuses them)."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # read_decimal gives finite numbers only
    if len(digits) + exponent > INTEGER_DIGITS:
        return "too_large", {"digits": INTEGER_DIGITS}
    if -exponent > places and number != number.quantize(Decimal(1).scaleb(-places)):
        return "too_many_places", {"places": places}
    return None
