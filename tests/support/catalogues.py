"""Reading the gettext catalogues and scanning templates for words outside them (tests of
templates/locales/ and of the converted templates)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LOCALES_DIR = TEMPLATES / "locales"
# Markup and CSS are not words; entities neither.
_MARKUP = re.compile(r"<style.*?</style>|<[^>]*>|&[a-z]+;|&#\d+;", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")
_LEXER = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True,
                            lstrip_blocks=True)


def catalogue(locale: str, domain: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po").open("rb") as po:
        return read_po(po, locale=locale.replace("-", "_"))


def messages(locale: str, domain: str) -> dict[tuple[str | None, Any], Any]:
    """{(context, msgid): msgstr} of a catalogue, without its header."""
    return {(message.context, message.id): message.string
            for message in catalogue(locale, domain) if message.id}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", text))


def terms_named(text: str) -> set[str]:
    return {name.lower() for name in re.findall(r"\[\[(\w+)\]\]", text)}


def untranslated_words(path: Path) -> list[str]:
    """The words a template writes itself, outside any expression or tag: a converted
    template has none (its text comes from `t.<key>`, `_()`, `ngettext()`)."""
    text = "".join(value if kind == "data" else ("0" if kind.endswith("_begin") else "")
                   for _, kind, value in _LEXER.lex(path.read_text(encoding="utf-8")))
    return _WORD.findall(_MARKUP.sub(" ", text))


def variables_of(name: str) -> set[str]:
    """Every variable a mail template (and the layout it extends) reads from its context."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                     extensions=["jinja2.ext.i18n"])
    found: set[str] = set()
    for part in ("subject", "txt", "html"):
        for path in (f"email/{name}.{part}.j2", "email/_layout.html.j2"):
            source = (TEMPLATES / path).read_text(encoding="utf-8")
            found |= jinja2.meta.find_undeclared_variables(environment.parse(source))
    return found


def words_of(text: str) -> str:
    """The words of a rendered mail part, markup dropped, spaces collapsed."""
    return " ".join(_MARKUP.sub(" ", text).split())


def mail_names() -> Iterator[str]:
    for path in sorted((TEMPLATES / "email").glob("*.subject.j2")):
        yield path.name.removesuffix(".subject.j2")
