"""The aiohttp application factory: middlewares, then every route group.

A route group is a module with `register(app)`: it adds its routes and its OpenAPI paths
(`app[OPENAPI].add_paths(...)`). To add one, write the module and append its `register`
to ROUTE_GROUPS.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from web import health, pages, webhook_receiver
from web.api import (
    commitments,
    docs,
    inbound_messages,
    invites,
    invoices,
    outbox,
    periods,
    projects,
    webhook_sources,
    webhook_subscriptions,
)
from web.api.auth import bearer_auth_middleware
from web.errors import error_middleware
from web.input_guard import input_guard_middleware
from web.keys import DEPS, METRICS, OPENAPI, HttpDeps
from web.metrics import MetricsRegistry, metrics_middleware
from web.openapi import OpenApiRegistry

# JSON bodies are small; a larger limit belongs on the one route that needs it (uploads).
MAX_BODY_BYTES = 1024 * 1024

RouteGroup = Callable[[web.Application], None]

ROUTE_GROUPS: tuple[RouteGroup, ...] = (
    health.register,
    docs.register,
    projects.register,
    commitments.register,
    periods.register,
    invites.register,
    outbox.register,
    pages.register,
    webhook_receiver.register,
    webhook_subscriptions.register,
    webhook_sources.register,
    invoices.register,
    inbound_messages.register,
)


def create_app(deps: HttpDeps) -> web.Application:
    """The whole HTTP edge, wired to the application services in `deps`."""
    registry = MetricsRegistry()
    # Outermost first: metrics see the final status, errors wrap authentication so a 401
    # is JSON too, and authentication runs before any API handler (and before the input
    # guard parses a stranger's body).
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        middlewares=[metrics_middleware(registry), error_middleware, bearer_auth_middleware,
                     input_guard_middleware])
    app[DEPS] = deps
    app[METRICS] = registry
    app[OPENAPI] = OpenApiRegistry()
    for register in ROUTE_GROUPS:
        register(app)
    return app
