"""The administrator's pages under /admin/: projects and the project dashboard, invoice
review, invite records and undelivered mail, webhook and received-mail pages, the team. Signing
in (/, /sign-in, /sign-out: web/admin/sign_in.py) is on the root application, since those
paths are not under /admin/."""

from __future__ import annotations

from web.admin import (
    commitment_parts,
    commitments,
    dashboard,
    directory,
    directory_people,
    imports,
    invoice_review,
    late_requests,
    on_behalf,
    pay_applications,
    periods,
    project_settings,
    projects,
    received_mail,
    records,
    team,
    waivers,
    webhook_pages,
)
from web.input_guard import input_guard_middleware

PREFIX = "/admin"
GROUPS = (projects, dashboard, records, project_settings, webhook_pages, invoice_review,
          received_mail, team, on_behalf, late_requests, periods, directory, directory_people,
          commitments, commitment_parts, imports, waivers,
          pay_applications)
MIDDLEWARES = (input_guard_middleware,)
