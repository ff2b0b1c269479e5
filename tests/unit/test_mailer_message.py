"""build_message and make_message_id: MIME structure and headers, parsed back by the stdlib."""

import datetime
import email
import email.policy
import email.utils
from email.message import EmailMessage

import pytest

from mailer.message import compose_message, make_message_id
from mailer.render import RenderedMail

SENT_AT = datetime.datetime(2026, 11, 2, 14, 30, tzinfo=datetime.UTC)
MAIL = RenderedMail(
    subject="Résidence Tower: Jane Doe has invited you to bill.",
    text="Bonjour Zoë,\nhttps://itb.example/r?a=1&b=2\n",
    html='<html lang="fr-CA"><body><a style="color: #fff;" href="https://x.example/">Oui</a>'
    + "<p>"
    + "é" * 300
    + "</p></body></html>",
)


def build(**changes: object) -> EmailMessage:
    arguments: dict[str, object] = {
        "from_addr": "Invite to Bill <noreply@itb.example>",
        "to_addr": "zoe@sub.example",
        "to_name": "Zoë Müller, Jr.",
        "message_id": make_message_id("invite-7-contact-9-initial", "itb.example"),
        "reply_to": "bill+tok123@in.itb.example",
        "date": SENT_AT,
        "headers": {"Auto-Submitted": "auto-generated", "In-Reply-To": "<first@itb.example>"},
    }
    arguments.update(changes)
    raw = compose_message(MAIL, **arguments)  # type: ignore[arg-type]
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only, as SMTP wants
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_multipart_alternative_text_then_html_in_utf8() -> None:
    message = build()
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert [p.get_content_charset() for p in parts] == ["utf-8", "utf-8"]
    # MIME text is canonically CRLF on the wire; readers see the same lines.
    assert parts[0].get_content().replace("\r\n", "\n") == MAIL.text
    assert parts[1].get_content().replace("\r\n", "\n") == MAIL.html


def test_headers_survive_a_round_trip() -> None:
    message = build()
    assert message["Subject"] == MAIL.subject
    assert message["Message-ID"] == "<invite-7-contact-9-initial@itb.example>"
    assert email.utils.parsedate_to_datetime(message["Date"]) == SENT_AT
    assert message["Reply-To"] == "bill+tok123@in.itb.example"
    assert message["From"].addresses[0].addr_spec == "noreply@itb.example"
    to = message["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("Zoë Müller, Jr.", "zoe@sub.example")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["In-Reply-To"] == "<first@itb.example>"


def test_long_lines_are_wrapped_for_smtp() -> None:
    raw = (
        compose_message(
            MAIL,
            from_addr="noreply@itb.example",
            to_addr="zoe@sub.example",
            to_name=None,
            message_id="<a@b>",
            reply_to=None,
            date=SENT_AT,
            headers=None,
        )
    )
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


@pytest.mark.parametrize(
    "headers",
    [{"Subject": "other"}, {"message-id": "<x@y>"}, {"X-Tag": "a\r\nBcc: victim@example.com"}],
)
def test_refuses_headers_that_would_override_or_inject(headers: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        build(headers=headers)


def test_refuses_a_naive_date() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build(date=datetime.datetime(2026, 11, 2, 14, 30))


def test_make_message_id() -> None:
    assert make_message_id("abc.123", "itb.example") == "<abc.123@itb.example>"
    for unique, domain in [
        ("a@b", "x.example"),
        ("a b", "x.example"),
        ("a", ""),
        ("a", "x>"),
        ("invite:7", "x.example"),
        (".a", "x.example"),
    ]:
        with pytest.raises(ValueError):
            make_message_id(unique, domain)
