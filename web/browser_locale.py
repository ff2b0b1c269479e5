"""The language of a page nobody is signed in to (the contacts' sign-in, a waiver's public
verification): the browser's, from its Accept-Language."""

from __future__ import annotations

from aiohttp import web
from babel import Locale, UnknownLocaleError

from mailer.i18n import DEFAULT_LOCALE, LOCALES


def browser_locale(request: web.Request) -> str:
    """Nobody is signed in on these pages: the browser's first supported language
    (Accept-Language, by quality), else en-US."""
    ranked = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-quality, position, tag.strip()))
    for _, _, tag in sorted(ranked):
        try:
            found = Locale.parse(tag, sep="-") if tag and tag != "*" else None
        except (ValueError, UnknownLocaleError):
            continue
        if found is None:
            continue
        exact = f"{found.language}-{found.territory}" if found.territory else ""
        if exact in LOCALES:
            return exact
        for supported in LOCALES:
            if supported.startswith(found.language + "-"):
                return supported
    return DEFAULT_LOCALE
