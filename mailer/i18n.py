"""The words of mails and contact pages: gettext catalogues per locale, terms per dictionary.

The text lives in `templates/locales/<locale>/LC_MESSAGES/`:
- `mail.po` (domain "mail"): one message per stable key (`invite_subject`, ...); the msgid is
  the key, so templates and tests name a message the same way in every locale. A message
  names the words a dictionary changes as `[[term]]` (`[[Term]]` for a capital first letter).
- `pages.po` (domain "pages"): the same, for the contact's pages.
- `terms.po` (domain "terms"): those words, one msgctxt per dictionary (general_contractor,
  owner, specialty_contractor): en-AU says "progress claim", en-GB "payment application".

The .po files are the source: they are compiled in memory with Babel on first use (no build
step). Dates, money and plural forms come from Babel (CLDR). Strings with `{placeholders}` are
filled in the template with `str.format`, so the HTML template still autoescapes the result.
"""

from __future__ import annotations

import datetime
import gettext
import io
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

import babel.dates
import babel.numbers
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import templates

LOCALES_DIR = Path(templates.__file__).parent / "locales"
LOCALES = ("en-US", "en-GB", "en-AU", "fr-CA")
DEFAULT_LOCALE = "en-US"
DEFAULT_LANGUAGE = "en"
DICTIONARIES = ("general_contractor", "owner", "specialty_contractor")
DEFAULT_DICTIONARY = "general_contractor"
# The locale a bare language (or an unknown region) falls back to.
_LANGUAGE_DEFAULTS = {"en": "en-US", "fr": "fr-CA"}
_TERM = re.compile(r"\[\[([A-Za-z_]+)\]\]")


def split_locale(locale: str) -> tuple[str, str]:
    """("fr-CA" or "fr_CA") -> ("fr", "CA"); a bare language gives an empty region."""
    language, _, region = locale.replace("_", "-").partition("-")
    return language.lower(), region.partition("-")[0].upper()


def catalogue_locale(locale: str) -> str:
    """The catalogue a locale reads: its own ("en-AU"), else its language's ("fr-FR" ->
    "fr-CA"), else en-US."""
    language, region = split_locale(locale)
    exact = f"{language}-{region}"
    if exact in LOCALES:
        return exact
    return _LANGUAGE_DEFAULTS.get(language, DEFAULT_LOCALE)


def language_of(locale: str) -> str:
    """The language we have strings for: the locale's own, else English."""
    return catalogue_locale(locale)[:2]


def dictionary_of(name: str | None) -> str:
    return name if name in DICTIONARIES else DEFAULT_DICTIONARY


@cache
def catalogue(locale: str, domain: str) -> Catalog:
    """The parsed `.po` of `domain` for a supported locale."""
    path = LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as po:
        return read_po(po, locale=locale.replace("-", "_"), domain=domain)


@cache
def translations(locale: str, domain: str) -> gettext.GNUTranslations:
    """The compiled catalogue of `domain` for a supported locale (compiled once, in memory)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(locale, domain))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Wording:
    """The words of one (locale, dictionary): gettext callables with the terms filled in."""

    def __init__(self, locale: str, dictionary: str | None = None,
                 domain: str = "mail") -> None:
        self.locale = catalogue_locale(locale)
        self.dictionary = dictionary_of(dictionary)
        # "mail" (templates/email) or "pages" (the contact's pages).
        self._mail = translations(self.locale, domain)
        self._terms = translations(self.locale, "terms")

    def term(self, name: str) -> str:
        """A dictionary word: "invoice", or "Invoice" for the capitalised form."""
        word = self._terms.pgettext(self.dictionary, name.lower())
        return word[:1].upper() + word[1:] if name[:1].isupper() else word

    def fill(self, message: str) -> str:
        return _TERM.sub(lambda found: self.term(found.group(1)), message)

    def gettext(self, message: str) -> str:
        return self.fill(self._mail.gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.fill(self._mail.ngettext(singular, plural, count))

    def pgettext(self, context: str, message: str) -> str:
        return self.fill(self._mail.pgettext(context, message))

    def callables(self) -> dict[str, Callable[..., str]]:
        """What Jinja's i18n extension and the templates call, bound to this wording."""
        return {"gettext": self.gettext, "_": self.gettext, "ngettext": self.ngettext,
                "pgettext": self.pgettext, "term": self.term}


@cache
def _wording(locale: str, dictionary: str, domain: str) -> Wording:
    return Wording(locale, dictionary, domain)


def wording_for(locale: str, dictionary: str | None = None, domain: str = "mail") -> Wording:
    """The (shared, cached) wording of a locale and dictionary: one per pair, not per render."""
    return _wording(catalogue_locale(locale), dictionary_of(dictionary), domain)


@cache
def _strings(locale: str, dictionary: str) -> Mapping[str, str]:
    wording = Wording(locale, dictionary)
    keys = [message.id for message in catalogue(wording.locale, "mail")
            if isinstance(message.id, str) and message.id and not message.context]
    return MappingProxyType({key: wording.gettext(key) for key in keys})


def strings_for(locale: str, dictionary: str | None = None) -> Mapping[str, str]:
    """Every singular message of the mail catalogue, for `t.<key>` in the templates."""
    return _strings(catalogue_locale(locale), dictionary_of(dictionary))


@lru_cache(maxsize=4096)
def format_date(date: datetime.date, locale: str) -> str:
    """A long date (CLDR): en-US "November 25, 2026", en-AU "25 November 2026",
    fr-CA "25 novembre 2026" (and "1er novembre 2026", as French writes the first).
    Cached: a batch's mails repeat the same few dates, and Babel's pattern formatting cost
    a tenth of a millisecond per mail."""
    cldr = catalogue_locale(locale).replace("-", "_")
    written = babel.dates.format_date(date, "long", locale=cldr)
    if language_of(locale) == "fr" and date.day == 1:
        written = re.sub(r"^1 ", "1er ", written)
    return written


def format_money(amount: Decimal | int | None, locale: str, currency: str = "USD") -> str:
    """$1,234.50 in en-US, 1 234,50 $ US in fr-CA (CLDR)."""
    if amount is None:
        return ""
    return babel.numbers.format_currency(amount, currency,
                                         locale=catalogue_locale(locale).replace("-", "_"))
