"""Passwords (scrypt) and API tokens (random, stored as SHA-256), standard library only."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# scrypt parameters: n=2**14, r=8, p=1 costs ~16 MiB and ~50 ms; a reasonable interactive cost.
_N, _R, _P = 2**14, 8, 1
TOKEN_PREFIX = "itb_"  # noqa: S105 - a public prefix that makes leaked tokens greppable


# A well-formed hash with an all-zero digest, which no password is known to produce (and
# the caller refuses an unknown account whatever the result): verifying against it costs
# exactly what verifying a real hash costs,
# so refusing an unknown account takes as long as refusing a wrong password. Nothing is
# computed to build it (hashing a dummy password at import cost 50 ms and 16 MiB).
UNMATCHABLE_HASH = f"scrypt${_N}${_R}${_P}${'00' * 16}${'00' * 64}"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n),
                               r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


def new_api_token() -> str:
    """Shown once to the administrator; only its hash is kept."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # A fast hash is right here: the token has 256 bits of entropy, nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()
