"""Which addresses outgoing webhooks may reach: public unicast only (SSRF guard).

Used at delivery (the resolver of the HTTP client checks every address it connects to)
and when a subscription's URL is stored (`refused_target`, for a clear 422 early).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(OSError):
    """The host resolves to an address webhooks may not reach."""


# IPv6 prefixes that carry an IPv4 address in their last 32 bits and reach it through a
# translator: NAT64's well-known and local-use prefixes (RFC 6052, RFC 8215).
NAT64_PREFIXES = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
# ::a.b.c.d, "IPv4-compatible" (deprecated by RFC 4291 section 2.5.5.1, still routed by
# some stacks to the IPv4 address).
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: IPv4-mapped (::ffff:a.b.c.d),
    IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:aabb:ccdd::, RFC
    3056) and Teredo (2001::/32, RFC 4380: its server and its client)."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address in IPV4_COMPATIBLE or any(address in net for net in NAT64_PREFIXES):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    return found


def is_public_address(address: IpAddress) -> bool:
    """Globally routable unicast only: no private, loopback, link-local, shared (CGNAT),
    reserved or multicast address, also when it is the IPv4 address inside an IPv6 one
    (Python's `is_global` calls 64:ff9b::7f00:1, 2002:7f00:1:: and ::127.0.0.1 global)."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner:
            # The IPv4 inside must be public, and the IPv6 form routable too (Teredo's
            # 2001::/32 is not); Python calls the mapped and compatible forms reserved,
            # so those are judged by their IPv4 address alone.
            plain_form = address.ipv4_mapped is not None or address in IPV4_COMPATIBLE
            return all(map(is_public_address, inner)) and (plain_form or address.is_global)
    return address.is_global and not address.is_multicast


def check_address(text: str) -> None:
    address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if not is_public_address(address):
        raise AddressRefused(f"the URL's host resolves to {address}, which is not a public "
                             "address (set ITB_WEBHOOK_ALLOW_PRIVATE to allow it)")


async def refused_target(url: str, *, timeout_seconds: float = 5.0) -> str | None:
    """Why webhooks may not be sent to `url` (a private or otherwise non-public address,
    as an IP literal or as every address its host resolves to), or None.

    For a clear answer when a subscription is created or changed; delivery checks again
    (DNS can change). A host that does not resolve now is not refused here.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").split("%", 1)[0]
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        try:
            async with asyncio.timeout(timeout_seconds):
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, parts.port or 443, type=socket.SOCK_STREAM)
        except (OSError, TimeoutError, UnicodeError):
            return None
        addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        try:
            check_address(address)
        except AddressRefused as exc:
            return str(exc).replace("the URL's host resolves to", "url points to")
    return None
