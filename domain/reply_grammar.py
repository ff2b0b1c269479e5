"""Reading a Yes or a No from the first meaningful line of a reply, in English and French.

Only clear answers count: the first line that is not blank or a greeting must begin with
a yes or no word ("Yes", "yes please", "Y", "No thanks", "Oui", "Non merci"). Anything
else is not guessed: `read_answer` returns None and a person looks at it.
"""

from __future__ import annotations

import re
import unicodedata

from domain.invites import Answer

YES_WORDS = frozenset({"yes", "y", "yep", "yeah", "yup", "sure", "ok", "okay", "oui", "o",
                       "ouais", "absolutely", "certainly", "certainement", "bien sur",
                       "tout a fait", "d'accord", "daccord"})
NO_WORDS = frozenset({"no", "n", "nope", "nah", "non", "pas ce mois ci", "not this month",
                      "not this time", "pas cette fois"})
# Lines skipped before the answer: a greeting alone on its line ("Hi Jordan,").
GREETING = re.compile(r"^(hi|hello|hey|dear|bonjour|salut|bonsoir)\b[^.!?]{0,40},?$")
# Words that may follow the answer without changing it: "Yes please", "No, thank you".
_POLITE = ("please", "thanks", "thank you", "thx", "merci", "svp", "s'il vous plait",
           "for this period", "pour cette periode")
YES_TAILS = (*_POLITE, "we do", "we will", "i do", "i will", "nous voulons", "je veux")
NO_TAILS = (*_POLITE, "not this month", "not this time", "pas ce mois ci", "we don't",
                      "we do not", "i don't", "pas cette fois")
_SPLIT = re.compile(r"[\s,.!;:\-\u2013\u2014]+")
_FIRST_WORDS = 4


def normalise(line: str) -> str:
    """Lower case, accents removed, surrounding punctuation and spaces dropped."""
    decomposed = unicodedata.normalize("NFKD", line)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.strip().strip("*_\"'`").strip().lower()


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
        return _answer_of(line)
    return None
