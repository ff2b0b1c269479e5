"""The columns of a commitment import, the header spellings accepted for each, and how a
cell is read (amounts, percentages, yes/no, kinds) the way ERPs and Excel write them.

One row per SOV line; the commitment's columns are repeated on each of its rows; its
invoice contacts are columns (`contact 1 name`, `contact 1 email`, up to five). Headers
are matched case-insensitively, ignoring spaces, `_`, `-`, `.` and `:`; `#` and `no`
read as `number`, `%` as `percent` (so `Commitment #`, `COMMITMENT_NO` and
`commitment number` are one column).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.model import CommitmentKind

MAX_CONTACTS = 5


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it
    required: bool
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("number", "Commitment Number", True, "SC-101",
           ("commitment", "commitment number", "contract number", "subcontract number",
            "po number", "number")),
    Column("title", "Commitment Title", True, "Electrical rough-in",
           ("title", "commitment title", "contract title", "commitment name")),
    Column("kind", "Kind", False, "subcontract",
           ("kind", "type", "commitment type", "commitment kind", "contract type")),
    Column("company", "Contract Company", True, "Bright Spark Electric",
           ("contract company", "company", "vendor", "vendor name", "subcontractor",
            "supplier", "contract company name")),
    Column("retainage_work", "Retainage Percent Work", False, "10",
           ("retainage", "retainage percent", "retainage percent work", "work retainage percent",
            "retention percent", "retainage work percent")),
    Column("retainage_stored", "Retainage Percent Stored", False, "10",
           ("retainage percent stored", "stored retainage percent", "retainage stored percent",
            "stored materials retainage percent")),
    Column("stored_separately", "Stored Materials Billed Separately", False, "yes",
           ("stored materials billed separately", "stored materials separately",
            "bill stored materials separately")),
    Column("item", "Item Number", True, "001",
           ("item", "item number", "line", "line number", "sov item", "sov item number")),
    Column("cost_code", "Cost Code", False, "26-0500",
           ("cost code", "costcode", "cost code number")),
    Column("description", "Description", True, "Conduit and boxes",
           ("description", "line description", "sov description", "item description")),
    Column("scheduled_value", "Scheduled Value", False, "12500.00",
           ("scheduled value", "amount", "value", "line amount", "sov amount",
            "original amount")),
    Column("change_order", "Change Order", False, "no", ("change order", "co", "is change order")),
    Column("quantity", "Quantity", False, "", ("quantity", "qty")),
    Column("unit", "Unit", False, "", ("unit", "uom", "unit of measure")),
    Column("unit_price", "Unit Price", False, "", ("unit price", "unit cost", "rate")),
    *(Column(f"contact{n}_{part}", f"Contact {n} {part.title()}", False, example,
             (f"contact {n} {part}", f"invoice contact {n} {part}")
             + ((f"contact {part}", f"invoice contact {part}") if n == 1 else ()))
      for n in range(1, MAX_CONTACTS + 1)
      for part, example in (("name", "Dana Volt" if n == 1 else ""),
                            ("email", "dana@brightspark.example" if n == 1 else ""))),
)
NAMES = {column.key: column.header.lower() for column in COLUMNS}  # as errors name them
TEMPLATE_COLUMNS = tuple(column for column in COLUMNS
                         if not column.key.startswith(("contact3", "contact4", "contact5")))


def normalise_header(text: str) -> str:
    # Accents folded: "Numéro", "Numero" and "NUMÉRO" are one header.
    text = "".join(character for character in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(character))
    text = text.strip().lower().replace("#", " number ").replace("%", " percent ")
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    return " ".join("number" if word in ("no", "nr", "num") else word for word in words)


ALIASES: dict[str, str] = {normalise_header(alias): column.key
                           for column in COLUMNS for alias in (column.header, *column.aliases)}

_AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_THOUSANDS = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_CURRENCY = re.compile(r"[$€£\s\u00a0\u202f']")
YES = {"yes", "y", "true", "1", "x", "oui"}
NO = {"no", "n", "false", "0", "non", ""}
KINDS = {"subcontract": CommitmentKind.SUBCONTRACT, "sub": CommitmentKind.SUBCONTRACT,
         "sc": CommitmentKind.SUBCONTRACT, "subcontractor": CommitmentKind.SUBCONTRACT,
         "purchase order": CommitmentKind.PURCHASE_ORDER, "po": CommitmentKind.PURCHASE_ORDER,
         "purchase_order": CommitmentKind.PURCHASE_ORDER}


def read_decimal(text: str) -> Decimal | None:
    """`1,234.56`, `$1 234,56`, `(500.00)` (accountants' negative), `-500`; None if not a
    number. With both separators the last one is the decimal point; a lone comma is a
    thousands separator only in groups of three (`1,250`), else a decimal comma (`12,5`)."""
    text = _CURRENCY.sub("", text)
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    if "," in text and "." in text:
        text = (text.replace(",", "") if text.rfind(".") > text.rfind(",")
                else text.replace(".", "").replace(",", "."))
    elif _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not _AMOUNT.match(text) or len(text) > 20:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return -value if negative else value


def read_percent(text: str) -> Decimal | None:
    return read_decimal(text.strip().removesuffix("%"))


def read_yes_no(text: str) -> bool | None:
    value = text.strip().lower()
    return True if value in YES else False if value in NO else None


def read_kind(text: str) -> CommitmentKind | None:
    value = " ".join(text.strip().lower().replace("_", " ").split())
    return CommitmentKind.SUBCONTRACT if not value else KINDS.get(value)
