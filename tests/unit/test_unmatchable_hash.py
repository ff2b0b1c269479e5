"""Refusing an unknown administrator costs one scrypt, like a wrong password, and importing
the use case computes none (it used to hash a dummy password at import: 50 ms, 16 MiB)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from app.credentials import UNMATCHABLE_HASH, hash_password, verify_password

COUNT_SCRYPT_AT_IMPORT = """
import hashlib
calls = []
real = hashlib.scrypt
hashlib.scrypt = lambda *a, **k: calls.append(1) or real(*a, **k)
import app.use_cases.access.service
print(len(calls))
"""


def test_importing_the_admin_use_case_hashes_nothing() -> None:
    done = subprocess.run([sys.executable, "-c", COUNT_SCRYPT_AT_IMPORT], check=True,
                          capture_output=True, text=True)
    assert done.stdout.strip() == "0"


def test_the_unmatchable_hash_costs_one_scrypt_and_matches_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    real: Callable[..., bytes] = hashlib.scrypt

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    for guess in ("", "password", "correct horse battery"):
        assert not verify_password(guess, UNMATCHABLE_HASH)
    real_params = {k: v for k, v in calls[0].items() if k != "salt"}
    calls.clear()
    assert verify_password("a real one", hash_password("a real one"))
    # The same work factor as a real hash: the timing reveals nothing.
    assert [{k: v for k, v in call.items() if k != "salt"} for call in calls] == [real_params] * 2
