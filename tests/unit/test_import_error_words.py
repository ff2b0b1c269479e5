"""The import's row errors worded from the catalogues (web/admin/import_errors.py): in en-US
every code reads exactly as the API's English message; in fr-CA and en-AU the row, the
phrase and the column (the template's header in that language) are the locale's."""

from __future__ import annotations

import string

import pytest

from app.use_cases.document_words import document_words
from domain.commitment_import import file_error, row_error
from domain.import_columns import COLUMNS, NAMES
from domain.import_problems import ENGLISH, Problem, problem
from mailer.i18n import wording_for
from web.admin.import_errors import column_name, error_text


def sample(code: str) -> Problem:
    names = {name for _, name, _, _ in string.Formatter().parse(ENGLISH[code]) if name}
    values: dict[str, str | int] = {name: f"v-{name}" for name in names}
    if "column" in values:
        values["column"] = "scheduled_value"
    return problem(code, **values)



@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_every_code_reads_in_en_us_as_the_api_message(code: str) -> None:
    pages, headers = wording_for("en-US", None, domain="pages"), document_words("en-US")
    for error in (row_error([14], sample(code)), row_error([2, 3, 5], sample(code), "SC-1"),
                  row_error([7], sample(code), "SC-2"), row_error([4, 9], sample(code)),
                  file_error(sample(code))):
        assert error_text(error, pages, headers) == error.message


def test_the_columns_are_named_as_the_errors_name_them_in_en_us() -> None:
    headers = document_words("en-US")
    for column in COLUMNS:
        assert column_name(column.key, headers).lower() == NAMES[column.key], column.key


def test_french_and_australian_errors_are_the_locales_own() -> None:
    found = row_error([14], problem("not_amount", column="scheduled_value", text="abc"))
    assert found.message == "Row 14: scheduled value 'abc' is not an amount"
    pages, headers = wording_for("fr-CA", None, domain="pages"), document_words("fr-CA")
    assert error_text(found, pages, headers) == (
        "Ligne 14 : la colonne « valeur prévue » vaut « abc », qui n'est pas un montant")
    invoiced = row_error([2, 4], problem("invoiced_sov", number="SC-1"))
    assert error_text(invoiced, pages, headers) == (
        "Lignes 2 à 4 : l'engagement SC-1 a déjà une facture : une importation ne peut donc "
        "pas modifier les lignes de son bordereau des prix (ajoutez plutôt une ligne d'ordre "
        "de changement dans l'éditeur du bordereau)")
    au_pages, au_headers = wording_for("en-AU", None, domain="pages"), document_words("en-AU")
    assert "a progress claim" in error_text(invoiced, au_pages, au_headers)
    assert "variation line" in error_text(invoiced, au_pages, au_headers)
    contact = row_error([3], problem("contact_bad_email", n=2, email="x@"))
    assert error_text(contact, pages, headers) == (
        "Ligne 3 : le courriel « x@ » du contact 2 n'est pas une adresse")
    missing = file_error(problem("column_missing", column="contact1_email"))
    assert "« contact 1 courriel »" in error_text(missing, pages, headers)
