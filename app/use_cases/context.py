"""What every use case needs: sessions, a clock, and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from app.settings import Settings
from store.engine import SessionFactory


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class UseCaseContext:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Callable[[], datetime] = field(default=system_clock)
