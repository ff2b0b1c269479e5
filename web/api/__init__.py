"""The JSON API under /api/: bearer tokens (RFC 6750), JSON errors, the OpenAPI document.

A route module has `register(app)`: it adds its routes and its OpenAPI paths
(`app[OPENAPI].add_paths(...)`) and registers its resource's pydantic models
(`add_models` for request bodies, `add_responses` for answers; web/api/resources/). To add
one, write the module and append it to GROUPS.
"""

from __future__ import annotations

from web.api import (
    commitments,
    companies,
    docs,
    imports,
    inbound_messages,
    invites,
    invoices,
    outbox,
    pay_applications,
    payments,
    people,
    periods,
    projects,
    sub_tiers,
    sworn_statements,
    waivers,
    webhook_sources,
    webhook_subscriptions,
)
from web.api.auth import bearer_auth_middleware
from web.errors import json_error_middleware
from web.input_guard import input_guard_middleware

PREFIX = "/api"
GROUPS = (docs, projects, commitments, periods, invites, outbox, webhook_subscriptions,
          webhook_sources, invoices, inbound_messages, companies, people,
          imports, waivers, payments, pay_applications, sub_tiers, sworn_statements)
# Outermost first: errors wrap authentication so a 401 is JSON too, and authentication
# runs before any handler (and before the input guard parses a stranger's body).
MIDDLEWARES = (json_error_middleware, bearer_auth_middleware, input_guard_middleware)
