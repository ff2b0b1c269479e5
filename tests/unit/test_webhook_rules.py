"""Webhook rules without I/O: the retry schedule, signatures against the library, which
addresses may receive webhooks, and subscription input."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks.webhooks import Webhook

from domain.errors import InvalidInput
from domain.webhook_retry import MAX_ATTEMPTS, SCHEDULE, next_webhook_attempt_at
from domain.webhooks import NewSubscription, check_url
from webhooks.public_addresses import is_public_address
from webhooks.signatures import (
    SignatureRejected,
    new_secret,
    secret_bytes,
    signed_headers,
    verify,
)

NOW = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = b'{"type":"invite.sent","timestamp":"2026-11-10T15:00:00+00:00","data":{}}'


@given(attempts=st.integers(1, MAX_ATTEMPTS - 1), jitter=st.floats(0, 0.999))
def test_retries_follow_the_schedule_never_early_and_at_most_20_percent_late(
        attempts: int, jitter: float) -> None:
    when = next_webhook_attempt_at(attempts, NOW, jitter)
    assert when is not None
    delay = SCHEDULE[attempts - 1]
    assert NOW + delay <= when <= NOW + delay * 1.2


def test_after_the_last_retry_the_delivery_is_dead() -> None:
    assert MAX_ATTEMPTS == 8
    assert next_webhook_attempt_at(MAX_ATTEMPTS, NOW, 0.5) is None
    assert [next_webhook_attempt_at(n, NOW, 0) - NOW for n in (1, 2, 3)] == [  # type: ignore[operator]
        timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30)]


def test_our_signature_verifies_with_the_library_and_the_library_s_with_ours() -> None:
    stamp = int(datetime.now(UTC).timestamp())
    headers = signed_headers(SECRET, "evt_1", stamp, BODY)
    Webhook(SECRET).verify(BODY, headers)  # raises if it does not match
    theirs = Webhook(SECRET).sign("msg_2", datetime.fromtimestamp(stamp, UTC), BODY.decode())
    found = verify([SECRET], {"webhook-id": "msg_2", "webhook-timestamp": str(stamp),
                              "webhook-signature": theirs}, BODY, now=stamp + 299)
    assert (found.webhook_id, found.timestamp) == ("msg_2", stamp)


@pytest.mark.parametrize(("change", "reason"), [
    ({"webhook-timestamp": "abc"}, "whole seconds"),
    ({"webhook-signature": "v1,not-base64!"}, "no signature matches"),
    ({"webhook-signature": "v2,AAAA"}, "no signature matches"),
    ({"webhook-id": ""}, "are required"),
    ({"webhook-id": "x" * 201}, "at most 200"),
])
def test_malformed_headers_are_refused(change: dict[str, str], reason: str) -> None:
    headers = {**signed_headers(SECRET, "evt_1", 1_795_000_000, BODY), **change}
    with pytest.raises(SignatureRejected, match=reason):
        verify([SECRET], headers, BODY, now=1_795_000_000)


@pytest.mark.parametrize("skew", [-301, 301])
def test_the_timestamp_must_be_within_five_minutes_either_way(skew: int) -> None:
    headers = signed_headers(SECRET, "evt_1", 1_795_000_000, BODY)
    verify([SECRET], headers, BODY, now=1_795_000_000 + 300)
    with pytest.raises(SignatureRejected, match="5 minutes"):
        verify([SECRET], headers, BODY, now=1_795_000_000 + skew)


def test_secrets_are_whsec_base64() -> None:
    assert len(secret_bytes(new_secret())) == 32
    for bad in ("whsec_", "whsec_%%%", ""):
        with pytest.raises(ValueError):
            secret_bytes(bad)


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.215.14", True), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
    ("::ffff:127.0.0.1", False), ("ff02::1", False),
    # IPv6 forms that lead to an IPv4 address: judged by that address (NAT64, 6to4,
    # IPv4-compatible, IPv4-mapped, Teredo).
    ("64:ff9b::7f00:1", False), ("64:ff9b::a9fe:a9fe", False), ("64:ff9b:1::a00:1", False),
    ("64:ff9b::5db8:d70e", True), ("2002:7f00:1::", False), ("2002:a00:1::1", False),
    ("2002:5db8:d70e::1", True), ("::127.0.0.1", False), ("::10.0.0.1", False),
    ("::ffff:10.0.0.1", False), ("::ffff:93.184.215.14", True),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),
])
def test_only_public_unicast_addresses_may_receive_webhooks(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


def test_subscription_input_is_checked() -> None:
    assert check_url(" https://erp.example.com/hooks ") == "https://erp.example.com/hooks"
    command = NewSubscription("https://a.example/", ("invite.sent", "invite.sent")).validated()
    assert command.event_types == ("invite.sent",)
    for url in ("ftp://a.example/", "https://", "https://u:p@a.example/", "/relative"):
        with pytest.raises(InvalidInput):
            check_url(url)
