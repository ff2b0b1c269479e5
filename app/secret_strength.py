"""Whether a secret key is good enough to sign links and sessions in production.

Length alone lets "aaaa..." or "0123456789abcdef" x 4 through. zxcvbn estimates how many
guesses an attacker who tries repeats, sequences, keyboard patterns and dictionary words
first would need; a key from `secrets.token_urlsafe(32)` or `token_hex(16)` is far above
the bar, a pattern typed by hand is far below it.
"""

from __future__ import annotations

MIN_LENGTH = 32
# About 80 bits: beyond any offline search on a leaked signed link (HMAC-SHA256).
MIN_GUESSES_LOG10 = 24
# zxcvbn's matching grows quickly with the length; a longer key is judged by its start
# (a weak start is no better for a strong tail: the estimate only grows with length).
ANALYSED_CHARS = 100


def weak_key_problem(key: str, number: int) -> str | None:
    """Why key `number` of ITB_SECRET_KEYS is refused (never quoting it), or None."""
    if len(key) < MIN_LENGTH:
        return f"key {number} of ITB_SECRET_KEYS must be at least {MIN_LENGTH} characters"
    # Imported here: its word lists take ~40 ms to load, and only production checks keys.
    from zxcvbn import zxcvbn

    if zxcvbn(key[:ANALYSED_CHARS])["guesses_log10"] < MIN_GUESSES_LOG10:
        return (f"key {number} of ITB_SECRET_KEYS is guessable (a repeat, a sequence or "
                "words); generate one with: python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'")
    return None
