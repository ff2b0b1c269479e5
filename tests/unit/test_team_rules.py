"""The team's rules: who may remove whom, the password rule, what the sign-in history keeps
of the address typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.team import (
    MAX_PASSWORD,
    NOT_AN_ADDRESS,
    email_for_history,
    password_problem,
    removal_problem,
)

ids = st.integers(min_value=1, max_value=6)


def test_nobody_removes_themselves_and_only_an_active_administrator_removes() -> None:
    assert removal_problem(1, 2, {1, 2}) is None
    assert removal_problem(1, 3, {1, 2}) is None  # an invitation (not active) is withdrawn
    assert "cannot remove yourself" in (removal_problem(1, 1, {1, 2}) or "")
    assert "last administrator" in (removal_problem(1, 1, {1}) or "")
    # Removed meanwhile by a concurrent request: removes nobody.
    assert removal_problem(1, 2, {2}) == "Only an active administrator can remove another."


@given(ids, ids, st.sets(ids))
def test_a_company_never_loses_its_last_active_administrator(
        actor: int, target: int, active: set[int]) -> None:
    if active and removal_problem(actor, target, active) is None:
        assert active - {target}


def test_passwords_keep_the_rule_create_admin_always_had() -> None:
    assert password_problem("seven77") == "the password must have at least 8 characters"
    assert password_problem("eight888") is None
    assert password_problem("x" * MAX_PASSWORD) is None
    assert "at most" in (password_problem("x" * (MAX_PASSWORD + 1)) or "")


def test_the_history_keeps_addresses_only() -> None:
    assert email_for_history("  Ada@Summit.Example ") == "ada@summit.example"
    for typed in ("correct horse battery", "hunter2", "", "a@b", "x" * 300 + "@a.example"):
        assert email_for_history(typed) == NOT_AN_ADDRESS
