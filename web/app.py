"""The aiohttp application factory: the root application and its sub-apps.

Each sub-app owns a path prefix and its middlewares (aiohttp runs the root's first, then
the sub-app's, also for a path under the prefix that matches no route):

  /api/        web/api/         JSON errors, bearer tokens, the input guard; OpenAPI
  /admin/      web/admin/       the administrator's pages
  /c/          web/contact/     the contact's pages
  /a/          web/answer_pages the Yes/No pages behind an invite mail's links
  /w/          web/waiver_pages the signer's waiver pages and the verification by code
  /webhooks/   web/webhook_receiver  JSON errors, the input guard (after the signature)
  /dev/mail    web/mailbox      the development mailbox

The root keeps sign-in (/, /sign-in, /sign-out), the static files, /healthz and /metrics,
and its middlewares see every request: metrics, then the pages' error answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from aiohttp import web
from aiohttp.typedefs import Middleware

from web import (
    admin,
    answer_pages,
    api,
    contact,
    health,
    mailbox,
    static,
    waiver_pages,
    webhook_receiver,
)
from web.admin import password_links, sign_in
from web.errors import Handler, json_error_middleware, page_error_middleware
from web.headers import install_headers
from web.input_guard import input_guard_middleware
from web.keys import DEPS, METRICS, OPENAPI, PREFIX, HttpDeps
from web.metrics import MetricsRegistry, metrics_middleware
from web.openapi import OpenApiRegistry
from web.render import install_renderer

# JSON bodies are small; a larger limit belongs on the one route that needs it (uploads).
MAX_BODY_BYTES = 1024 * 1024

PAGE_MIDDLEWARES: tuple[Middleware, ...] = (input_guard_middleware,)
RECEIVER_MIDDLEWARES: tuple[Middleware, ...] = (json_error_middleware,
                                                 input_guard_middleware)


@web.middleware
async def root_input_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The input guard for the root's own routes: a sub-app runs its own, after whatever
    must come first there (the API's authentication)."""
    if len(request.match_info.apps) > 1:
        return await handler(request)
    return await input_guard_middleware(request, handler)


def sub_app(prefix: str, groups: Iterable[ModuleType], middlewares: Iterable[Middleware],
            openapi: OpenApiRegistry) -> web.Application:
    app = web.Application(middlewares=list(middlewares))
    app[PREFIX] = prefix
    # One document for the whole service: the sub-apps add their paths to the root's.
    app[OPENAPI] = openapi
    for group in groups:
        group.register(app)
    return app


def create_app(deps: HttpDeps) -> web.Application:
    """The whole HTTP edge, wired to the use cases in `deps`."""
    registry, openapi = MetricsRegistry(), OpenApiRegistry()
    # Outermost first: metrics see the final status.
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        middlewares=[metrics_middleware(registry), page_error_middleware, root_input_guard])
    app[DEPS] = deps
    app[METRICS] = registry
    app[OPENAPI] = openapi
    install_renderer(app)
    install_headers(app)
    for group in (health, static, sign_in, password_links):
        group.register(app)
    subapps = (
        (api.PREFIX, api.GROUPS, api.MIDDLEWARES),
        (admin.PREFIX, admin.GROUPS, admin.MIDDLEWARES),
        (contact.PREFIX, contact.GROUPS, contact.MIDDLEWARES),
        ("/a", (answer_pages,), PAGE_MIDDLEWARES),
        ("/w", (waiver_pages,), PAGE_MIDDLEWARES),
        ("/webhooks", (webhook_receiver,), RECEIVER_MIDDLEWARES),
        ("/dev/mail", (mailbox,), PAGE_MIDDLEWARES),
    )
    for prefix, groups, middlewares in subapps:
        app.add_subapp(prefix, sub_app(prefix, groups, middlewares, openapi))
    return app
