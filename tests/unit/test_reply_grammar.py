"""The yes/no grammar of replies: only clear answers, in English and French."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.invites import Answer
from domain.reply_grammar import NO_WORDS, YES_WORDS, read_answer


@pytest.mark.parametrize(("text", "answer"), [
    ("Yes", Answer.YES), ("yes please", Answer.YES), ("Y", Answer.YES), ("YES!", Answer.YES),
    ("Yes, thank you.", Answer.YES), ("Oui", Answer.YES), ("oui merci", Answer.YES),
    ("Bien sûr", Answer.YES), ("**Yes**", Answer.YES), ("Hi Jordan,\n\nYes please", Answer.YES),
    ("Bonjour,\n\nOui, merci.", Answer.YES), ("\n\n  yes  \n", Answer.YES),
    ("Yes we will bill", Answer.YES),
    ("No", Answer.NO), ("No thanks", Answer.NO), ("no, thank you", Answer.NO),
    ("Non", Answer.NO), ("Non merci", Answer.NO), ("N", Answer.NO),
    ("No, not this month.", Answer.NO), ("Pas ce mois-ci", Answer.NO),
])
def test_clear_answers(text: str, answer: Answer) -> None:
    assert read_answer(text) is answer


@pytest.mark.parametrize("text", [
    "", "maybe", "Yesterday we sent it", "Not sure", "Yes but only half of it",
    "No idea, call me", "Can you call me?", "Nonetheless", "Hi Jordan,\n\nwhat is this?",
    "Yes or no?", "Ou pas", "I said yes last month",
])
def test_anything_else_is_not_guessed(text: str) -> None:
    assert read_answer(text) is None


@given(st.text())
def test_any_text_reads_as_an_answer_or_none(text: str) -> None:
    assert read_answer(text) in (Answer.YES, Answer.NO, None)


@given(st.sampled_from(sorted(YES_WORDS)), st.sampled_from(["", "!", ".", " please", ","]))
def test_every_yes_word_reads_yes(word: str, tail: str) -> None:
    assert read_answer(word.upper() + tail) is Answer.YES


@given(st.sampled_from(sorted(NO_WORDS)), st.text(alphabet="\n \t", max_size=5))
def test_every_no_word_reads_no_after_blank_lines(word: str, blank: str) -> None:
    assert read_answer(blank + "\n" + word) is Answer.NO


@given(st.sampled_from(["Yes", "Oui", "No thanks", "Non"]), st.text())
def test_only_the_first_meaningful_line_counts(first: str, rest: str) -> None:
    assert read_answer(first + "\n" + rest) is read_answer(first)
