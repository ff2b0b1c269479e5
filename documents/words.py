"""The words and number formats a document prints, handed to it by its caller.

The use case (or the web edge) reads them from the "documents" catalogue
(templates/locales/<locale>/LC_MESSAGES/documents.po) in the project's language and
dictionary; a document never picks a locale itself. Numbers are formatted with Babel (CLDR)
in the given locale: "1,234.50" in en-US, "1 234,50" in fr-CA.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import babel.numbers


@dataclass(frozen=True)
class DocumentWords:
    """`texts`: every key of the documents catalogue, its terms already filled in."""

    texts: Mapping[str, str]
    locale: str = "en-US"
    date_text: Callable[[datetime.date], str] = datetime.date.isoformat

    def __call__(self, key: str, **values: object) -> str:
        text = self.texts[key]
        return text.format(**values) if values else text

    @property
    def _cldr(self) -> str:
        return self.locale.replace("-", "_")

    def figure(self, value: Decimal) -> str:
        """An amount as printed in a column: 1234.5 as "1,234.50"; a credit keeps its minus."""
        return babel.numbers.format_decimal(value, "#,##0.00", locale=self._cldr)

    def percent(self, value: Decimal) -> str:
        """A percentage already in percent: 35 as "35.00%"."""
        return babel.numbers.format_decimal(value, "0.00", locale=self._cldr) + "%"

    def quantity(self, value: Decimal) -> str:
        """Quantities have four places; trailing zeros after two are dropped ("12.50")."""
        return babel.numbers.format_decimal(value, "#,##0.00##", locale=self._cldr)

    def date(self, value: datetime.date | None) -> str:
        return "—" if value is None else self.date_text(value)
