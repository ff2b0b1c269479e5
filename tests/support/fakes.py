"""Fakes of the two parts that reach outside, for the fast tier (tests/use_cases): they
implement the real classes' interfaces and keep what they were given."""

from __future__ import annotations

import email
import email.message
import email.policy
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.bootstrap import Container
from app.use_cases.demo import DemoResult
from domain.model import Administrator
from mailer.errors import PermanentDeliveryError
from mailer.smtp_relay import RefusedRecipients, SmtpRelay
from tests.support.world import MovableClock
from webhooks.outbound_http import PostOutcome, WebhookPoster


@dataclass
class SentMail:
    envelope_from: str
    recipients: list[str]
    message: email.message.Message


@dataclass
class Outbox:
    """What every fake relay of one test handed over, and the addresses it refuses."""

    sent: list[SentMail] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)


class FakeRelay(SmtpRelay):
    def __init__(self, outbox: Outbox) -> None:
        super().__init__("fake.invalid", 25)
        self.outbox = outbox

    async def send(self, message: email.message.Message | bytes, envelope_from: str,
                   recipients: Sequence[str]) -> RefusedRecipients:
        refused = [address for address in recipients if address in self.outbox.refuse]
        if refused:
            raise PermanentDeliveryError(f"550 5.1.1 <{refused[0]}>: no such user")
        parsed = (email.message_from_bytes(message, policy=email.policy.default)
                  if isinstance(message, bytes) else message)
        self.outbox.sent.append(SentMail(envelope_from, list(recipients), parsed))
        return {}

    async def close(self) -> None:
        return None


@dataclass
class Post:
    url: str
    headers: dict[str, str]
    body: bytes


class FakePoster(WebhookPoster):
    """Answers 204 to every post and keeps it."""

    def __init__(self, posts: list[Post]) -> None:
        super().__init__(allow_private=False)
        self.posts = posts

    async def __aenter__(self) -> FakePoster:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> PostOutcome:
        self.posts.append(Post(url, headers, body))
        return PostOutcome(204, 1)


@dataclass
class FastWorld:
    """The demo in a container whose relay and poster are the fakes above."""

    container: Container
    admin: Administrator
    demo: DemoResult
    clock: MovableClock
    mail: Outbox
    posts: list[Post] = field(default_factory=list)
