"""Which words an administrator's page speaks: the `locale` and `terminology` a page's
context carries (web/page_renderer.py picks the catalogue from them).

A page about one project (its periods, commitments, invoices, invites) speaks the project's
language and dictionary, so the administrator sees the terms the project's contacts see.
A page about no project (projects list, directory, team, webhooks, mail) speaks the
administrator's own language, with the general contractor's dictionary."""

from __future__ import annotations

from typing import Protocol

from domain.model import Administrator
from mailer.i18n import DEFAULT_DICTIONARY, DEFAULT_LOCALE, LOCALES


class HasWords(Protocol):
    @property
    def locale(self) -> str: ...

    @property
    def terminology(self) -> str: ...


def project_words(project: HasWords) -> dict[str, str]:
    locale = project.locale if project.locale in LOCALES else DEFAULT_LOCALE
    return {"locale": locale, "terminology": project.terminology or DEFAULT_DICTIONARY}


def admin_words(admin: Administrator) -> dict[str, str]:
    locale = admin.language if admin.language in LOCALES else DEFAULT_LOCALE
    assert locale is not None
    return {"locale": locale, "terminology": DEFAULT_DICTIONARY}
