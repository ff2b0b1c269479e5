"""Administrators signing in with a password: how often they may try, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.contacts import RateLimit
from domain.model import Administrator

# Per account: a person who mistypes a few times is never stopped; guessing is (each try
# also costs 16 MiB of scrypt, so the limit is checked before the hash is computed).
ADMIN_PER_ACCOUNT = RateLimit(10, timedelta(minutes=15))
# Per client address: an office behind one address may have several administrators.
ADMIN_PER_IP = RateLimit(30, timedelta(minutes=15))


@dataclass(frozen=True)
class PasswordSignIn:
    """The outcome of a password sign-in: the administrator (None: wrong email or password,
    or not tried), and how long to wait when the attempt was over a limit."""

    admin: Administrator | None
    retry_after: timedelta = timedelta(0)

    @property
    def throttled(self) -> bool:
        return self.retry_after > timedelta(0)
