"""The administrator's pages under /admin/: projects and the project dashboard, invoice
review, invite records and undelivered mail, webhook and received-mail pages. Signing in
(/, /sign-in, /sign-out: web/admin/sign_in.py) is on the root application, since those
paths are not under /admin/."""

from __future__ import annotations

from web.admin import (
    dashboard,
    invoice_review,
    pay_applications,
    project_settings,
    projects,
    received_mail,
    records,
    webhook_pages,
)
from web.input_guard import input_guard_middleware

PREFIX = "/admin"
GROUPS = (projects, dashboard, records, project_settings, webhook_pages, invoice_review,
          received_mail, pay_applications)
MIDDLEWARES = (input_guard_middleware,)
