"""The Jinja2 environment of the pages (autoescaped, StrictUndefined) and the filters the
templates use; web/render.py answers with it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import babel.dates
import babel.numbers
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from domain.time_left import TimeLeft
from mailer.i18n import DEFAULT_LOCALE, catalogue_locale, format_date, format_money, wording_for
from web.labels import INVITE_TYPE_LABELS


def long_date(value: date | None, locale: str | None = None) -> str:
    """November 25, 2026 (the way the invite mail writes dates); with a locale, that
    locale's long date (CLDR: "25 novembre 2026" in fr-CA)."""
    if value is None:
        return ""
    if locale is not None:
        return format_date(value, locale)
    return f"{value:%B} {value.day}, {value.year}"


def local_time(value: datetime | None, zone: str = "UTC", locale: str | None = None) -> str:
    """Nov 10, 2026, 9:00 AM CST: a stored UTC moment, in the project's time zone; with a
    locale other than en-US, that locale's date and time (CLDR: "10 nov. 2026, 09 h 00 HNC"
    in fr-CA, "10 Nov 2026, 9:00 am CST" in en-AU)."""
    if value is None:
        return ""
    moment = value.astimezone(ZoneInfo(zone))
    cldr = catalogue_locale(locale).replace("-", "_") if locale else None
    if cldr is not None and cldr != DEFAULT_LOCALE.replace("-", "_"):
        return (f"{babel.dates.format_date(moment.date(), 'medium', locale=cldr)}, "
                f"{babel.dates.format_time(moment, 'short', locale=cldr)} "
                f"{_zone_name(moment, cldr)}")
    hour = moment.hour % 12 or 12
    return (f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M %p} "
            f"{moment.tzname()}")


def _zone_name(moment: datetime, cldr: str) -> str:
    """The zone's short name in the locale when CLDR has one ("HNC" in fr-CA for Chicago in
    winter), else the zone's own abbreviation ("CST"; CLDR has only long names in en-AU)."""
    name = babel.dates.get_timezone_name(moment, "short", locale=cldr)
    return name if " " not in name and not name.startswith("GMT") else str(moment.tzname())


@pass_context
def local_time_in_page(context: Context, value: datetime | None, zone: str = "UTC",
                       locale: str | None = None) -> str:
    """The `local_time` filter: the page's own locale (its context's `locale`) unless the
    template names one."""
    return local_time(value, zone, locale if locale is not None else context.get("locale"))


def _cldr(locale: str | None) -> str:
    return catalogue_locale(locale or DEFAULT_LOCALE).replace("-", "_")


def figure(value: Decimal | int | float | None, locale: str | None = None,
           pattern: str = "#,##0.00") -> str:
    """A figure of a table or the invoice sheet (no currency sign), grouped the locale's
    way: 1,234.50 in en-US, 1 234,50 in fr-CA (CLDR); en-US when no locale is given;
    nothing for None."""
    if value is None:
        return ""
    return babel.numbers.format_decimal(value, format=pattern, locale=_cldr(locale),
                                        decimal_quantization=True)


def group_symbol(locale: str | None) -> str:
    """The locale's thousands separator, for the form's script (static/invoice_form.js)."""
    return babel.numbers.get_group_symbol(_cldr(locale))


def decimal_symbol(locale: str | None) -> str:
    return babel.numbers.get_decimal_symbol(_cldr(locale))


@pass_context
def time_left_words(context: Context, left: TimeLeft | None) -> str:
    """"3 days and 4 hours" in the render's words (pages.po, plural forms from CLDR)."""
    if left is None:
        return ""
    gettext, ngettext = context.resolve("gettext"), context.resolve("ngettext")
    if left.passed:
        return str(gettext("time_left.none"))
    parts = [str(ngettext(f"time_left.{unit}", f"time_left.{unit}_plural", count)).format(
        count=count) for unit, count in left.parts()]
    if not parts:
        return str(gettext("time_left.under_a_minute"))
    if len(parts) == 1:
        return parts[0]
    return str(gettext("time_left.and")).format(first=parts[0], second=parts[1])


class PageRenderer:
    """The templates of `templates/pages/` and the version stamps of its static files."""

    def __init__(self, pages_dir: Path) -> None:
        self.static_dir = pages_dir / "static"
        self.environment = Environment(
            loader=FileSystemLoader(pages_dir), autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
        # The words of the contact's pages (templates/locales/*/pages.po): en-US unless a
        # render's context names a `locale` (and `terminology`), whose callables it then gets.
        self.environment.install_gettext_callables(  # type: ignore[attr-defined]
            **_page_words(DEFAULT_LOCALE, None), newstyle=False)
        self.environment.globals["_"] = self.environment.globals["gettext"]
        self.environment.globals["locale"] = None
        self.environment.filters["money"] = format_money
        self.environment.filters["long_date"] = long_date
        self.environment.filters["local_time"] = local_time_in_page
        self.environment.filters["figure"] = figure
        self.environment.filters["group_symbol"] = group_symbol
        self.environment.filters["decimal_symbol"] = decimal_symbol
        self.environment.filters["time_left"] = time_left_words
        self.environment.globals["static_url"] = self.static_url
        # The invite types' names, for the Send Invites select and wherever an invite shows.
        self.environment.globals["invite_type_labels"] = INVITE_TYPE_LABELS
        self._stamps: dict[str, str] = {}

    def static_url(self, name: str) -> str:
        # A content hash in the query: browsers may cache the file for long, and still
        # fetch the new one the moment it changes.
        if name not in self._stamps:
            content = (self.static_dir / name).read_bytes()
            self._stamps[name] = hashlib.sha256(content).hexdigest()[:12]
        return f"/static/{name}?v={self._stamps[name]}"

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        if context.get("locale"):
            words = _page_words(str(context["locale"]), context.get("terminology"))
            context = {**words, "_": words["gettext"], **context}
        return self.environment.get_template(name).render(context)


def _page_words(locale: str, terminology: str | None) -> dict[str, Any]:
    wording = wording_for(locale, terminology, domain="pages")
    return {"gettext": wording.gettext, "ngettext": wording.ngettext,
            "pgettext": wording.pgettext}
