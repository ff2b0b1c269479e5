"""Bearer-token authentication for the JSON API (RFC 6750)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import hdrs, web

from web.errors import ApiError
from web.keys import ADMIN, deps_of

API_PREFIX = "/api/"
PUBLIC_API_PATHS = frozenset({"/api/openapi.json"})
# Issued tokens are far shorter; refusing longer ones spares the store absurd lookups.
MAX_TOKEN_LENGTH = 512

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _unauthorized(message: str) -> ApiError:
    # RFC 6750 section 3: a 401 names the scheme the client should use.
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def bearer_token(request: web.Request) -> str | None:
    """The token of `Authorization: Bearer <token>`, or None when there is none."""
    header = request.headers.get(hdrs.AUTHORIZATION, "")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def needs_token(request: web.Request) -> bool:
    return request.path.startswith(API_PREFIX) and request.path not in PUBLIC_API_PATHS


@web.middleware
async def bearer_auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Store the token's administrator on the request, or answer 401.

    The token is never logged nor echoed; comparing it to the stored (hashed) tokens is the
    access service's job, in constant time.
    """
    if not needs_token(request):
        return await handler(request)
    token = bearer_token(request)
    if token is None:
        raise _unauthorized("send an API token as 'Authorization: Bearer <token>'")
    admin = None
    if len(token) <= MAX_TOKEN_LENGTH:
        admin = await deps_of(request).access.admin_for_api_token(token)
    if admin is None:
        raise _unauthorized("the API token is not valid")
    request[ADMIN] = admin
    return await handler(request)
