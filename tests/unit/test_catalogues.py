"""The gettext catalogues (templates/locales/) and the templates converted to them: every key
in every catalogue, placeholders and terms that exist, no converted template writing words of
its own, and the words of every converted mail in every locale and dictionary (snapshot)."""

from __future__ import annotations

import json
import os

import pytest

from mailer.i18n import DICTIONARIES, LOCALES, Wording, strings_for
from mailer.render import MailRenderer
from tests.support.catalogues import (
    CONVERTED_PAGES,
    TEMPLATES,
    mail_names,
    messages,
    placeholders,
    terms_named,
    untranslated_words,
    variables_of,
    words_of,
)

DOMAINS = ("mail", "terms", "pages", "documents")
# Mails not yet read from the catalogue: they still write English of their own (none left).
NOT_CONVERTED: frozenset[str] = frozenset()
CONVERTED = [name for name in mail_names() if name not in NOT_CONVERTED]
SNAPSHOT = TEMPLATES.parent / "tests" / "support" / "snapshots" / "mail_words.json"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_key_exists_in_every_catalogue_and_is_translated(domain: str) -> None:
    reference = messages("en-US", domain)
    assert reference
    for locale in LOCALES:
        found = messages(locale, domain)
        assert set(found) == set(reference), locale
        for key, text in found.items():
            forms = text if isinstance(text, tuple) else (text,)
            assert all(form.strip() for form in forms), (locale, key)


@pytest.mark.parametrize("domain", ["mail", "pages", "documents"])
def test_placeholders_and_terms_are_the_same_in_every_locale(domain: str) -> None:
    terms = {term for _, term in messages("en-US", "terms")}
    reference = messages("en-US", domain)
    for locale in LOCALES:
        for key, text in messages(locale, domain).items():
            forms = text if isinstance(text, tuple) else (text,)
            english = reference[key]
            english_forms = english if isinstance(english, tuple) else (english,)
            for form in forms:
                assert placeholders(form) == placeholders(english_forms[-1]), (locale, key)
                assert terms_named(form) <= terms, (locale, key)


def test_every_dictionary_names_every_term_in_every_locale() -> None:
    terms = {term for _, term in messages("en-US", "terms")}
    for locale in LOCALES:
        assert set(messages(locale, "terms")) == {
            (dictionary, term) for dictionary in DICTIONARIES for term in terms}


def test_the_words_that_differ_do_differ() -> None:
    def word(locale: str, dictionary: str, term: str) -> str:
        return Wording(locale, dictionary).term(term)

    assert word("en-US", "general_contractor", "invoice") == "invoice"
    assert word("en-AU", "general_contractor", "invoice") == "progress claim"
    assert word("en-GB", "general_contractor", "invoice") == "payment application"
    assert word("en-US", "owner", "invoice") == "payment application"
    assert word("en-AU", "general_contractor", "general_contractor") == "head contractor"
    assert word("en-GB", "general_contractor", "general_contractor") == "main contractor"
    assert word("en-AU", "owner", "change_order") == "variation"
    assert word("en-AU", "owner", "retainage") == "retention"
    assert word("fr-CA", "owner", "retainage") == "retenue de garantie"
    assert word("en-AU", "general_contractor", "Billing_period") == "Claim period"
    assert word("fr-CA", "general_contractor", "Invite_to_bill") == "Invitation à facturer"


def test_plural_forms_follow_cldr() -> None:
    english, french = Wording("en-US"), Wording("fr-CA")
    assert english.ngettext("sign_in_expiry", "sign_in_expiry_plural", 1).endswith(
        "{minutes} minute.")
    assert english.ngettext("sign_in_expiry", "sign_in_expiry_plural", 0).endswith(
        "{minutes} minutes.")
    # French counts 0 and 1 as singular.
    assert french.ngettext("sign_in_expiry", "sign_in_expiry_plural", 0).endswith(
        "{minutes} minute.")
    assert french.ngettext("sign_in_expiry", "sign_in_expiry_plural", 2).endswith(
        "{minutes} minutes.")


def test_unknown_locales_and_dictionaries_fall_back() -> None:
    assert strings_for("fr-FR") == strings_for("fr-CA")
    assert strings_for("de-DE") == strings_for("en-US")
    assert strings_for("en-AU", "lawyer") == strings_for("en-AU", "general_contractor")


@pytest.mark.parametrize("name", CONVERTED)
def test_a_converted_mail_writes_no_words_of_its_own(name: str) -> None:
    for part in ("subject", "txt", "html"):
        assert untranslated_words(TEMPLATES / "email" / f"{name}.{part}.j2") == [], part
    assert untranslated_words(TEMPLATES / "email" / "_layout.html.j2") == []


@pytest.mark.parametrize("page", CONVERTED_PAGES)
def test_a_converted_page_writes_no_words_of_its_own(page: str) -> None:
    assert untranslated_words(TEMPLATES / "pages" / page) == []


def test_the_list_of_mails_not_converted_is_honest() -> None:
    """A mail taken off the list must be converted, and one on it still is not."""
    for name in mail_names():
        written = untranslated_words(TEMPLATES / "email" / f"{name}.txt.j2")
        assert bool(written) is (name in NOT_CONVERTED), (name, written)


def _context(name: str, locale: str, dictionary: str) -> dict[str, object]:
    context: dict[str, object] = {variable: f"«{variable}»" for variable in variables_of(name)}
    for provided in ("t", "_", "gettext", "ngettext", "pgettext", "term"):
        context.pop(provided, None)
    context.update(locale=locale, terminology=dictionary, minutes=15, days=3)
    if "invoice_type" in context:  # a key of the catalogue, not free text
        context["invoice_type"] = "work_materials_and_retainage"
    if "kind" in context:  # a waiver's kind, and a payment's method: keys too
        context["kind"] = "conditional_progress"
    if "method" in context:
        context["method"] = "check"
    return context


def _all_words() -> dict[str, dict[str, str]]:
    renderer = MailRenderer(TEMPLATES)
    found: dict[str, dict[str, str]] = {}
    for name in CONVERTED:
        for locale in LOCALES:
            for dictionary in DICTIONARIES:
                mail = renderer.render(name, _context(name, locale, dictionary))
                found[f"{name} {locale} {dictionary}"] = {
                    "subject": mail.subject, "text": words_of(mail.text),
                    "html": words_of(mail.html)}
    return found


def test_every_converted_mail_in_every_locale_and_dictionary_says_the_snapshot_words() -> None:
    """Regenerate with UPDATE_MAIL_WORDS=1 after changing a catalogue, and read the diff."""
    words = _all_words()
    if os.environ.get("UPDATE_MAIL_WORDS") == "1":
        SNAPSHOT.write_text(json.dumps(words, ensure_ascii=False, indent=1, sort_keys=True)
                            + "\n", encoding="utf-8")
    assert words == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    # And the snapshot itself says what the issue asks for.
    assert "progress claim" in words["invite en-AU general_contractor"]["subject"]
    assert "Claim period" in words["invite en-AU general_contractor"]["html"]
    assert "vous invite à facturer" in words["invite fr-CA general_contractor"]["subject"]
    assert "payment application" in words["reminder en-GB owner"]["text"]
    assert "par chèque" in words["payment_sent fr-CA general_contractor"]["text"]
    assert "renonciation conditionnelle" in words["waiver_requested fr-CA owner"]["subject"] + \
        words["waiver_requested fr-CA owner"]["text"]
    assert "by cheque" in words["payment_sent en-AU general_contractor"]["text"]
    assert "progress claim" in words["late_request en-AU general_contractor"]["text"]
