"""ITB_SMTP_MAX_PER_SECOND: a relay's sending quota is kept by all of a process's
connections together, against a sink that answers 4xx to whatever exceeds its quota."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.bootstrap import relay_factory
from app.settings import Settings
from mailer.errors import TemporaryDeliveryError
from mailer.send_rate import SendRate
from mailer.smtp_relay import SmtpRelay
from tests.support.rate_capped_sink import RateCappedHandler, start_rate_capped_sink

QUOTA = 20  # the sink's messages per second
MESSAGE = b"From: a@itb.example\r\nTo: b@sub.example\r\nSubject: hi\r\n\r\nhello\r\n"


@pytest.fixture
async def capped() -> AsyncIterator[tuple[RateCappedHandler, int]]:
    handler = RateCappedHandler(per_second=QUOTA)
    server, port = await start_rate_capped_sink(handler)
    yield handler, port
    server.close()
    await server.wait_closed()


async def _send_over(relays: list[SmtpRelay], count: int) -> list[str]:
    """`count` messages spread over the relays (one task per relay), the refusals."""
    refusals: list[str] = []

    async def drain(relay: SmtpRelay, share: int) -> None:
        for _ in range(share):
            try:
                await relay.send(MESSAGE, "bounce@itb.example", ["b@sub.example"])
            except TemporaryDeliveryError as exc:
                refusals.append(str(exc))

    shares = [count // len(relays) + (i < count % len(relays)) for i in range(len(relays))]
    try:
        await asyncio.gather(*(drain(r, n) for r, n in zip(relays, shares, strict=True)))
    finally:
        for relay in relays:
            await relay.close()
    return refusals


async def test_three_connections_sharing_the_limit_get_no_4xx_and_deliver_all(
        capped: tuple[RateCappedHandler, int]) -> None:
    handler, port = capped
    # A little under the quota: the sink's clock sees arrivals, which loopback and a busy
    # machine jitter by milliseconds (as a provider's does); the docs say the same.
    rate = SendRate(QUOTA * 0.9)
    relays = [SmtpRelay("127.0.0.1", port, local_hostname="itb.test", rate=rate)
              for _ in range(3)]
    refusals = await _send_over(relays, 2 * QUOTA)
    assert refusals == [] and handler.refused == []
    assert len(handler.accepted) == 2 * QUOTA
    # Spread over (count - 1) intervals, as the limit says, not sent in a burst.
    assert handler.accepted[-1] - handler.accepted[0] >= (2 * QUOTA - 1) / (QUOTA * 0.9) * 0.95


async def test_without_the_limit_the_same_sink_refuses(
        capped: tuple[RateCappedHandler, int]) -> None:
    handler, port = capped  # the control: the sink does bite when the rate is exceeded
    relays = [SmtpRelay("127.0.0.1", port, local_hostname="itb.test") for _ in range(3)]
    refusals = await _send_over(relays, 2 * QUOTA)
    assert handler.refused and len(refusals) == len(handler.refused)
    assert all("454" in text or "Throttling" in text for text in refusals)


def test_the_setting_gives_every_relay_of_a_process_one_shared_limit(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, env="test", smtp_url="smtp://127.0.0.1:2500",  # type: ignore[call-arg]
                        smtp_max_per_second=14, var_dir=tmp_path)
    make = relay_factory(settings)
    first, second = make(), make()
    assert first._rate is not None and first._rate is second._rate
    assert first._rate.per_second == 14
    unlimited = relay_factory(Settings(_env_file=None, env="test", var_dir=tmp_path))  # type: ignore[call-arg]
    assert unlimited()._rate is None
