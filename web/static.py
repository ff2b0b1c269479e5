"""The pages' static files (one stylesheet, one small script) from templates/pages/static/.

A fixed list rather than a directory route: nothing else in that folder is ever served,
and no path from the request reaches the file system.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from web.keys import PAGES
from web.routing import add_routes

CONTENT_TYPES = {
    "app.css": "text/css",
    "invoice_form.css": "text/css",
    "dashboard.js": "text/javascript",
    "invoice_form.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
}
# URLs carry a content hash (render.static_url), so a changed file gets a new URL.
CACHE_CONTROL = "public, max-age=86400"

routes = web.RouteTableDef()


@routes.get("/static/{name}")
async def static_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    content_type = CONTENT_TYPES.get(name)
    if content_type is None:
        raise web.HTTPNotFound()
    path = request.config_dict[PAGES].static_dir / name
    body = await asyncio.to_thread(path.read_bytes)
    return web.Response(body=body, content_type=content_type, charset="utf-8",
                        headers={"Cache-Control": CACHE_CONTROL})


def register(app: web.Application) -> None:
    add_routes(app, routes)
