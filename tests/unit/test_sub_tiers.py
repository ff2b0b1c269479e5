"""The sub-tier rules: required fields, the waiver signer's address, money, and the tree
of who hired whom (no loops)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.sub_tiers import SubTierFields, SubTierInvalid, billed_amount, check_hired_by

VALID = SubTierFields(company_name=" Étincelle ", city="Montréal", state="QC",
                      zip_code="H2X", country="Canada", estimated_contract_amount="1,250.5",
                      waiver_email=" Signer@Example.COM ")


def test_fields_are_trimmed_and_the_amount_and_address_normalised() -> None:
    fields = VALID.validated()
    assert (fields.company_name, fields.waiver_email) == ("Étincelle", "signer@example.com")
    assert fields.estimated_contract_amount == Decimal("1250.50")


def test_every_wrong_field_is_named() -> None:
    wrong = SubTierFields(company_name="", city="", state="QC", zip_code="", country="US",
                          tier_type="builder", estimated_contract_amount="-1",
                          waiver_email="nobody")
    with pytest.raises(SubTierInvalid) as caught:
        wrong.validated()
    assert set(caught.value.problems) == {"company_name", "city", "zip_code", "tier_type",
                                          "estimated_contract_amount", "waiver_email"}
    assert caught.value.problems["city"] == "The city is required."


def test_a_control_character_is_refused() -> None:
    with pytest.raises(SubTierInvalid) as caught:
        SubTierFields("Evil\x00Co", "Reno", "NV", "89501", "USA").validated()
    assert set(caught.value.problems) == {"company_name"}


@pytest.mark.parametrize("text", ["", "  ", None, "-0.01", "ten", "1e400"])
def test_an_amount_billed_is_required_money_and_not_negative(text: object) -> None:
    with pytest.raises(InvalidInput, match="Copper Co: "):
        billed_amount(text, "Copper Co")


def test_zero_is_an_amount_billed() -> None:
    assert billed_amount("0", "Copper Co") == Decimal("0.00")
    assert billed_amount("1,200.505", "Copper Co") == Decimal("1200.51")


def test_hired_by_refuses_itself_a_descendant_and_a_stranger() -> None:
    tree = {1: None, 2: 1, 3: 2, 4: None}
    check_hired_by(tree, 1, None)
    check_hired_by(tree, 1, 4)
    check_hired_by(tree, None, 3)  # a new sub-tier under the deepest one
    for hirer in (1, 2, 3):
        with pytest.raises(SubTierInvalid):
            check_hired_by(tree, 1, hirer)
    with pytest.raises(SubTierInvalid):
        check_hired_by(tree, 1, 99)


@given(st.dictionaries(st.integers(1, 12), st.none() | st.integers(1, 12), min_size=1),
       st.integers(1, 12), st.integers(1, 12))
def test_an_accepted_hirer_never_makes_a_loop(tree: dict[int, int | None], tier: int,
                                             hirer: int) -> None:
    tree = {key: (value if value in tree and value != key else None)
            for key, value in tree.items()}
    try:
        check_hired_by(tree, tier, hirer)
    except SubTierInvalid:
        return
    changed = {**tree, tier: hirer}
    current: int | None = tier
    for _ in range(len(changed) + 1):
        current = changed.get(current) if current is not None else None
        assert current != tier
