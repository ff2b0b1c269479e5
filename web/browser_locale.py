"""The language of a page nobody is signed in to (the contacts' sign-in, a waiver's public
verification): the browser's, from its Accept-Language."""

from __future__ import annotations

from aiohttp import web

from web.page_words import accepted_locale


def browser_locale(request: web.Request) -> str:
    """Nobody is signed in on these pages: the browser's first supported language
    (Accept-Language, by quality), else en-US."""
    return accepted_locale(request.headers.get("Accept-Language"))
