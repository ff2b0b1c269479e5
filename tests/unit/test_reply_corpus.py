"""The reply corpus read through the real triage, inside real clients' quoting.

Figures (printed with `-s`): how many replies read as their expected answer, and how many
read as the wrong one. Wrong readings must be zero: a reply that is not clear goes to a
person, a reply read the wrong way changes somebody's billing.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.invites import Answer
from domain.reply_grammar import read_answer
from mailer.inbound_triage import triage
from tests.support.reply_corpus import CLIENTS, load_corpus, reply_message

DOMAIN = "reply.itb.example"
ADDRESS = f"bill+abc123v1@{DOMAIN}"
READINGS = {"yes": Answer.YES, "no": Answer.NO, "unclear": None}
CORPUS = load_corpus()


def test_the_corpus_covers_both_languages_and_all_three_readings() -> None:
    kinds = {(reply.language, reply.expected) for reply in CORPUS}
    assert kinds == {(lang, exp) for lang in ("en", "fr") for exp in READINGS}
    assert len(CORPUS) >= 100


@pytest.mark.parametrize("reply", CORPUS, ids=lambda reply: reply.words[:40])
def test_each_bare_reply_reads_as_expected(reply) -> None:  # type: ignore[no-untyped-def]
    assert read_answer(reply.words) is READINGS[reply.expected]


def test_inside_every_client_no_reply_is_read_wrong_and_nearly_all_read_right() -> None:
    right = wrong = unclear = 0
    misses = []
    for reply in CORPUS:
        for client in CLIENTS:
            found = triage(reply_message(reply, client, ADDRESS), (ADDRESS,), DOMAIN)
            assert found.kind == "reply" and found.reply_token == "abc123v1"
            expected = READINGS[reply.expected]
            if found.answer is expected:
                right += 1
            elif found.answer is None:
                unclear += 1
                misses.append((client, reply.words))
            else:
                wrong += 1
                misses.append((client, reply.words))
    total = right + wrong + unclear
    print(f"\nreply corpus: {len(CORPUS)} replies x {len(CLIENTS)} clients = {total}; "
          f"read right {right} ({right / total:.1%}), unclear {unclear}, wrong {wrong}")
    assert wrong == 0, misses
    # The clients' wrapping must not cost readings: every miss is listed when it does.
    assert unclear == 0, misses


SINGLE_LINE = [reply for reply in CORPUS if "\n" not in reply.words]
CLEAR_YES = [reply.words for reply in SINGLE_LINE if reply.expected == "yes"]
CLEAR_NO = [reply.words for reply in SINGLE_LINE if reply.expected == "no"]
HEDGING = ["but only the retainage", "next month", "if approved", "?", "maybe",
           "mais pas tout", "le mois prochain", "peut-être", "not yet", "pas encore"]


@given(st.sampled_from(CLEAR_YES), st.sampled_from(CLEAR_NO), st.booleans())
def test_a_yes_and_a_no_on_one_line_never_read_as_either(yes: str, no: str,
                                                          yes_first: bool) -> None:
    line = f"{yes} {no}" if yes_first else f"{no} {yes}"
    assert read_answer(line) is None


@given(st.sampled_from(CLEAR_YES + CLEAR_NO), st.sampled_from(HEDGING))
def test_a_hedge_after_a_clear_answer_makes_it_unclear(clear: str, hedge: str) -> None:
    assert read_answer(f"{clear} {hedge}") is None
