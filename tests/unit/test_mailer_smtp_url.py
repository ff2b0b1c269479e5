"""SMTP relay URLs and keeping their passwords out of logs."""

import pytest

from mailer.smtp_relay import SmtpRelay
from mailer.smtp_url import SmtpSecurity, SmtpUrl


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example:2525", SmtpUrl(SmtpSecurity.PLAIN, "mail.example", 2525)),
        ("smtp://mail.example", SmtpUrl(SmtpSecurity.PLAIN, "mail.example", 25)),
        (
            "smtp+starttls://u@mail.example",
            SmtpUrl(SmtpSecurity.STARTTLS, "mail.example", 587, "u"),
        ),
        (
            "smtps://apikey:p%40ss%3Aword@smtp.example",
            SmtpUrl(SmtpSecurity.TLS, "smtp.example", 465, "apikey", "p@ss:word"),
        ),
    ],
)
def test_parse(url: str, expected: SmtpUrl) -> None:
    assert SmtpUrl.parse(url) == expected


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "smtp://host:99999"])
def test_rejects(url: str) -> None:
    with pytest.raises(ValueError):
        SmtpUrl.parse(url)


def test_the_password_never_shows() -> None:
    relay = SmtpRelay.from_url("smtps://apikey:s3cret-p4ss@smtp.example:2465")
    assert repr(relay) == "SmtpRelay('smtps://apikey:***@smtp.example:2465')"
    assert "s3cret" not in repr(SmtpUrl.parse("smtps://apikey:s3cret-p4ss@smtp.example"))


def test_plain_host_and_port() -> None:
    relay = SmtpRelay("127.0.0.1", 1025, local_hostname="itb-test")
    assert relay.url == "smtp://127.0.0.1:1025"
