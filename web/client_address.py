"""The client's address, the one place every use reads it from (the IP recorded with an
answer, the rate limits of the sign-in forms).

The TCP peer is the client unless it is one of the proxies named in ITB_TRUSTED_PROXIES
(none by default). Behind trusted proxies, X-Forwarded-For is read from the right: each
trusted proxy appended the address it received the request from, so the first address
from the right that is not a trusted proxy is the client's (anything left of it was
written by the client itself and proves nothing). A header that does not parse is not
believed past the last trusted hop.
"""

from __future__ import annotations

import ipaddress

from aiohttp import web

from web.keys import CLIENT_ADDRESS, deps_of

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_HOPS = 20


def parse_networks(values: list[str] | tuple[str, ...]) -> tuple[Network, ...]:
    """IPs or CIDRs ("10.0.0.0/8", "::1"); raises ValueError naming a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value[:60]!r} is not an IP address or a CIDR") from None
    return tuple(networks)


def _is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def _hop(value: str) -> str | None:
    """One X-Forwarded-For entry as a canonical IP, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def forwarded_client(peer: str, forwarded_for: list[str], proxies: tuple[Network, ...]) -> str:
    """The client address given the TCP `peer` and the X-Forwarded-For header values."""
    client = peer
    if not proxies or not _is_trusted(peer, proxies):
        return client
    hops = [part for value in forwarded_for for part in value.split(",")][-MAX_HOPS:]
    for entry in reversed(hops):
        hop = _hop(entry)
        if hop is None:
            return client
        client = hop
        if not _is_trusted(hop, proxies):
            return client
    return client


def client_address(request: web.Request) -> str | None:
    """The address of the client that made `request` (None when aiohttp has no peer)."""
    if CLIENT_ADDRESS in request:
        return request[CLIENT_ADDRESS]
    peer = request.remote
    if peer is None:
        return None
    found = forwarded_client(peer, request.headers.getall("X-Forwarded-For", []),
                             deps_of(request).trusted_proxies)
    request[CLIENT_ADDRESS] = found
    return found
