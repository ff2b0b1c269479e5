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

# The pages that read the catalogue (domain "pages"): every page but the development
# mailbox's (mail_list, mail_view).
CONVERTED_PAGES = ("answer.html.j2", "answer_done.html.j2", "answer_problem.html.j2",
                   "_invite_facts.html.j2",
                   # The administrator's (words-admin): navigation, errors, sign-in, projects,
                   # periods, dashboard, commitments, import, directory, team.
                   "base.html.j2", "error.html.j2", "sign_in.html.j2",
                   "password_reset_request.html.j2", "password_reset_sent.html.j2",
                   "set_password.html.j2", "team.html.j2", "team_password.html.j2",
                   "projects.html.j2", "project_form.html.j2", "periods.html.j2",
                   "period_edit.html.j2", "dashboard.html.j2", "_invite_type_select.html.j2",
                   "commitment.html.j2", "commitment_new.html.j2",
                   "_commitment_details.html.j2", "_commitment_list.html.j2", "import.html.j2",
                   "import_preview.html.j2", "directory.html.j2", "directory_company.html.j2",
                   "directory_person.html.j2",
                   # The administrator's invoice, invite and late-request pages (project's
                   # words) and the mail, outbox, inbound and webhook pages (their own).
                   "invoice_list.html.j2", "invoice_review.html.j2", "invite.html.j2",
                   "late_request.html.j2", "invoice_on_behalf.html.j2", "outbox.html.j2",
                   "inbound.html.j2", "webhooks.html.j2", "webhook.html.j2",
                   # The contact's invoice form, its partials, and the other contact pages
                   # (_form_fields.html.j2 writes no words: its callers pass the labels).
                   "invoice_form.html.j2", "_invoice_sheet.html.j2",
                   "_invoice_sections.html.j2", "_invoice_sub_tiers.html.j2",
                   "_invoice_pay_application.html.j2", "_invoice_send_button.html.j2",
                   "_invoice_waivers.html.j2", "_close_short.html.j2", "_field.html.j2",
                   "_sub_tier_fields.html.j2",
                   "_late_request_section.html.j2", "contact_commitments.html.j2",
                   "contact_sign_in.html.j2", "contact_sign_in_link.html.j2",
                   "contact_sign_in_sent.html.j2", "sub_tiers.html.j2",
                   "sub_tier_edit.html.j2", "waiver_sign.html.j2", "waiver_done.html.j2",
                   "waiver_verify.html.j2")
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
