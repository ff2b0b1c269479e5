"""Real-world messages (tests/fixtures/mail/*.eml), each with the triage it must get."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.invites import Answer
from mailer.inbound_triage import triage

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
DOMAIN = "reply.localhost"

# file -> (kind, answer for replies / permanent for bounces, reply token or VERP id)
EXPECTED: dict[str, tuple[str, object, object]] = {
    "reply_gmail_plain_top.eml": ("reply", Answer.YES, "k7q2m9x4w1"),
    "reply_gmail_html_only_no.eml": ("reply", Answer.NO, "k7q2m9x4w1"),
    "reply_outlook_html_top.eml": ("reply", Answer.YES, "p3n8r2t6y0"),
    "reply_outlook_plain_unclear.eml": ("reply", None, "p3n8r2t6y0"),
    "reply_apple_mail_fr.eml": ("reply", Answer.YES, "z9y8x7w6v5"),
    "reply_thunderbird_bottom.eml": ("reply", Answer.NO, "m4n5b6v7c8"),
    "reply_thunderbird_forwarded.eml": ("reply", None, "m4n5b6v7c8"),
    "ooo_exchange.eml": ("auto_reply", None, None),
    "ooo_gmail_vacation.eml": ("auto_reply", None, None),
    "ooo_subject_only_fr.eml": ("auto_reply", None, None),
    "dsn_postfix.eml": ("bounce", True, 1),
    "dsn_postfix_delayed.eml": ("bounce", False, 1),
    "dsn_exchange.eml": ("bounce", True, 2),
    "dsn_gmail.eml": ("bounce", True, 3),
}
RECIPIENTS = {"dsn_postfix.eml": "priya@brightwire.example",
              "dsn_postfix_delayed.eml": "priya@brightwire.example",
              "dsn_exchange.eml": "marcus.webb@ironclad-steel.example",
              "dsn_gmail.eml": "dana.old@granite-works.example"}


def envelope_recipient(raw: bytes) -> str:
    """As the MTA delivered it: the To address of these fixtures."""
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.lower().startswith("to:"):
            return line.split("<")[-1].split(">")[0].split(":")[-1].strip().strip('"')
    raise AssertionError("no To")


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in MAIL.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_triage(name: str) -> None:
    raw = (MAIL / name).read_bytes()
    kind, value, tag = EXPECTED[name]
    found = triage(raw, (envelope_recipient(raw),), DOMAIN)
    assert found.kind == kind, found
    if kind == "reply":
        assert (found.answer, found.reply_token) == (value, tag), found.text
        assert found.referenced_ids or name == "reply_thunderbird_forwarded.eml"
    elif kind == "bounce":
        assert found.report is not None
        assert (found.report.permanent, found.bounce_tag) == (value, str(tag))
        assert RECIPIENTS[name] in found.report.recipients
        assert found.report.diagnostic


def test_the_signature_and_quote_are_not_kept_as_the_reply() -> None:
    found = triage((MAIL / "reply_gmail_plain_top.eml").read_bytes(),
                   ("bill+k7q2m9x4w1@reply.localhost",), DOMAIN)
    assert "Do you want to bill" not in found.text
    # Threading headers are kept for display; they no longer decide which invite it is.
    assert found.referenced_ids and all(i.startswith("<") for i in found.referenced_ids)
