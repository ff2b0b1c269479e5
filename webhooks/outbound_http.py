"""POSTing signed webhooks to subscribers, refusing private networks (SSRF).

A subscriber's URL is chosen by a user, so without a check it could point the worker at
our own network (a database port, a cloud metadata address). Every address the host
resolves to is checked at delivery time, and the connection goes to the checked address
itself: the resolver below is the only one the connector uses, and it has no cache, so a
second DNS answer (rebinding) never replaces the one that was checked. An IP literal in
the URL never reaches a resolver, so it is checked before the request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

EXCERPT_CHARS = 500
READ_BYTES = 2048  # enough for the excerpt; the rest of an answer is not read
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
            return all(is_public_address(ipv4) for ipv4 in inner) and (
                address.ipv4_mapped is not None or address in IPV4_COMPATIBLE
                or address.is_global)
    return address.is_global and not address.is_multicast


def check_address(text: str) -> None:
    address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if not is_public_address(address):
        raise AddressRefused(f"the URL's host resolves to {address}, which is not a public "
                             "address (set ITB_WEBHOOK_ALLOW_PRIVATE to allow it)")


class PublicOnlyResolver(AbstractResolver):
    """Resolves with `inner`, then refuses the whole answer if any address is not public
    (a host with one private address is refused even if others are public)."""

    def __init__(self, inner: AbstractResolver | None = None) -> None:
        self.inner = inner or DefaultResolver()

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        results = await self.inner.resolve(host, port, family)
        for result in results:
            check_address(result["host"])
        return results

    async def close(self) -> None:
        await self.inner.close()


@dataclass(frozen=True)
class PostOutcome:
    """What one attempt got: an HTTP status, or an error before any answer."""

    status_code: int | None
    latency_ms: int
    response_excerpt: str | None = None
    error: str | None = None
    # The address was not allowed: nothing was sent, and trying again will not help.
    refused: bool = False


class WebhookPoster:
    """One HTTP client for a delivery run (connections are reused between requests)."""

    def __init__(self, *, allow_private: bool, timeout_seconds: float = 10.0,
                 user_agent: str = "invite-to-bill-webhooks") -> None:
        self.allow_private = allow_private
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self.user_agent = user_agent
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> WebhookPoster:
        resolver = DefaultResolver() if self.allow_private else PublicOnlyResolver()
        connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False, limit=20)
        # trust_env off: an HTTP(S)_PROXY from the environment would resolve the host
        # itself, past our check.
        self._session = aiohttp.ClientSession(connector=connector, timeout=self.timeout,
                                              trust_env=False)
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._session is not None:
            await self._session.close()

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> PostOutcome:
        assert self._session is not None, "use `async with WebhookPoster(...)`"
        started = time.monotonic()
        try:
            if not self.allow_private:
                _check_literal_host(url)
            async with self._session.post(
                    url, data=body, allow_redirects=False,
                    headers={**headers, "Content-Type": "application/json",
                             "User-Agent": self.user_agent}) as response:
                raw = await response.content.read(READ_BYTES)
                return PostOutcome(response.status, _elapsed_ms(started),
                                   _excerpt(raw, response.charset))
        except AddressRefused as exc:
            return PostOutcome(None, _elapsed_ms(started), error=str(exc), refused=True)
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            refused = _refusal_in(exc)
            if refused is not None:
                return PostOutcome(None, _elapsed_ms(started), error=str(refused),
                                   refused=True)
            return PostOutcome(None, _elapsed_ms(started), error=_describe(exc))


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


def _check_literal_host(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return  # a name: the resolver checks what it resolves to
    check_address(host)


def _refusal_in(error: BaseException) -> AddressRefused | None:
    """aiohttp wraps resolver errors (ClientConnectorDNSError): find ours in the chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, AddressRefused):
            return seen
        nested = getattr(seen, "os_error", None)
        if isinstance(nested, AddressRefused):
            return nested
        seen = seen.__cause__ or seen.__context__
    return None


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timed out waiting for the receiver"
    return f"{type(error).__name__}: {error}"[:EXCERPT_CHARS]


def _excerpt(raw: bytes, charset: str | None) -> str | None:
    if not raw:
        return None
    try:
        text = raw.decode(charset or "utf-8", errors="replace")
    except LookupError:  # an unknown charset named by the receiver
        text = raw.decode("utf-8", errors="replace")
    return text[:EXCERPT_CHARS]


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
