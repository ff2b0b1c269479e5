"""The administrators of a company: inviting a colleague, removing one, passwords, and the
record of sign-in attempts. Rules only; the use case passes `now` and the facts in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.commands import EMAIL
from domain.contacts import RateLimit

# Roles of `person.role` for administrators. An invited colleague is a person from the
# invitation on (the one-time link names a person), but only "admin" may sign in, hold
# API tokens or receive the administrators' mail: every query that asks for role "admin"
# leaves invited and removed administrators out without knowing about them.
ADMIN = "admin"
INVITED = "invited_admin"
FORMER = "former_admin"

# An invitation waits a week for a colleague to open it; a reset link an hour.
INVITATION_LIFETIME = timedelta(days=7)
PASSWORD_RESET_LIFETIME = timedelta(hours=1)
# Asking for a reset link: as often as a contact may ask for a sign-in link.
RESET_PER_ADDRESS = RateLimit(5, timedelta(minutes=15))
RESET_PER_IP = RateLimit(20, timedelta(minutes=15))

MIN_PASSWORD = 8
# Longer values are never valid; refusing them spares the password hash the work.
MAX_PASSWORD = 1024
MAX_NAME = 200
MAX_EMAIL = 254
MAX_USER_AGENT = 300
NOT_AN_ADDRESS = "(not an email address)"


class AdminStatus(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"


class SignInOutcome(StrEnum):
    SIGNED_IN = "signed_in"
    # Also an unknown account: the page says the same.
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - an outcome, not a password
    THROTTLED = "throttled"


@dataclass(frozen=True)
class TeamMember:
    person_id: int
    name: str
    email: str
    status: AdminStatus
    last_signed_in_at: datetime | None


@dataclass(frozen=True)
class SignInAttempt:
    id: int
    at: datetime
    email_tried: str
    outcome: SignInOutcome
    client_address: str | None
    user_agent: str | None

    @property
    def succeeded(self) -> bool:
        return self.outcome is SignInOutcome.SIGNED_IN


@dataclass(frozen=True)
class HistoryPage:
    """Newest first; `older` is the cursor of the next page (None: this is the last)."""

    items: tuple[SignInAttempt, ...]
    older: int | None


def password_problem(password: str) -> str | None:
    """Why a new password is refused (the rule `create-admin` has always applied), or None."""
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password must have at most {MAX_PASSWORD} characters"
    return None


def email_problem(email: str) -> str | None:
    if not EMAIL.match(email) or len(email) > MAX_EMAIL:
        return f"{email!r} is not an email address"
    return None


def email_for_history(typed: str) -> str:
    """What the history keeps of the address typed: people sometimes type their password
    into the address field, so anything that is not an address is not kept."""
    typed = typed.strip().lower()
    return typed if email_problem(typed) is None else NOT_AN_ADDRESS


def removal_problem(actor_id: int, target_id: int, active_ids: set[int]) -> str | None:
    """Why `actor_id` may not remove `target_id` from a company whose active
    administrators are `active_ids`, or None.

    The actor must be active and may not remove themselves, so the company always keeps
    at least the actor: the last administrator is never removed. (Two administrators
    removing each other at once: the use case holds the rows, so the second finds itself
    no longer active.)"""
    if actor_id == target_id and active_ids <= {actor_id}:
        return ("You are the company's last administrator, so you cannot be removed: invite "
                "a colleague first, then ask them to remove you.")
    if actor_id == target_id:
        return "You cannot remove yourself: ask another administrator to do it."
    if actor_id not in active_ids:
        return "Only an active administrator can remove another."
    return None
