"""Recognising our addresses and robots' mail, one header at a time."""

from __future__ import annotations

import pytest

from mailer.inbound_kinds import auto_reply_reason
from mailer.inbound_parsing import Recipient, dedup_key, our_recipient, parse


@pytest.mark.parametrize(("address", "expected"), [
    ("bill+k7q2@reply.example", Recipient("reply", "k7q2")),
    ("<BILL+K7Q2@Reply.Example>", Recipient("reply", "k7q2")),
    ("bounce+12@reply.example", Recipient("bounce", "12")),
    ("postmaster@reply.example", Recipient("postmaster")),
    ("bill+k7q2@other.example", None), ("bill@reply.example", None),
    ("bounce+x1@reply.example", None), ("bill+a b@reply.example", None),
    ("bounce+99999999999999999999@reply.example", None), ("", None),
])
def test_our_recipients(address: str, expected: Recipient | None) -> None:
    assert our_recipient(address, "reply.example") == expected


@pytest.mark.parametrize(("headers", "robot"), [
    ("Auto-Submitted: auto-replied", True), ("Auto-Submitted: auto-generated", True),
    ("Auto-Submitted: no", False), ("Auto-Submitted: No; comment", False),
    ("X-Autoreply: yes", True), ("X-Autorespond: vacation", True),
    ("Precedence: bulk", True), ("Precedence: junk", True), ("Precedence: list", True),
    ("Precedence: auto_reply", True), ("Precedence: first-class", False),
    ("Subject: Out of Office: your invite", True), ("Subject: Automatic reply: bill", True),
    ("Subject: Réponse automatique : facture", True), ("Subject: Absence du bureau", True),
    ("Subject: Re: invite", False), ("X-Auto-Response-Suppress: All", False),
])
def test_auto_replies(headers: str, robot: bool) -> None:
    message = parse(f"From: a@b.example\r\n{headers}\r\n\r\nYes\r\n".encode())
    assert (auto_reply_reason(message) is not None) is robot


def test_dedup_by_message_id_else_by_content_hash() -> None:
    with_id = b"Message-ID: <a@b>\r\n\r\nx"
    assert dedup_key(parse(with_id), with_id) == "<a@b>"
    without = b"Subject: hi\r\n\r\nx"
    assert dedup_key(parse(without), without).startswith("sha256:")
    assert dedup_key(parse(without), without) != dedup_key(parse(without + b"y"), without + b"y")


def test_odd_tags_and_message_ids_are_not_trusted() -> None:
    assert our_recipient("bounce+\u00b2@reply.example", "reply.example") is None
    odd = b"Message-ID: <a\x00b@c>\r\n\r\nx"
    assert dedup_key(parse(odd), odd).startswith("sha256:")
