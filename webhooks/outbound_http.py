"""POSTing signed webhooks to subscribers, refusing private networks (SSRF).

A subscriber's URL is chosen by a user, so without a check it could point the worker at
our own network (a database port, a cloud metadata address). Every address the host
resolves to is checked at delivery time, and the connection goes to the checked address
itself: the resolver below is the only one the connector uses, and it has no cache, so a
second DNS answer (rebinding) never replaces the one that was checked. An IP literal in
the URL never reaches a resolver, so it is checked before the request.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from webhooks.public_addresses import AddressRefused, check_address

EXCERPT_CHARS = 500
READ_BYTES = 2048  # enough for the excerpt; the rest of an answer is not read


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
