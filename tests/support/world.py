"""The test installation: settings, the movable clock, the demo world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.bootstrap import Container
from app.settings import Settings
from app.use_cases.demo import DemoResult
from domain.model import Administrator
from tests.support.rival import Rival
from tests.support.smtp_sinks import ScriptedSink

TEST_KEY = "test-secret-key-0123456789abcdef0123456789abcdef"
# Inbound webhook sources of every test installation (ITB_WEBHOOK_SECRETS).
WEBHOOK_SECRETS = {"erp": "whsec_ZXJwLXRlc3Qtc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY=",
                   "mailer": "whsec_bWFpbGVyLXRlc3Qtc2VjcmV0LTAxMjM0NTY3ODlhYmM="}


def make_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = dict(
        env="test", database_url=database_url, secret_keys=[TEST_KEY], var_dir=tmp_path,
        base_url="http://testserver.local", webhook_allow_private=True,
        webhook_secrets=dict(WEBHOOK_SECRETS))
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class MovableClock:
    """The time the application sees; tests move it forward instead of sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class World:
    """The demo loaded into a real container that delivers to `sink`, and a rival general
    contractor beside it (tests/support/rival.py) that shares a contract company's name and a
    contact's email with the demo."""

    container: Container
    admin: Administrator
    demo: DemoResult
    sink: ScriptedSink
    clock: MovableClock
    rival: Rival

    @property
    def rival_headers(self) -> dict[str, str]:
        """The rival administrator's bearer token."""
        return self.rival.headers
