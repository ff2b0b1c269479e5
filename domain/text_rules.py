"""What a text field may hold, and how a number is written at the edge.

Control characters are never typed as text, and each one is a hazard somewhere further on:
NUL cannot be stored by PostgreSQL, CR and LF split mail headers (RFC 5322 section 2.2)
and CSV rows, and ESC or the C1 controls steer terminals that print our logs. So every
text field refuses the C0 controls (U+0000-U+001F), DEL (U+007F) and the C1 controls
(U+0080-U+009F); a multi-line field (notes, messages) allows tab, LF and CR.

Numbers in headers, paths and query strings are ASCII digits only: `int()` also reads
"١٢" and "²" (or rather fails on it late), and accepts signs, spaces and underscores.
"""

from __future__ import annotations

import re
import unicodedata

_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Twelve digits hold any id, limit or Unix time we use; longer is refused, not truncated.
_ASCII_NUMBER = re.compile(r"[0-9]{1,12}")
_NAMES = {0x00: "NUL", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}

MULTI_LINE_ALLOWED = "tab and line breaks"


def describe(character: str) -> str:
    """`U+000D (CR)`: how a message names a character nobody can see."""
    code = ord(character)
    name = _NAMES.get(code) or unicodedata.name(character, "control")
    return f"U+{code:04X} ({name})"


def first_control_character(text: str, *, multi_line: bool = False) -> str | None:
    """The first character `text` may not hold, or None when it is clean."""
    pattern = _CONTROL_BUT_LINE_BREAKS if multi_line else _ANY_CONTROL
    found = pattern.search(text)
    return found.group() if found else None


def control_character_problem(text: str, *, multi_line: bool = False) -> str | None:
    """A sentence saying what is wrong with `text` (to follow a field's name), or None."""
    found = first_control_character(text, multi_line=multi_line)
    if found is None:
        return None
    allowed = f" other than {MULTI_LINE_ALLOWED}" if multi_line else ""
    return f"must not contain control characters{allowed} (found {describe(found)})"


def shown(text: str) -> str:
    """`text` with each control character written as `\\u0000`: for naming a field whose
    name came from outside (a JSON key), in a message that is answered and stored."""
    return _ANY_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def without_control_characters(text: str | None) -> str | None:
    """`text` with every control character (tab included) removed: for values kept only
    as a record, such as a User-Agent, where refusing the request would help nobody."""
    return None if text is None else _ANY_CONTROL.sub("", text)


def strict_number(text: str) -> int | None:
    """The value of 1 to 12 ASCII digits, or None for anything else (signs, spaces,
    other scripts' digits, superscripts, underscores, 13 digits or more)."""
    return int(text) if _ASCII_NUMBER.fullmatch(text) else None


STRICT_NUMBER_RULE = "1 to 12 ASCII digits (0-9)"
