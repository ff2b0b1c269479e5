"""Shared column helpers for the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Field

from store.types import UtcDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def created_at() -> Any:
    return Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


def optional_time(*, index: bool = False) -> Any:
    return Field(default=None, sa_type=UtcDateTime, nullable=True, index=index)
