"""The bounce and auto-reply corpus (tests/fixtures/bounces): every file is read as if it
had arrived at one of our bounce addresses, and must never be taken for more than it is.

Figures (`pytest -s tests/unit/test_bounce_corpus.py`): permanent failures recognised for
the right recipient (n of N, also for the third-party files alone), false bounces (must be
0), auto-replies answered (must be 0).

Classes: `permanent`, `temporary`, `auto-reply`, `unrecognised`, and `other-recipient` (a
permanent failure of an address that is not our contact's, though the mail names the
contact). `contact`, where given, is the address the mail is about: a false bounce is
any permanent verdict on a file that is not `permanent`, and for `other-recipient` files
one that names the contact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailer.inbound_triage import Triage, triage

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"
MANIFEST: dict[str, dict[str, str | None]] = json.loads(
    (CORPUS / "manifest.json").read_text(encoding="utf-8"))
DOMAIN = "reply.localhost"
BOUNCE_ADDRESS = "bounce+1.0a1b2c3d4e5f60718293@reply.localhost"
# Raised as recognition improves; a drop is a regression.
RECOGNISED_AT_LEAST = 39


def read(name: str, line_end: bytes = b"\n") -> Triage:
    raw = (CORPUS / name).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", line_end)
    return triage(raw, (BOUNCE_ADDRESS,), DOMAIN)


def is_permanent_for(found: Triage, recipient: str | None) -> bool:
    """What would mark the contact undeliverable: a permanent verdict naming them."""
    if found.kind != "bounce" or found.report is None or not found.report.permanent:
        return False
    return recipient is None or found.report.names(recipient)


def test_every_file_has_an_expected_class() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.eml")) == sorted(MANIFEST)
    assert {entry["class"] for entry in MANIFEST.values()} <= {
        "permanent", "temporary", "auto-reply", "unrecognised", "other-recipient"}


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_nothing_is_taken_for_more_than_it_is(name: str) -> None:
    expected = MANIFEST[name]
    found = read(name)
    assert found.kind != "reply", "a robot's mail must never be read as an answer"
    if expected["class"] == "auto-reply":
        assert found.kind == "auto_reply", found.reason
    elif expected["class"] == "other-recipient":
        assert is_permanent_for(found, str(expected["recipient"])), found.report
        assert not is_permanent_for(found, str(expected["contact"])), found.report
    elif expected["class"] != "permanent":
        assert found.report is None or not found.report.permanent, found.report
    # Over SMTP every line ends in CRLF: the verdict must not depend on it.
    over_smtp = read(name, b"\r\n")
    assert (over_smtp.kind, over_smtp.report) == (found.kind, found.report)
    # A delivery-status report says "delayed" in so many words: it must be read so.
    if expected["class"] == "temporary" and found.report is not None \
            and found.report.source == "dsn":
        assert found.report.verdict == "temporary"
        assert found.report.names(str(expected["recipient"]))


def is_false_bounce(name: str) -> bool:
    expected, found = MANIFEST[name], read(name)
    if expected["class"] == "other-recipient":
        return is_permanent_for(found, str(expected["contact"]))
    return expected["class"] != "permanent" and is_permanent_for(found, None)


def test_corpus_figures() -> None:
    permanent = [n for n, e in MANIFEST.items() if e["class"] == "permanent"]
    recognised = [n for n in permanent if is_permanent_for(read(n), MANIFEST[n].get("recipient"))]
    false_bounces = [n for n in MANIFEST if is_false_bounce(n)]
    answered = [n for n, e in MANIFEST.items() if e["class"] == "auto-reply"
                and read(n).kind == "reply"]
    third_party = [n for n in permanent if not n.startswith("own_")]
    print(f"\nbounce corpus: {len(MANIFEST)} files; permanent failures recognised "
          f"{len(recognised)} of {len(permanent)} (third-party files: "
          f"{len(set(recognised) & set(third_party))} of {len(third_party)}); "
          f"false bounces {len(false_bounces)}; auto-replies answered {len(answered)}; "
          f"missed: {sorted(set(permanent) - set(recognised))}")
    assert false_bounces == [] and answered == []
    assert len(recognised) >= RECOGNISED_AT_LEAST
