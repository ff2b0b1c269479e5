"""Sub-tiers: the companies that worked or supplied under the contract company on a
commitment, what each billed on an invoice, and the commitment's sub-tier statuses.

A sub-tier is hired by the contract company (`hired_by` None) or by another sub-tier, so
the sub-tiers form a tree; a change that would make one its own ancestor is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.commands import EMAIL
from domain.errors import InvalidInput, Worded
from domain.money import money, to_decimal
from domain.text_rules import control_character_problem, describe, first_control_character


class SubTierType(StrEnum):
    SUBCONTRACTOR = "subcontractor"
    SUPPLIER = "supplier"


class SubTierStatus(StrEnum):
    ACTIVE = "active"
    EXEMPT = "exempt"
    LIEN_FILED = "lien_filed"
    FINAL_EXPECTED = "final_expected"   # set when a sub-tier is billed final
    FINAL_RECEIVED = "final_received"


class SubTierBilling(StrEnum):
    PROGRESS = "progress"
    FINAL = "final"


class SubTierInvalid(InvalidInput):
    """One or more fields are wrong; `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        # Each problem may be Worded: its words for a page in the person's language.
        self.problems = dict(problems)
        super().__init__("; ".join(self.problems.values()))


# field: (label, required, longest)
TEXT_FIELDS: dict[str, tuple[str, bool, int]] = {
    "company_name": ("The company name", True, 200),
    "kind_of_work": ("The kind of work", False, 200),
    "phone": ("The phone number", False, 40),
    "address": ("The street address", False, 300),
    "city": ("The city", True, 100),
    "state": ("The state", True, 100),
    "zip_code": ("The ZIP code", True, 20),
    "country": ("The country", True, 100),
    "waiver_email": ("The waiver signer's email", False, 254),
}


# The columns hold 14 digits with 2 after the point.
LARGEST = Decimal("999999999999.99")


def _amount(text: object, field: str) -> Decimal:
    """Money as typed ("1,250.5"); InvalidInput when it is not an amount the columns hold."""
    value = to_decimal(str(text).strip().replace(",", ""), field=field)
    if abs(value) > LARGEST:
        raise InvalidInput(f"{field} is larger than {LARGEST:,}")  # worded by the caller
    return money(value, field=field)


@dataclass(frozen=True)
class SubTierFields:
    """A sub-tier as entered (strings as typed; the amount as text or Decimal)."""

    company_name: str
    city: str
    state: str
    zip_code: str
    country: str
    tier_type: str = SubTierType.SUBCONTRACTOR.value
    hired_by_id: int | None = None
    kind_of_work: str = ""
    phone: str = ""
    address: str = ""
    estimated_contract_amount: object = None
    waiver_email: str = ""

    def validated(self) -> SubTierFields:
        """Trimmed fields, or SubTierInvalid naming every wrong one."""
        problems: dict[str, str] = {}
        cleaned: dict[str, object] = {}
        for name, (label, required, longest) in TEXT_FIELDS.items():
            value = str(getattr(self, name) or "").strip()
            named = Worded(label, f"sub_tier_label_{name}")
            if required and not value:
                problems[name] = Worded(f"{label} is required.", "sub_tier_required",
                                        {"label": named})
            elif len(value) > longest:
                problems[name] = Worded(f"{label} is longer than {longest} characters.",
                                        "sub_tier_too_long", {"label": named, "most": longest})
            elif (problem := control_character_problem(value)) is not None:
                problems[name] = Worded(f"{label} {problem}.", "sub_tier_control",
                                        {"label": named,
                                         "found": describe(first_control_character(value)
                                                           or "")})
            cleaned[name] = value
        email = str(cleaned["waiver_email"]).lower()
        if email and not EMAIL.match(email) and "waiver_email" not in problems:
            problems["waiver_email"] = Worded(f"{email} is not an email address.",
                                              "sub_tier_not_email", {"email": email})
        cleaned["waiver_email"] = email
        if self.tier_type not in {kind.value for kind in SubTierType}:
            problems["tier_type"] = Worded("Choose subcontractor or supplier.",
                                           "sub_tier_type")
        amount = self.estimated_contract_amount
        if amount is not None and str(amount).strip() != "":
            try:
                amount = _amount(amount, "the estimated contract amount")
                if amount < 0:
                    problems["estimated_contract_amount"] = Worded(
                        "The estimated contract amount is negative; enter 0 or more.",
                        "sub_tier_estimate_negative")
            except InvalidInput:
                problems["estimated_contract_amount"] = Worded(
                    "The estimated contract amount is not an amount such as 12500.00.",
                    "sub_tier_estimate_not_amount")
        else:
            amount = None
        if problems:
            raise SubTierInvalid(problems)
        return replace(self, estimated_contract_amount=amount, **cleaned)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SubTier:
    id: int
    commitment_id: int
    fields: SubTierFields
    status: SubTierStatus


def check_hired_by(hired_by: Mapping[int, int | None], sub_tier_id: int | None,
                   new_hired_by: int | None) -> None:
    """Refuse a hirer that is not a sub-tier of the commitment, or that is `sub_tier_id`
    itself or one of those it hired (directly or further down): that would be a loop.

    `hired_by` maps each of the commitment's sub-tiers to its hirer (None: the contract
    company)."""
    if new_hired_by is None:
        return
    if new_hired_by not in hired_by:
        raise SubTierInvalid({"hired_by_id": Worded(
            "Hired by: choose the contract company or one of this commitment's sub-tiers.",
            "sub_tier_hired_by_unknown")})
    seen: set[int] = set()
    current: int | None = new_hired_by
    while current is not None and current not in seen:
        if current == sub_tier_id:
            raise SubTierInvalid({"hired_by_id": Worded(
                "Hired by: a sub-tier cannot be hired by itself or by a company it hired.",
                "sub_tier_hired_by_loop")})
        seen.add(current)
        current = hired_by.get(current)


@dataclass(frozen=True)
class SubTierLine:
    """What one sub-tier billed on an invoice."""

    sub_tier_id: int
    amount_billed: Decimal
    billing: SubTierBilling


def billed_amount(text: object, company: str) -> Decimal:
    """The amount a sub-tier billed: required (0.00 is fine), money, not negative."""
    if text is None or str(text).strip() == "":
        raise InvalidInput(f"{company}: enter the amount billed this invoice (0.00 if none).",
                           words="sub_tier_billed_missing", values={"company": company})
    try:
        amount = _amount(text, "the amount billed")
    except InvalidInput:
        raise InvalidInput(f"{company}: the amount billed is not an amount such as "
                           "1250.00.", words="sub_tier_billed_not_amount",
                           values={"company": company}) from None
    if amount < 0:
        raise InvalidInput(f"{company}: the amount billed is negative; enter 0 or more.",
                           words="sub_tier_billed_negative", values={"company": company})
    return amount


@dataclass(frozen=True)
class NoSubTiersCertificate:
    """The contact's statement that nobody worked or supplied under them this invoice."""

    person_name: str
    certified_at: datetime


@dataclass(frozen=True)
class InvoiceSubTiers:
    """An invoice's sub-tier lines (one per listed sub-tier; `amount` None when not yet
    entered) or its certificate that there are none."""

    invoice_id: int
    editable: bool
    lines: tuple[tuple[SubTier, SubTierLine | None], ...]
    certificate: NoSubTiersCertificate | None
