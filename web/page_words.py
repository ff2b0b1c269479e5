"""The words of a page whose handler names no `locale`: the signed-in administrator's own
language; with nobody signed in (sign-in, password and error pages), the browser's
Accept-Language among the locales we have; else en-US. The contact's pages say their own."""

from __future__ import annotations

from aiohttp import web
from babel import negotiate_locale

from mailer.i18n import (
    DEFAULT_DICTIONARY,
    DEFAULT_LOCALE,
    LOCALES,
    Wording,
    catalogue_locale,
    split_locale,
    wording_for,
)
from web.admin.words import admin_words
from web.keys import PAGE_ADMIN, PAGE_CONTACT

_LANGUAGES = {split_locale(locale)[0] for locale in LOCALES}


def accepted_locale(header: str | None) -> str:
    """The locale of ours an Accept-Language header prefers: "fr-CA,fr;q=0.9" -> fr-CA,
    "fr-FR" or "fr" -> fr-CA (our French), "de" -> en-US; q=0 refuses a language."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag and tag != "*" and weight > 0:
            ranked.append((-weight, position, tag))
    preferred = [tag for _, _, tag in sorted(ranked)]
    exact = negotiate_locale(preferred, list(LOCALES), sep="-")
    if exact is not None:
        return catalogue_locale(exact)
    for tag in preferred:
        if split_locale(tag)[0] in _LANGUAGES:
            return catalogue_locale(tag)
    return DEFAULT_LOCALE


def default_words(request: web.Request) -> dict[str, str] | None:
    """The `locale` and `terminology` of a page that names none (None: a contact's page,
    which keeps the catalogue's default until it names its own)."""
    admin = request.get(PAGE_ADMIN)
    if admin is not None:
        return admin_words(admin)
    if request.get(PAGE_CONTACT) is not None:
        return None
    return {"locale": accepted_locale(request.headers.get("Accept-Language")),
            "terminology": DEFAULT_DICTIONARY}


def page_wording(request: web.Request, words: dict[str, str] | None = None) -> Wording:
    """The "pages" words of a request, for texts the edge writes (error pages, labels):
    `words` (a project's) or the request's default."""
    chosen = words or default_words(request) or {"locale": DEFAULT_LOCALE}
    return wording_for(chosen["locale"], chosen.get("terminology"), domain="pages")
