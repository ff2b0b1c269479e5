"""A project's sub-tier waiver policy: which waivers Send asks of the sub-tiers (none,
conditional for this invoice, unconditional for the previous payment, both) and the
amount under which none is asked (domain/sub_tier_waivers.py applies it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.errors import InvalidInput
from domain.money import money, to_decimal

ZERO = Decimal("0.00")
LARGEST = Decimal("999999999999.99")  # the column holds 14 digits, 2 after the point


class SubTierWaiverRule(StrEnum):
    NONE = "none"
    CONDITIONAL = "conditional"
    UNCONDITIONAL_PREVIOUS = "unconditional_previous"
    BOTH = "both"

    @property
    def conditional(self) -> bool:
        return self in (SubTierWaiverRule.CONDITIONAL, SubTierWaiverRule.BOTH)

    @property
    def unconditional(self) -> bool:
        return self in (SubTierWaiverRule.UNCONDITIONAL_PREVIOUS, SubTierWaiverRule.BOTH)


RULE_LABELS = {
    SubTierWaiverRule.NONE: "None",
    SubTierWaiverRule.CONDITIONAL: "Conditional, for this invoice",
    SubTierWaiverRule.UNCONDITIONAL_PREVIOUS: "Unconditional, for the previous payment",
    SubTierWaiverRule.BOTH: "Both",
}


@dataclass(frozen=True)
class SubTierWaiverPolicy:
    rule: SubTierWaiverRule = SubTierWaiverRule.NONE
    threshold: Decimal = ZERO  # a waiver for less than this is not asked

    @property
    def asks(self) -> bool:
        """Whether Send needs the invoice's sub-tier lines (or the certificate)."""
        return self.rule is not SubTierWaiverRule.NONE


def parse_rule(text: object) -> SubTierWaiverRule:
    try:
        return SubTierWaiverRule(str(text))
    except ValueError:
        raise InvalidInput("the sub-tier waiver rule is one of: "
                           + ", ".join(rule.value for rule in SubTierWaiverRule),
                           code="sub_tier_waiver_rule") from None


def parse_threshold(text: object) -> Decimal:
    """Money, 0 or more (blank: 0); InvalidInput naming the field otherwise."""
    raw = "" if text is None else str(text).strip().replace(",", "")
    if raw == "":
        return ZERO
    problem = "the sub-tier waiver threshold is not an amount such as 2500.00"
    try:
        value = to_decimal(raw, field="threshold")
    except InvalidInput:
        raise InvalidInput(problem, code="sub_tier_waiver_threshold") from None
    if value < ZERO:
        raise InvalidInput("the sub-tier waiver threshold is negative; enter 0 or more",
                           code="sub_tier_waiver_threshold")
    if value > LARGEST:
        raise InvalidInput(problem, code="sub_tier_waiver_threshold")
    return money(value, field="threshold")
