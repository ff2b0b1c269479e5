"""Reading the cells of one import row: the commitment's own columns, its contacts, its
SOV line. Each problem is a phrase that follows "Row N: "."""

from __future__ import annotations

from decimal import Decimal

from domain.commands import NewContact, NewSovLine
from domain.errors import InvalidInput
from domain.import_columns import (
    MAX_CONTACTS,
    NAMES,
    read_decimal,
    read_kind,
    read_percent,
    read_yes_no,
)
from domain.model import AccountingMethod

INTEGER_DIGITS = 12  # the Money and Quantity columns (store/types.py)


def commitment_cell_problems(cells: dict[str, str]) -> list[str]:
    problems = []
    if read_kind(cells.get("kind", "")) is None:
        problems.append(f"kind '{cells['kind']}' is not 'subcontract' or 'purchase order'")
    for name in ("retainage_work", "retainage_stored"):
        text = cells.get(name, "")
        if text and read_percent(text) is None:
            problems.append(f"{NAMES[name]} '{text}' is not a percentage")
    text = cells.get("stored_separately", "")
    if text and read_yes_no(text) is None:
        problems.append(f"{NAMES['stored_separately']} '{text}' is not yes or no")
    return problems


def add_contacts(cells: dict[str, str], contacts: dict[str, NewContact]) -> list[str]:
    """Add the row's contacts (by email) to `contacts`; the problems found."""
    problems = []
    for n in range(1, MAX_CONTACTS + 1):
        name, email = cells.get(f"contact{n}_name", ""), cells.get(f"contact{n}_email", "")
        if not name and not email:
            continue
        if not email:
            problems.append(f"contact {n} '{name}' has no email")
            continue
        try:
            contact = NewContact(name or email.split("@")[0], email).validated()
        except InvalidInput:
            problems.append(f"contact {n} email '{email}' is not an address")
            continue
        known = contacts.get(contact.email)
        if known is not None and name and known.name != contact.name:
            problems.append(f"contact {contact.email} is named '{contact.name}' here and "
                            f"'{known.name}' on an earlier row")
        elif known is None:
            contacts[contact.email] = contact
    return problems


def sov_line(cells: dict[str, str],
             method: AccountingMethod) -> tuple[NewSovLine | None, list[str]]:
    """The row's SOV line, or the problems that keep it from being one."""
    problems, numbers = [], {}
    for name, places in (("scheduled_value", 2), ("quantity", 4), ("unit_price", 4)):
        text = cells.get(name, "")
        numbers[name] = read_decimal(text) if text else None
        if text and numbers[name] is None:
            what = "an amount" if name != "quantity" else "a number"
            problems.append(f"{NAMES[name]} '{text}' is not {what}")
        elif (number := numbers[name]) is not None \
                and (problem := _size_problem(number, places)) is not None:
            problems.append(f"{NAMES[name]} '{text}' {problem}")
    for name, limit in (("cost_code", 50), ("unit", 20)):
        if len(cells.get(name, "")) > limit:
            problems.append(f"{NAMES[name]} is longer than {limit} characters")
    change_order = read_yes_no(cells.get("change_order", ""))
    if change_order is None:
        problems.append(f"change order '{cells['change_order']}' is not yes or no")
    if not cells.get("item"):
        problems.append("the item number is empty")
    if not cells.get("description"):
        problems.append("the description is empty")
    if method is AccountingMethod.AMOUNT and numbers["scheduled_value"] is None \
            and not cells.get("scheduled_value"):
        problems.append("the scheduled value is empty")
    if problems:
        return None, problems
    line = NewSovLine(cells["item"], cells["description"], numbers["scheduled_value"],
                      cells.get("cost_code") or None, bool(change_order), numbers["quantity"],
                      cells.get("unit") or None, numbers["unit_price"])
    try:
        return line.validated(method), []
    except InvalidInput as exc:
        return None, [exc.message.replace("scheduled_value", "scheduled value")]


def _size_problem(number: Decimal, places: int) -> str | None:
    """What the database cannot hold: 12 digits before the point, `places` after it (more
    places would be rounded away silently, so they are refused as the API refuses them)."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # read_decimal gives finite numbers only
    if len(digits) + exponent > INTEGER_DIGITS:
        return f"is too large (at most {INTEGER_DIGITS} digits before the decimal point)"
    if -exponent > places and number != number.quantize(Decimal(1).scaleb(-places)):
        return f"has more than {places} decimal places"
    return None
