"""DKIM and DMARC checks without a network: unsigned mail, DNS that never answers, and how
a DMARC policy is found."""

from __future__ import annotations

import time

import dkim

from mailer.mail_authentication import Authentication, MailAuthenticator, static_txt_lookup

SIGNED = (b"DKIM-Signature: v=1; a=rsa-sha256; d=x.example; s=s; h=from; bh=AA==; b=AA==\r\n"
          b"From: a@mail.x.example\r\n\r\nhi\r\n")


async def test_unsigned_mail_is_not_looked_up() -> None:
    asked: list[str] = []

    def lookup(name: str) -> bytes | None:
        asked.append(name)
        return None

    found = await MailAuthenticator(lookup).check(b"From: a@x.example\r\n\r\nYes\r\n")
    assert (found.dkim, asked) == ("none", [])


async def test_dns_that_never_answers_gives_up_quickly() -> None:
    def silent(name: str) -> bytes | None:
        raise dkim.DnsTimeoutError("no answer")

    started = time.monotonic()
    found = await MailAuthenticator(silent, timeout=0.2).check(SIGNED)
    assert found.dkim == "temperror" and not found.refused
    assert time.monotonic() - started < 2


async def test_a_failed_signature_takes_the_organisational_domains_policy() -> None:
    lookup = static_txt_lookup({"_dmarc.x.example": b"v=DMARC1; p=quarantine"})
    found = await MailAuthenticator(lookup).check(SIGNED)
    assert (found.dkim, found.dmarc, found.refused) == ("fail", "quarantine", True)


def test_only_reject_and_quarantine_refuse() -> None:
    assert not Authentication("fail", "x.example", (), "none").refused
    assert not Authentication("pass", "x.example", ("x.example",), "reject").refused
