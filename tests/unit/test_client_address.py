"""Which address is the client's, given the TCP peer, X-Forwarded-For and the trusted
proxies (ITB_TRUSTED_PROXIES)."""

from __future__ import annotations

import pytest

from web.client_address import forwarded_client, parse_networks

PROXIES = parse_networks(["10.0.0.0/8", "2001:db8::/32"])


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    # No trusted proxy in front: the header is the client's own words.
    ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),
    # One trusted proxy: the entry it appended.
    ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
    # The client prepended a forged entry: the rightmost untrusted one counts.
    ("10.0.0.2", ["1.2.3.4, 198.51.100.1"], "198.51.100.1"),
    # Two trusted hops (and two header lines), then the client.
    ("10.0.0.2", ["198.51.100.1, 10.1.1.1", "10.2.2.2"], "198.51.100.1"),
    # IPv6 client behind an IPv6 proxy; the written form is canonicalised.
    ("2001:db8::1", ["2001:0DB9::0001"], "2001:db9::1"),
    # Nothing forwarded: the proxy itself.
    ("10.0.0.2", [], "10.0.0.2"),
    # Garbage is not believed: the last trusted hop stands.
    ("10.0.0.2", ["198.51.100.1, <script>"], "10.0.0.2"),
    ("10.0.0.2", ["198.51.100.1, 10.1.1.1, unknown"], "10.0.0.2"),
    # Every hop trusted: the leftmost.
    ("10.0.0.2", ["10.3.3.3, 10.4.4.4"], "10.3.3.3"),
])
def test_the_client_is_the_first_untrusted_hop_from_the_right(
        peer: str, forwarded: list[str], expected: str) -> None:
    assert forwarded_client(peer, forwarded, PROXIES) == expected


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert forwarded_client("10.0.0.2", ["198.51.100.1"], ()) == "10.0.0.2"


def test_a_bad_proxy_setting_is_named() -> None:
    with pytest.raises(ValueError, match=r"'proxy\.example' is not an IP address"):
        parse_networks(["proxy.example"])
