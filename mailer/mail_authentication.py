"""DKIM (RFC 6376) and the sender domain's DMARC policy (RFC 7489) of a received message.

Verification is dkimpy's; DNS is behind `TxtLookup`, a blocking function of a name that
returns the TXT record (or None), so tests serve their own keys and production uses
dnspython with a short timeout. The blocking work runs in a thread: the SMTP process must
never stall its event loop on DNS.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import dkim
from dkim.dnsplug import get_txt_dnspython

from mailer.inbound_parsing import parse, sender

log = logging.getLogger("itb.inbound")
TxtLookup = Callable[[str], bytes | None]
_DMARC_POLICY = re.compile(r"(?:^|;)\s*p\s*=\s*(none|quarantine|reject)\s*(?:;|$)", re.I)
_MAX_SIGNATURES = 5  # each costs a DNS lookup; a message with more is refused the rest


@dataclass(frozen=True)
class Authentication:
    """`dkim`: "none" (unsigned), "pass" (a signature of the From domain verifies), "fail"
    (signed, and no signature of the From domain verifies) or "temperror" (DNS failed).
    `dmarc` is the From domain's published policy ("" when none or not looked up)."""

    dkim: str
    from_domain: str = ""
    signing_domains: tuple[str, ...] = ()
    dmarc: str = ""

    @property
    def refused(self) -> bool:
        """A forgery the From domain asks receivers to reject or quarantine."""
        return self.dkim == "fail" and self.dmarc in ("reject", "quarantine")

    def as_detail(self) -> dict[str, Any]:
        return {**asdict(self), "signing_domains": list(self.signing_domains)}


class MailAuthenticator:
    def __init__(self, lookup: TxtLookup, *, timeout: float = 3.0) -> None:
        self.lookup = lookup
        self.timeout = timeout

    async def check(self, raw: bytes) -> Authentication:
        """Never raises: a DNS or parsing failure reads as "temperror"."""
        try:
            return await asyncio.wait_for(asyncio.to_thread(self._check, raw),
                                          self.timeout * (_MAX_SIGNATURES + 2))
        except Exception as exc:
            log.warning("DKIM check failed", extra={"error": type(exc).__name__})
            return Authentication("temperror")

    def _check(self, raw: bytes) -> Authentication:
        message = parse(raw)
        from_domain = sender(message).rpartition("@")[2]
        signatures = message.get_all("DKIM-Signature") or []
        if not signatures:
            return Authentication("none", from_domain)
        verifier = dkim.DKIM(raw, timeout=self.timeout, logger=_QUIET)
        passed: list[str] = []
        for index in range(min(len(signatures), _MAX_SIGNATURES)):
            try:
                ok = verifier.verify(idx=index, dnsfunc=self._dns)
            except dkim.DnsTimeoutError:
                return Authentication("temperror", from_domain)
            except dkim.DKIMException:
                ok = False
            if ok and verifier.domain:
                passed.append(verifier.domain.decode("ascii", "replace").lower())
        # Aligned (RFC 7489 section 3.1.1, relaxed): the signing domain is the From domain
        # or a parent of it.
        aligned = [d for d in passed if from_domain == d or from_domain.endswith("." + d)]
        if aligned:
            return Authentication("pass", from_domain, tuple(passed))
        return Authentication("fail", from_domain, tuple(passed), self._dmarc(from_domain))

    def _dns(self, name: bytes | str, timeout: float = 5) -> bytes | None:
        text = name.decode("ascii", "replace") if isinstance(name, bytes) else name
        return self.lookup(text.rstrip("."))

    def _dmarc(self, domain: str) -> str:
        """The policy of the From domain, else of its parents (RFC 7489 section 6.6.3 asks
        for the organisational domain; without the public suffix list, the parents down to
        two labels stand in for it)."""
        labels = domain.split(".")
        for start in range(max(len(labels) - 1, 1)):
            record = self.lookup("_dmarc." + ".".join(labels[start:]))
            if record and record.lower().startswith(b"v=dmarc1"):
                found = _DMARC_POLICY.search(record.decode("ascii", "replace"))
                return found.group(1).lower() if found else "none"
        return ""


def dns_txt_lookup(timeout: float) -> TxtLookup:
    """Production DNS: dnspython (through dkimpy's helper), `timeout` seconds per query."""
    def lookup(name: str) -> bytes | None:
        try:
            found = get_txt_dnspython(name, timeout=timeout)
        except dkim.DnsTimeoutError:
            raise
        except Exception:  # no answer, a broken record: nothing published
            return None
        return found if isinstance(found, bytes) else None
    return lookup


def static_txt_lookup(records: Mapping[str, bytes]) -> TxtLookup:
    """DNS from a table (tests, and development without network)."""
    return lambda name: records.get(name.rstrip(".").lower())


class _QuietLogger(logging.Logger):
    """dkimpy logs message content at debug level; none of it is wanted in our logs."""

    def __init__(self) -> None:
        super().__init__("itb.dkim", logging.CRITICAL)


_QUIET = _QuietLogger()
