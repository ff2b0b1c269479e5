"""Where a project is: its US state as the two-letter postal code, or blank (not said,
or not in the United States). A state decides its own documents (Michigan: the sworn
statement of domain/sworn_statement.py)."""

from __future__ import annotations

from domain.errors import InvalidInput

# The 50 states, the District of Columbia and the inhabited territories (USPS codes).
US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
    "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
    "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI",
})
MICHIGAN = "MI"


def checked_state(value: str | None) -> str:
    """The code in capitals ("mi" -> "MI"), "" for blank; InvalidInput (code "state")
    for anything that is not a US state's two-letter code."""
    text = (value or "").strip().upper()
    if text and text not in US_STATES:
        raise InvalidInput(f"state {text[:20]!r} is not a US state's two-letter code "
                           "such as MI (or leave it blank)", code="state")
    return text
