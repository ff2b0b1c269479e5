"""The invite's reply address carries its token version (mailer/reply_address.py)."""

from __future__ import annotations

import pytest

from mailer.reply_address import ReplyTag, read_reply_tag, reply_address


def test_an_address_reads_back_as_its_token_and_version() -> None:
    address = reply_address("0a1b2c3d4e5f60718293", 7, "reply.example")
    assert address == "bill+0a1b2c3d4e5f60718293v7@reply.example"
    tag = address.split("+", 1)[1].split("@", 1)[0]
    assert read_reply_tag(tag) == ReplyTag("0a1b2c3d4e5f60718293", 7)
    assert read_reply_tag(tag.upper()) == ReplyTag("0a1b2c3d4e5f60718293", 7)


def test_an_address_sent_before_versions_stands_for_version_one() -> None:
    assert read_reply_tag("0a1b2c3d4e5f60718293") == ReplyTag("0a1b2c3d4e5f60718293", 1)


@pytest.mark.parametrize("tag", ["", "v3", "tok1", "0a1bv", "0a1bv-1", "0a1bv1v2",
                                 "0a1b_v2", "0a1bv1234567890"])
def test_anything_else_is_no_reply_tag(tag: str) -> None:
    assert read_reply_tag(tag) is None
