"""An invoice contact's pages under /c/: signing in with a one-time link, their
commitments, the invoice form (GET, POST and its fields together) and its attachments."""

from __future__ import annotations

from web.contact import (
    attachments,
    commitments,
    invoice_form,
    late_request,
    pay_applications,
    sign_in,
    sub_tiers,
)
from web.input_guard import input_guard_middleware

PREFIX = "/c"
GROUPS = (sign_in, commitments, invoice_form, attachments, late_request, pay_applications,
          sub_tiers)
MIDDLEWARES = (input_guard_middleware,)
