"""Refusals worded by the catalogue (pages.po `refusal.<words>`): every words a refusal
names has a key in every locale; in en-US a worded refusal reads exactly its English
message (what the API answers); in fr-CA it reads French; an unknown key falls back."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from app.use_cases.late_requests import _rules as late_rules
from app.use_cases.late_requests import service as late_service
from domain.attachments import check_size, content_type_for
from domain.errors import DomainError, InvalidInput, Worded
from domain.sub_tiers import (
    TEXT_FIELDS,
    SubTierFields,
    SubTierInvalid,
    billed_amount,
    check_hired_by,
)
from domain.waivers import Signing
from mailer.i18n import LOCALES
from tests.support.catalogues import messages
from web.refusals import worded_problems, worded_refusal

ROOT = Path(__file__).resolve().parents[2]
# Words named in the code: words="x", worded_key("x", and Worded(..., "x" (literal keys).
_NAMED = re.compile(r'words="(\w+)"|worded_key\(\s*"(\w+)"')
# Where words are named as bare literals: the sub-tiers' Worded problems, why not to ask.
_LITERAL = re.compile(r'"((?:sub_tier|late)_\w+)"')
LITERAL_SOURCES = (Path(ROOT / "domain" / "sub_tiers.py").read_text(),
                   Path(ROOT / "app" / "use_cases" / "sub_tiers" / "_billing.py").read_text(),
                   inspect.getsource(late_service._why_not))


def _raised(call: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _signing(name: str = "Gina", title: str = "Owner", consent: bool = True) -> Signing:
    return Signing(name, title, consent, None, None)


FIELDS = SubTierFields(company_name="Étincelle", city="Montréal", state="QC",
                       zip_code="H2X", country="Canada")
REFUSALS: list[Callable[[], object]] = [
    lambda: content_type_for("setup.exe", ["pdf", "jpeg"]),
    lambda: check_size("scan.pdf", 11 * 1024 * 1024, 10 * 1024 * 1024),
    lambda: check_size("blank.pdf", 0, 10),
    lambda: late_rules.clean_reason("x" * 1001),
    lambda: late_rules.clean_reason("ring\x07"),
    lambda: _signing(name=" ").validated(),
    lambda: _signing(title="t" * 201).validated(),
    lambda: _signing(name="a\x1bb").validated(),
    lambda: _signing(consent=False).validated(),
    lambda: billed_amount("", "Copper"),
    lambda: billed_amount("12x", "Copper"),
    lambda: billed_amount("-1", "Copper"),
]


def _sub_tier_problems() -> list[str]:
    wrong = SubTierFields(company_name="", city="c" * 101, state="Q\x07", zip_code="H2X",
                          country="Canada", tier_type="other", waiver_email="nope",
                          estimated_contract_amount="-5")
    problems = list(_problems(wrong.validated))
    problems += _problems(lambda: SubTierFields(**{**FIELDS.__dict__,
                                                  "estimated_contract_amount": "12x"}
                                               ).validated())
    problems += _problems(lambda: check_hired_by({1: None}, None, 7))
    problems += _problems(lambda: check_hired_by({1: None, 2: 1}, 1, 2))
    return problems


def _problems(call: Callable[[], object]) -> list[str]:
    with pytest.raises(SubTierInvalid) as caught:
        call()
    return list(caught.value.problems.values())


@pytest.mark.parametrize("call", REFUSALS)
def test_a_refusal_reads_its_english_in_en_us_and_french_in_fr_ca(
        call: Callable[[], object]) -> None:
    error = _raised(call)
    assert error.words and f"refusal.{error.words}" in {key for _, key in
                                                        messages("en-US", "pages")}
    assert worded_refusal(error, "en-US") == error.message
    french = worded_refusal(error, "fr-CA")
    assert french != error.message and "{" not in french


def test_sub_tier_problems_are_worded_and_read_their_english_in_en_us() -> None:
    problems = _sub_tier_problems()
    assert len(problems) == 9 and all(isinstance(text, Worded) for text in problems)
    for text in problems:
        assert worded_refusal(text, "en-US") == str.__str__(text)
        french = worded_refusal(text, "fr-CA")
        assert french != str.__str__(text) and "{" not in french, french
    shown = worded_problems({"city": problems[1]}, "fr-CA")
    assert shown == {"city": "Ville : au plus 100 caractères."}


def test_amounts_and_labels_are_worded_the_locale_s_way() -> None:
    error = _raised(REFUSALS[1])
    assert worded_refusal(error, "en-US") == "scan.pdf is larger than the limit of 10.0 MB"
    assert worded_refusal(error, "fr-CA") == "scan.pdf dépasse la limite de 10,0 Mo"
    error = InvalidInput("too big", words="attachment_too_large",
                         values={"filename": "a", "megabytes": Decimal("1250.5")})
    assert worded_refusal(error, "fr-CA") == "a dépasse la limite de 1\u202f250,5 Mo" or \
        worded_refusal(error, "fr-CA") == "a dépasse la limite de 1\u00a0250,5 Mo"


def test_an_unknown_key_or_no_words_reads_the_english_message() -> None:
    assert worded_refusal(InvalidInput("plain English"), "fr-CA") == "plain English"
    unknown = InvalidInput("still English", words="no_such_refusal")
    assert worded_refusal(unknown, "fr-CA") == "still English"
    assert worded_refusal("a plain text", "fr-CA") == "a plain text"
    # A key whose values are missing is not half-filled: the English stands.
    assert worded_refusal(InvalidInput("x is empty", words="attachment_empty"),
                          "fr-CA") == "x is empty"


def test_every_words_named_in_the_code_has_a_key_in_every_locale() -> None:
    named: set[str] = set()
    for folder in ("app", "domain", "web"):
        for path in (ROOT / folder).rglob("*.py"):
            for found in _NAMED.finditer(path.read_text()):
                named.add(next(group for group in found.groups() if group))
    for source in LITERAL_SOURCES:
        named |= set(_LITERAL.findall(source))
    # The waiver fields' keys and the sub-tier fields' labels are made from the field's name.
    named |= {f"sub_tier_label_{field}" for field in TEXT_FIELDS}
    named |= {f"waiver_{field}_{problem}" for field in ("full_name", "title")
              for problem in ("required", "too_long", "control")}
    named = {name for name in named if not name.endswith("_")}
    assert {"attachment_type", "late_not_due", "waiver_consent", "sub_tier_required",
            "sub_tier_label_city", "sub_tier_billed_missing"} <= named
    for locale in LOCALES:
        keys = {key for _, key in messages(locale, "pages")}
        missing = sorted(name for name in named
                         if name.startswith(("attachment_", "late_", "waiver_", "sub_tier_"))
                         and f"refusal.{name}" not in keys)
        assert not missing, (locale, missing)


def test_the_dictionary_s_words_fill_a_refusal() -> None:
    missing = _raised(lambda: billed_amount("", "Copper"))
    assert worded_refusal(missing, "en-US") == (
        "Copper: enter the amount billed this invoice (0.00 if none).")
    assert worded_refusal(missing, "en-AU") == (
        "Copper: enter the amount billed this progress claim (0.00 if none).")
    assert worded_refusal(missing, "fr-CA", "owner") == (
        "Copper : entrez le montant facturé sur cette demande de paiement "
        "(0,00 s'il n'y en a aucun).")
    [postcode] = _problems(lambda: SubTierFields(**{**FIELDS.__dict__, "zip_code": ""}
                                                 ).validated())
    assert worded_refusal(postcode, "en-GB") == "The postcode is required."
    assert worded_refusal(postcode, "en-US") == "The ZIP code is required."
