"""Security headers on every answer of the pages (not the JSON API).

A handler that needs other values (the mailbox's framed HTML part) sets its own; these
only fill in what is missing.
"""

from __future__ import annotations

from aiohttp import web

PAGE_PREFIXES = ("/admin", "/sign-in", "/sign-out", "/dev/", "/static/", "/a/", "/c/")
# What an administrator or a contact sees must not stay in shared caches or the back
# button's cache after signing out.
NO_STORE_PREFIXES = ("/admin", "/a/", "/c/")

# No inline script or style anywhere: scripts and CSS are files under /static/.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_page(path: str) -> bool:
    return path == "/" or path.startswith(PAGE_PREFIXES)


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    if not is_page(request.path):
        return
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(NO_STORE_PREFIXES):
        response.headers.setdefault("Cache-Control", "no-store")


def install_headers(app: web.Application) -> None:
    app.on_response_prepare.append(add_security_headers)
