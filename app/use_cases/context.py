"""What every use case needs: sessions, a clock, and the few settings they share.

A setting only one capability reads (webhook secrets, attachment limits, the sender
address) is handed to that capability's service in app/bootstrap.py instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from store.engine import SessionFactory


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SharedSettings:
    inbound_domain: str  # the mail domain: Message-IDs, reply and bounce addresses
    base_url: str  # links in mail
    secret_keys: tuple[str, ...]  # newest first: bounce addresses, demo secrets


@dataclass
class UseCaseContext:
    settings: SharedSettings
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Callable[[], datetime] = field(default=system_clock)
