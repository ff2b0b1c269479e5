"""A refusal in the page's words: a DomainError with `words` is worded by the key
`refusal.<words>` of pages.po, filled with its `values` (amounts grouped the locale's way);
any other refusal, or a key the catalogue lacks, reads as its English `message` (which the
JSON API answers unchanged, with its `code`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from domain.errors import Worded
from mailer.i18n import wording_for
from web.page_renderer import figure

PREFIX = "refusal."
K = TypeVar("K")


def key_of(words: str) -> str:
    return f"{PREFIX}{words}"


def worded_refusal(error: object, locale: str | None,
                   terminology: str | None = None) -> str:
    """The refusal `error` (a DomainError or anything else) in the page's language."""
    english = str.__str__(error) if isinstance(error, str) else str(
        getattr(error, "message", error))
    words = getattr(error, "words", "")
    if not words:
        return english
    return worded_key(words, getattr(error, "values", {}), english, locale, terminology)


def worded_key(words: str, values: Mapping[str, object], english: str,
               locale: str | None, terminology: str | None = None) -> str:
    """The text of `refusal.<words>` filled with `values`; `english` if the key is unknown."""
    wording = wording_for(locale or "en-US", terminology, domain="pages")
    key = key_of(words)
    text = wording.gettext(key)
    if text == key:
        return english
    shown = {name: (_figure(value, locale) if isinstance(value, Decimal)
                    else worded_refusal(value, locale, terminology)
                    if isinstance(value, Worded) else value)
             for name, value in values.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return english


def _figure(value: Decimal, locale: str | None) -> str:
    """An amount grouped the locale's way, with as many decimals as it carries."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return figure(value, locale, "#,##0" + ("." + "0" * places if places else ""))


def worded_problems(problems: Mapping[K, str], locale: str | None,
                    terminology: str | None = None) -> dict[K, str]:
    """A form's problems (field or line -> English or Worded text) in the page's words."""
    return {name: worded_refusal(text, locale, terminology) for name, text in problems.items()}
