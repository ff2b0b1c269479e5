"""Adding a route module's routes to its sub-app.

Route modules write each path in full (`/admin/projects/{id}`), so that a reader finds a
URL by searching for it; aiohttp prefixes a sub-app's routes itself, so the sub-app's
prefix (web/keys.PREFIX) is taken off here.
"""

from __future__ import annotations

from aiohttp import web

from web.keys import PREFIX


def add_routes(app: web.Application, routes: web.RouteTableDef) -> None:
    prefix = app.get(PREFIX, "")
    for route in routes:
        assert isinstance(route, web.RouteDef), route
        if not route.path.startswith(prefix):
            raise ValueError(f"{route.path} does not belong under {prefix}")
        web.RouteDef(route.method, route.path.removeprefix(prefix), route.handler,
                     route.kwargs).register(app.router)
