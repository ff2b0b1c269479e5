"""The administrator's pages: sign-in, projects and the project dashboard, invoice review,
invite records and undelivered mail, webhook and received-mail pages. Each module adds its
routes with `register(app)`."""

from __future__ import annotations

from aiohttp import web

from web.admin import (
    dashboard,
    invoice_review,
    project_settings,
    projects,
    received_mail,
    records,
    sign_in,
    webhook_pages,
)


def register(app: web.Application) -> None:
    for group in (sign_in, projects, dashboard, records, project_settings, webhook_pages,
                  invoice_review, received_mail):
        group.register(app)
