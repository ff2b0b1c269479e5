"""Errors the rules raise. Each carries a stable `code` that the edges map to answers."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    """A rule refused the request. `code` is stable and machine-readable; `message` is the
    English the API answers. A page words the refusal by `words` (the key
    `refusal.<words>` of pages.po) filled with `values`, falling back to `message`."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, words: str = "",
                 values: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.words = words
        self.values: dict[str, object] = dict(values or {})


class InvalidInput(DomainError):
    """The request is malformed or breaks a validation rule (HTTP 400/422)."""

    code = "invalid_input"


class NotFound(DomainError):
    """The object does not exist, or the caller may not know that it does (HTTP 404)."""

    code = "not_found"


class Forbidden(DomainError):
    """The caller is known but may not do this (HTTP 403)."""

    code = "forbidden"


class Conflict(DomainError):
    """The request contradicts the current state (HTTP 409)."""

    code = "conflict"


class PastDue(DomainError):
    """The due date has passed; nothing more can be submitted (HTTP 410)."""

    code = "past_due"


class Worded(str):
    """An English problem text (what the API answers) that also names its words: the key
    `refusal.<words>` of pages.po and the `values` it is filled with (a Worded value is
    itself worded), for a page in the person's language."""

    words: str
    values: dict[str, object]

    def __new__(cls, english: str, words: str,
                values: Mapping[str, object] | None = None) -> Worded:
        text = super().__new__(cls, english)
        text.words = words
        text.values = dict(values or {})
        return text
