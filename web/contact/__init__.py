"""An invoice contact's pages: signing in with a one-time link, their commitments, the
invoice form (GET, POST and its fields together) and its attachments."""

from __future__ import annotations

from aiohttp import web

from web.contact import attachments, commitments, invoice_form, sign_in


def register(app: web.Application) -> None:
    for group in (sign_in, commitments, invoice_form, attachments):
        group.register(app)
