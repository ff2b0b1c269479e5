"""Security headers on every answer of the pages (not the JSON API), and HSTS on every
answer when the service is reached over https.

A handler that needs other values (the mailbox's framed HTML part) sets its own; these
only fill in what is missing.
"""

from __future__ import annotations

from aiohttp import web

from web.keys import deps_of

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


# RFC 6797: browsers that saw it over https refuse plain http to this host for a year, so
# a network attacker cannot strip TLS from a later visit (and read a session cookie).
# Sent only when ITB_BASE_URL is https: over plain http the header means nothing, and a
# development host must not be pinned to https.
HSTS = "max-age=31536000"


def is_page(path: str) -> bool:
    return path == "/" or path.startswith(PAGE_PREFIXES)


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    if deps_of(request).base_url.lower().startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if not is_page(request.path):
        return
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(NO_STORE_PREFIXES):
        response.headers.setdefault("Cache-Control", "no-store")


def install_headers(app: web.Application) -> None:
    app.on_response_prepare.append(add_security_headers)
