"""mailer/send_rate.py with an injected clock: turns are spaced 1/N s apart."""

from __future__ import annotations

import asyncio

import pytest

from mailer.send_rate import SendRate


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds  # the loop is single-threaded: time passes only here


async def test_concurrent_senders_get_distinct_turns_spaced_by_the_limit() -> None:
    fake = FakeTime()
    rate = SendRate(14, clock=fake.clock, sleep=fake.sleep)
    started: list[float] = []

    async def send() -> None:
        await rate.wait_turn()
        started.append(fake.now)

    await asyncio.gather(*(send() for _ in range(28)))
    assert started[0] == 100.0  # the first goes at once
    gaps = [b - a for a, b in zip(sorted(started), sorted(started)[1:], strict=False)]
    assert min(gaps) == pytest.approx(1 / 14)
    # No second holds more than the limit.
    assert max(sum(1 for t in started if s <= t < s + 1 - 1e-9) for s in started) == 14


async def test_an_idle_limit_does_not_bank_turns_for_a_burst() -> None:
    fake = FakeTime()
    rate = SendRate(2, clock=fake.clock, sleep=fake.sleep)
    await rate.wait_turn()
    fake.now += 60  # idle for a minute
    await rate.wait_turn()
    await rate.wait_turn()
    assert fake.now == pytest.approx(160.5)  # the third waited its half second


def test_a_limit_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="above zero"):
        SendRate(0)
