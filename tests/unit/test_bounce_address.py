"""Signed bounce addresses and random Message-IDs: nothing an outsider can guess."""

from __future__ import annotations

import re

from mailer.bounce_address import BounceAddresses, outbox_id_of_tag
from mailer.delivery_status import normalised_address
from mailer.inbound_parsing import Recipient, our_recipient
from mailer.message_ids import new_message_id

OLD, NEW = "old-key-" + "x" * 32, "new-key-" + "y" * 32


def tag_of(address: str) -> str:
    found = our_recipient(address, "reply.example")
    assert found is not None and found.kind == "bounce"
    return found.tag


def test_a_signed_address_verifies_and_names_its_mail() -> None:
    addresses = BounceAddresses([NEW], "reply.example")
    address = addresses.address(42)
    assert re.fullmatch(r"bounce\+42\.[0-9a-f]{20}@reply\.example", address)
    assert addresses.verified_id(tag_of(address)) == 42
    assert addresses.verified_id(tag_of(address.upper())) == 42  # case may change in transit


def test_guessed_and_forged_marks_do_not_verify() -> None:
    addresses = BounceAddresses([NEW], "reply.example")
    mark = addresses.address(42).split(".")[1].split("@")[0]
    for tag in ("42", f"43.{mark}", f"42.{mark[:-1]}", f"42.{'0' * 20}", "42.", ".x", "x.y"):
        assert addresses.verified_id(tag) is None, tag


def test_every_key_verifies_and_the_newest_signs() -> None:
    before = BounceAddresses([OLD], "reply.example").address(7)
    rotated = BounceAddresses([NEW, OLD], "reply.example")
    assert rotated.verified_id(tag_of(before)) == 7
    assert rotated.address(7) != before
    assert BounceAddresses([NEW], "reply.example").verified_id(tag_of(before)) is None


def test_the_server_reads_the_id_without_the_keys() -> None:
    assert outbox_id_of_tag("42.abc") == 42 and outbox_id_of_tag("x.abc") is None
    assert our_recipient("bounce+42.abc@reply.example", "reply.example") == \
        Recipient("bounce", "42.abc")


def test_message_ids_are_random_and_on_our_domain() -> None:
    made = {new_message_id("reply.example") for _ in range(1000)}
    assert len(made) == 1000
    assert all(re.fullmatch(r"<[A-Za-z0-9_-]{22}@reply\.example>", m) for m in made)


def test_addresses_compare_across_case_brackets_and_idna() -> None:
    assert normalised_address("rfc822; <Ana-B+x@Sub.Bücher-Bau.example>") == \
        "ana-b+x@sub.xn--bcher-bau-q9a.example"
    assert normalised_address("ana-b+x@sub.xn--bcher-bau-q9a.example.") == \
        normalised_address("ANA-B+X@sub.bücher-bau.example")
