"""Reading a Yes or a No from the first meaningful line of a reply, in English and French.

Only clear answers count. The first line that is not blank or a greeting is read: a yes
or no word with at most a courtesy ("Yes", "yes please", "No thanks", "Oui", "Non merci"),
or a sentence that says it ("no invoice from us this period", "we'll pass", "our pay app
will follow", "pas de facture pour cette période", "oui, nous allons facturer"). Every
signal on the line must agree and nothing may hedge ("but", "next month", a question
mark); anything else is not guessed: `read_answer` returns None and a person looks at it.
"""

from __future__ import annotations

import re
import unicodedata

from domain.invites import Answer
from domain.reply_phrases import (
    AFFIRMING_WORDS,
    HEDGES,
    NEGATING_WORDS,
    NEUTRAL_IDIOMS,
    NO_PHRASES,
    YES_PHRASES,
)

YES_WORDS = frozenset({"yes", "y", "yep", "yeah", "yup", "sure", "ok", "okay", "oui", "o",
                       "ouais", "absolutely", "certainly", "certainement", "bien sur",
                       "tout a fait", "d'accord", "daccord"})
NO_WORDS = frozenset({"no", "n", "nope", "nah", "non", "pas ce mois ci", "not this month",
                      "not this time", "not this period", "pas cette fois"})
# Lines skipped before the answer: a greeting alone on its line ("Hi Jordan,").
GREETING = re.compile(r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|morning|bonjour|"
                      r"salut|bonsoir|allo)\b[^.!?]{0,40},?$")
# Words that may follow the answer without changing it: "Yes please", "No, thank you".
_POLITE = ("please", "thanks", "thank you", "thx", "merci", "svp", "s'il vous plait",
           "for this period", "pour cette periode")
YES_TAILS = (*_POLITE, "we do", "we will", "i do", "i will", "nous voulons", "je veux")
NO_TAILS = (*_POLITE, "not this month", "not this time", "pas ce mois ci", "we don't",
                      "we do not", "i don't", "pas cette fois")


def _any_of(words: frozenset[str], also: str = "") -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w']){also}")


# What contradicts an answer anywhere on its line (see `_read_line`); "n't" ends a word.
NEGATION = _any_of(NO_WORDS | frozenset(NEGATING_WORDS), also=r"|n't\b")
AFFIRMATION = _any_of(YES_WORDS | frozenset(AFFIRMING_WORDS))
_SPLIT = re.compile(r"[\s,.!;:\-\u2013\u2014]+")
_FIRST_WORDS = 4


def normalise(line: str) -> str:
    """Lower case, accents removed, surrounding punctuation and spaces dropped."""
    decomposed = unicodedata.normalize("NFKD", line)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Mail clients turn apostrophes typographic ("we\u2019ll pass").
    plain = plain.replace("\u2019", "'").replace("\u02bc", "'")
    return plain.strip().strip("*_\"'`").strip().lower()


def _read_line(line: str) -> Answer | None:
    """The answer of one normalised line when all its signals agree and none hedges."""
    if HEDGES.search(line):
        return None
    plain = NEUTRAL_IDIOMS.sub(" ", line)
    short = _answer_of(plain)
    said = {Answer.NO for pattern in NO_PHRASES if pattern.search(plain)}
    said |= {Answer.YES for pattern in YES_PHRASES if pattern.search(plain)}
    if short is None and not said:
        return None
    signals = said | {a for a in (short, _lead_word(plain)) if a is not None}
    if len(signals) != 1:
        return None
    answer = signals.pop()
    # A Yes on a line that also negates ("we will bill nothing", "yes please no"), or a
    # No on a line that also affirms ("no invoice from us, yes"), is not read.
    contradiction = NEGATION if answer is Answer.YES else AFFIRMATION
    return None if contradiction.search(plain) else answer


def _lead_word(line: str) -> Answer | None:
    """The polarity of the word the line opens with ("No, we'll pass" opens with a No)."""
    words = [w for w in _SPLIT.split(line) if w]
    for size in range(min(_FIRST_WORDS, len(words)), 0, -1):
        head = " ".join(words[:size])
        if head in YES_WORDS:
            return Answer.YES
        if head in NO_WORDS:
            return Answer.NO
    return None


def _answer_of(line: str) -> Answer | None:
    words = [w for w in _SPLIT.split(line) if w]
    for size in range(min(_FIRST_WORDS, len(words)), 0, -1):
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        if head in YES_WORDS and _polite(rest, YES_TAILS):
            return Answer.YES
        if head in NO_WORDS and _polite(rest, NO_TAILS):
            return Answer.NO
    return None


def _polite(rest: str, tails: tuple[str, ...]) -> bool:
    """Nothing follows the answer word, or a courtesy does ("please", "merci", ...)."""
    return not rest or any(rest == tail or rest.startswith(tail + " ") for tail in tails)


def read_answer(text: str) -> Answer | None:
    """The answer the reply's first meaningful line gives, or None when it gives none."""
    for raw in text.splitlines():
        line = normalise(raw)
        if not line or GREETING.match(line):
            continue
        return _read_line(line)
    return None
