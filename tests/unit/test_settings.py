"""Settings: the ITB_ environment, read once; production refuses development defaults."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from app.settings import Settings, SettingsError, development_secret, load_settings

# A key as `secrets.token_urlsafe(32)` makes them ("k" * 40 was long but guessable).
STRONG = "Xq3vN8rT_b2LmW9sYp4KdJ7hF1cZ6gAe0uRiOyVnMwE"


def settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(f"ITB_{name.upper()}", value)
    return load_settings()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env is read
    for name in ("ENV", "SECRET_KEYS", "SMTP_URL", "WEBHOOK_SECRETS", "BASE_URL", "DATABASE_URL",
                 "REDIS_URL", "TRUSTED_PROXIES"):
        monkeypatch.delenv(f"ITB_{name}", raising=False)
    monkeypatch.setenv("ITB_VAR_DIR", str(tmp_path / "var"))


def test_defaults_match_the_documented_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch)
    assert loaded.database_url == "sqlite+aiosqlite:///./var/itb.sqlite3"
    assert loaded.redis_url is None and loaded.smtp_url is None and loaded.uses_dev_mailbox
    assert (loaded.http_host, loaded.http_port) == ("127.0.0.1", 8080)
    assert (loaded.inbound_host, loaded.inbound_port) == ("127.0.0.1", 2525)
    assert loaded.inbound_domain == "reply.localhost"
    assert loaded.mail_from == "Invite to Bill <no-reply@localhost>"
    assert loaded.webhook_allow_private is False and loaded.env == "development"


def test_development_generates_one_secret_and_keeps_it(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    first = settings(monkeypatch).secret_keys
    second = settings(monkeypatch).secret_keys
    assert first == second and len(first) == 1 and len(first[0]) >= 40
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0
    assert development_secret(tmp_path / "var") == first[0]


def test_keys_and_webhook_sources_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch, secret_keys=f"new{STRONG}, old{STRONG}",
                      webhook_secrets="erp=whsec_abc,mailer=whsec_def",
                      base_url="https://bill.example.com/")
    assert loaded.secret_keys == [f"new{STRONG}", f"old{STRONG}"]
    assert loaded.webhook_secrets == {"erp": "whsec_abc", "mailer": "whsec_def"}
    assert loaded.base_url == "https://bill.example.com"


def test_a_malformed_webhook_source_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError, match="source=secret"):
        settings(monkeypatch, webhook_secrets="erp")


@pytest.mark.parametrize(("env", "message"), [
    ({"smtp_url": "smtp://relay:25"}, "ITB_SECRET_KEYS is required"),
    ({"secret_keys": "short", "smtp_url": "smtp://relay:25"}, "at least 32 characters"),
    ({"secret_keys": STRONG}, "ITB_SMTP_URL is required"),
    # Long enough, but a repeat, a repeated sequence, a hand-typed run, or words: guessable.
    ({"secret_keys": "a" * 64, "smtp_url": "smtp://relay:25"}, "key 1 .* is guessable"),
    ({"secret_keys": "0123456789abcdef" * 4, "smtp_url": "smtp://relay:25"}, "guessable"),
    ({"secret_keys": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", "smtp_url": "smtp://r:25"},
     "guessable"),
    ({"secret_keys": f"{STRONG},passwordpasswordpasswordpassword12",
      "smtp_url": "smtp://relay:25"}, "key 2 of ITB_SECRET_KEYS is guessable"),
])
def test_production_refuses_development_defaults(monkeypatch: pytest.MonkeyPatch,
                                                 env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        settings(monkeypatch, env="production", **env)


def test_production_runs_with_real_secrets_and_a_relay(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch, env="production", secret_keys=STRONG,
                      smtp_url="smtps://user:pass@relay.example:465")
    assert loaded.is_production and not loaded.uses_dev_mailbox


def test_random_keys_pass_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in (secrets.token_urlsafe(32), secrets.token_hex(16), secrets.token_hex(32)):
        loaded = settings(monkeypatch, env="production", secret_keys=f"{key},{STRONG}",
                          smtp_url="smtp://relay:25")
        assert loaded.secret_keys == [key, STRONG]


def test_a_refused_key_is_never_quoted(monkeypatch: pytest.MonkeyPatch) -> None:
    weak = "0123456789abcdef" * 3
    with pytest.raises(SettingsError) as refused:
        settings(monkeypatch, env="production", secret_keys=weak, smtp_url="smtp://relay:25")
    assert weak not in str(refused.value) and "0123456789abcdef" not in str(refused.value)


def test_trusted_proxies_are_ips_or_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings(monkeypatch).trusted_proxies == []
    loaded = settings(monkeypatch, trusted_proxies="10.0.0.0/8, 2001:db8::1")
    assert loaded.trusted_proxies == ["10.0.0.0/8", "2001:db8::1"]
    with pytest.raises(SettingsError, match=r"ITB_TRUSTED_PROXIES: 'proxy\.example'"):
        settings(monkeypatch, trusted_proxies="proxy.example")


def test_secrets_never_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch, env="production", secret_keys=f"key-{STRONG}",
                      smtp_url="smtps://user:hunter2@relay.example:465",
                      database_url="postgresql+asyncpg://itb:dbpass@db/itb",
                      redis_url="redis://:redispass@cache:6379/0",
                      webhook_secrets="erp=whsec_c2VjcmV0c2VjcmV0c2VjcmV0")
    shown = repr(loaded) + str(loaded)
    for secret in (f"key-{STRONG}", "hunter2", "dbpass", "redispass", "whsec_"):
        assert secret not in shown
    assert loaded.smtp_url == "smtps://user:hunter2@relay.example:465"  # still usable
