"""SMTP relay URLs: `smtp://`, `smtp+starttls://` and `smtps://`, with optional credentials."""

import enum
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit


class SmtpSecurity(enum.StrEnum):
    PLAIN = "plain"
    STARTTLS = "starttls"  # RFC 3207, usually port 587
    TLS = "tls"  # implicit TLS from the first byte (RFC 8314), usually port 465


_SCHEMES = {
    "smtp": (SmtpSecurity.PLAIN, 25),
    "smtp+starttls": (SmtpSecurity.STARTTLS, 587),
    "smtps": (SmtpSecurity.TLS, 465),
}
_SCHEME_OF = {security: scheme for scheme, (security, _) in _SCHEMES.items()}


@dataclass(frozen=True, slots=True)
class SmtpUrl:
    """Where a relay is and how to log in to it; the password never shows in repr()."""

    security: SmtpSecurity
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str) -> "SmtpUrl":
        """`smtp://[user:pass@]host[:port]` and the like; credentials are percent-decoded."""
        parts = urlsplit(url)
        if parts.scheme not in _SCHEMES:
            raise ValueError(f"unsupported SMTP URL scheme {parts.scheme!r}")
        if not parts.hostname:
            raise ValueError("SMTP URL without a host")
        security, default_port = _SCHEMES[parts.scheme]
        return cls(
            security=security,
            host=parts.hostname,
            port=parts.port or default_port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
        )

    def masked(self) -> str:
        """The URL with the password replaced by `***`: safe for logs and error messages."""
        user = f"{quote(self.username, safe='')}:***@" if self.username else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{_SCHEME_OF[self.security]}://{user}{host}:{self.port}"
