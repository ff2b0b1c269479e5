"""Administrator sessions as a signed cookie: no server-side state, any web process reads it.

The cookie holds only the administrator's person id, signed with itsdangerous (a salt of
its own, so no other token of ours can pass for a session) and limited to 12 hours.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit

from aiohttp import web
from itsdangerous import BadData, URLSafeTimedSerializer

from domain.model import Administrator
from webhooks.keys import HttpDeps, deps_of

SALT = "itb.admin-session"
MAX_AGE_SECONDS = 12 * 3600
SIGN_IN_PATH = "/sign-in"
HOME_PATH = "/admin"

# Set on the request once the session cookie has been checked (see `require_admin`).
PAGE_ADMIN = web.RequestKey("pages.admin", Administrator)


@lru_cache(maxsize=16)
def serializer(keys_newest_first: tuple[str, ...], salt: str) -> URLSafeTimedSerializer:
    # itsdangerous signs with the LAST key of the list and verifies with all of them.
    return URLSafeTimedSerializer(list(reversed(keys_newest_first)), salt=salt)


def is_secure(deps: HttpDeps) -> bool:
    return deps.base_url.lower().startswith("https://")


def cookie_name(deps: HttpDeps) -> str:
    # The __Host- prefix (RFC 6265bis) makes browsers refuse the cookie unless it is
    # Secure, host-only and for "/": a sibling subdomain cannot plant or shadow it.
    return "__Host-itb_session" if is_secure(deps) else "itb_session"


def session_cookie(request: web.Request) -> str | None:
    """The raw session cookie (forms bind their CSRF token to it), or None."""
    return request.cookies.get(cookie_name(deps_of(request))) or None


def person_id_of(deps: HttpDeps, cookie: str) -> int | None:
    try:
        value = serializer(deps.secret_keys, SALT).loads(cookie, max_age=MAX_AGE_SECONDS)
    except BadData:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def current_admin(request: web.Request) -> Administrator | None:
    """The signed-in administrator, or None (no cookie, tampered, expired, or removed)."""
    if PAGE_ADMIN in request:
        return request[PAGE_ADMIN]
    cookie = session_cookie(request)
    if cookie is None:
        return None
    deps = deps_of(request)
    person_id = person_id_of(deps, cookie)
    if person_id is None:
        return None
    admin = await deps.authenticator.admin_by_id(person_id)
    if admin is not None:
        request[PAGE_ADMIN] = admin
    return admin


def sign_in_url(next_path: str) -> str:
    return f"{SIGN_IN_PATH}?next={quote(next_path, safe='/')}"


async def require_admin(request: web.Request) -> Administrator:
    """The signed-in administrator; otherwise a redirect to the sign-in page and back."""
    admin = await current_admin(request)
    if admin is None:
        back = request.path_qs if request.method == "GET" else HOME_PATH
        raise web.HTTPSeeOther(sign_in_url(back))
    return admin


def safe_next(value: str | None) -> str:
    """Where to go after signing in: only a path on this site, never another host.

    `//evil.example` and `/\\evil.example` are read by browsers as other hosts, so a
    value must start with one "/" and contain no backslash, scheme or host.
    """
    if not value or not value.startswith("/") or value.startswith("//"):
        return HOME_PATH
    if "\\" in value or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return HOME_PATH
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return HOME_PATH
    return value


def start_session(response: web.StreamResponse, deps: HttpDeps, admin: Administrator) -> None:
    value = serializer(deps.secret_keys, SALT).dumps(admin.person_id)
    response.set_cookie(cookie_name(deps), value, max_age=MAX_AGE_SECONDS, path="/",
                        httponly=True, samesite="Lax", secure=is_secure(deps))


def end_session(response: web.StreamResponse, deps: HttpDeps) -> None:
    response.del_cookie(cookie_name(deps), path="/", secure=is_secure(deps), httponly=True,
                        samesite="Lax")
