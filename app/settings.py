"""Settings from the environment (prefix ITB_, a .env file in development). Read once."""

from __future__ import annotations

import base64
import ipaddress
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.secret_strength import weak_key_problem

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/itb.sqlite3"


class SettingsError(Exception):
    """The configuration cannot run; the message says what to set."""


class Settings(BaseSettings):
    # Errors never echo a value back: several settings are secrets.
    model_config = SettingsConfigDict(env_prefix="ITB_", env_file=".env", extra="ignore",
                                      hide_input_in_errors=True)

    env: Literal["development", "production", "test"] = "development"
    # repr=False on everything that can hold a password or key: settings end up in
    # tracebacks and debug output, secrets must not.
    database_url: str = Field(default=DEFAULT_DATABASE_URL, repr=False)
    redis_url: str | None = Field(default=None, repr=False)
    # Newest first: the first key signs, every key verifies (rotation).
    secret_keys: Annotated[list[str], NoDecode] = Field(default_factory=list, repr=False)
    base_url: str = "http://127.0.0.1:8080"
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    # None means the embedded development mailbox.
    smtp_url: str | None = Field(default=None, repr=False)
    mail_from: str = "Invite to Bill <no-reply@localhost>"
    # The relay's sending limit in messages per second (a provider's quota), shared by the
    # process's connections; None sends as fast as the relay accepts.
    smtp_max_per_second: float | None = Field(default=None, gt=0)
    inbound_host: str = "127.0.0.1"
    inbound_port: int = 2525
    inbound_domain: str = "reply.localhost"
    # The largest message the inbound SMTP server accepts (552 5.3.4 beyond it).
    inbound_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Messages one sender may deliver per window (451 4.7.1 beyond, so it retries later).
    inbound_sender_limit: int = Field(default=30, ge=1)
    inbound_sender_window_seconds: int = Field(default=3600, ge=1)
    # The same per connecting client address (one host sending as many senders), and how
    # many connections one address may hold open at once (421 4.7.1 beyond).
    inbound_client_limit: int = Field(default=60, ge=1)
    inbound_client_connections: int = Field(default=5, ge=1)
    # Each DNS query of a DKIM or DMARC check gives up after this many seconds.
    inbound_dns_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    webhook_secrets: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict,
                                                                 repr=False)
    webhook_allow_private: bool = False
    # Additions (documented in the README).
    var_dir: Path = Path("./var")
    dev_mailbox_port: int = 1025
    # How many delivery runs drain the outbox at once, each over its own SMTP connection:
    # the delivery jobs a wake-up enqueues for the workers, or the runs of `serve`'s one
    # process. A run waits for the relay and the database most of the time, so one process
    # keeps several busy (bench/invites.py: `serve` 59% of the ceiling with 4, 81% with 8).
    delivery_concurrency: int = Field(default=8, ge=1, le=32)
    # Jobs one worker process runs at once: with the default concurrency, two workers take
    # four delivery jobs each (one worker with all eight would leave the other idle).
    worker_jobs: int = Field(default=4, ge=1, le=100)
    log_level: str = "INFO"
    # Invoice attachments: the largest file, and the types accepted (file extensions).
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    attachment_types: Annotated[list[str], NoDecode] = Field(default_factory=lambda: [
        "pdf", "png", "jpeg", "heic", "xlsx", "docx", "csv"])
    # Reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs); none by default,
    # so a client cannot choose the address its answers and rate limits are recorded under.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("secret_keys", "attachment_types", "trusted_proxies", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("webhook_secrets", mode="before")
    @classmethod
    def _split_sources(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        pairs: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            source, sep, secret = item.partition("=")
            if not sep or not source or not secret:
                raise ValueError("ITB_WEBHOOK_SECRETS takes source=secret pairs, "
                                 "e.g. erp=whsec_...,mailer=whsec_...")
            pairs[source.strip()] = secret.strip()
        return pairs

    @field_validator("webhook_secrets", mode="after")
    @classmethod
    def _secrets_are_base64(cls, value: dict[str, str]) -> dict[str, str]:
        # Checked at start-up: a typo in a secret would otherwise answer every event 401.
        for source, secret in value.items():
            encoded = secret.removeprefix("whsec_")
            try:
                key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
            except ValueError:
                key = b""
            if not key or len(source) > 50:
                raise ValueError(f"ITB_WEBHOOK_SECRETS: source {source[:50]!r} needs a name of "
                                 "at most 50 characters and a secret like whsec_<base64>")
        return value

    @field_validator("trusted_proxies", mode="after")
    @classmethod
    def _proxies_are_networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"ITB_TRUSTED_PROXIES: {item[:60]!r} is not an IP address "
                                 "or a CIDR (e.g. 10.0.0.0/8)") from None
        return value

    @field_validator("base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _production_refuses_defaults(self) -> Settings:
        if self.env != "production":
            return self
        problems = []
        if not self.secret_keys:
            problems.append("ITB_SECRET_KEYS is required in production (generated keys "
                            "are for development only)")
        else:
            problems.extend(problem for number, key in enumerate(self.secret_keys, 1)
                            if (problem := weak_key_problem(key, number)))
        if not self.smtp_url:
            problems.append("ITB_SMTP_URL is required in production (the embedded "
                            "development mailbox delivers nothing)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def is_https(self) -> bool:
        return self.base_url.lower().startswith("https://")

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def uses_dev_mailbox(self) -> bool:
        return self.smtp_url is None


def load_settings() -> Settings:
    """Read the environment once; fill development secrets; raise SettingsError if unusable."""
    try:
        settings = Settings()
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    if not settings.secret_keys:
        settings.secret_keys = [development_secret(settings.var_dir)]
    return settings


def development_secret(var_dir: Path) -> str:
    """A random key kept in var/ so that links survive restarts in development."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
