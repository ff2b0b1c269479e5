"""The words a document prints (documents/words.py), read from the "documents" catalogue in
a locale and dictionary: the use cases and the web edge hand them to the documents, which
never pick a locale themselves."""

from __future__ import annotations

from functools import cache, partial
from types import MappingProxyType

from documents.words import DocumentWords
from mailer.i18n import (
    catalogue,
    catalogue_locale,
    dictionary_of,
    format_date,
    wording_for,
)


@cache
def _words(locale: str, dictionary: str) -> DocumentWords:
    wording = wording_for(locale, dictionary, domain="documents")
    keys = [message.id for message in catalogue(locale, "documents")
            if isinstance(message.id, str) and message.id]
    return DocumentWords(texts=MappingProxyType({key: wording.gettext(key) for key in keys}),
                         locale=locale, date_text=partial(format_date, locale=locale))


def document_words(locale: str | None, terminology: str | None = None) -> DocumentWords:
    """The (cached) words of a project's language and dictionary; en-US for an unknown
    locale."""
    return _words(catalogue_locale(locale or "en-US"), dictionary_of(terminology))

