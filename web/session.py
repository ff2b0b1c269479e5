"""Administrator sessions as a signed cookie: any web process reads it.

The cookie holds the administrator's person id and session version, signed with
itsdangerous (a salt of its own, so no other token of ours can pass for a session) and
limited to 12 hours. The version must match the person's current one in the database:
signing out or changing the password bumps it, so every cookie issued before (also one
copied off the machine) stops working at once.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit

from aiohttp import web
from itsdangerous import BadData, URLSafeTimedSerializer

from domain.model import Administrator
from web.keys import PAGE_ADMIN, HttpDeps, deps_of

SALT = "itb.admin-session"
MAX_AGE_SECONDS = 12 * 3600
SIGN_IN_PATH = "/sign-in"
HOME_PATH = "/admin"

# Set on the request once the session cookie has been checked (see `require_admin`).


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


def session_value(person_id: int, version: int) -> list[int]:
    return [person_id, version]


def read_session(deps: HttpDeps, cookie: str, salt: str,
                 max_age: int = MAX_AGE_SECONDS) -> tuple[int, int] | None:
    """(person id, session version) from a cookie; None when tampered, expired, foreign
    or of the old form (a bare id, from before sessions were versioned)."""
    try:
        value = serializer(deps.secret_keys, salt).loads(cookie, max_age=max_age)
    except BadData:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(type(part) is int for part in value)):
        return None
    return value[0], value[1]


async def current_admin(request: web.Request) -> Administrator | None:
    """The signed-in administrator, or None (no cookie, tampered, expired, signed out, or
    removed)."""
    if PAGE_ADMIN in request:
        return request[PAGE_ADMIN]
    cookie = session_cookie(request)
    if cookie is None:
        return None
    deps = deps_of(request)
    found = read_session(deps, cookie, SALT)
    if found is None:
        return None
    person_id, version = found
    admin = await deps.access.admin_by_id(person_id)
    if admin is None or admin.session_version != version:
        return None  # signed out (or password changed) since the cookie was issued
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


def set_session_cookie(response: web.StreamResponse, deps: HttpDeps, name: str, salt: str,
                       person_id: int, version: int, max_age: int = MAX_AGE_SECONDS) -> None:
    """A session cookie (administrators' or contacts': each its own name and salt)."""
    value = serializer(deps.secret_keys, salt).dumps(session_value(person_id, version))
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="Lax", secure=is_secure(deps))


def clear_session_cookie(response: web.StreamResponse, deps: HttpDeps, name: str) -> None:
    response.del_cookie(name, path="/", secure=is_secure(deps), httponly=True,
                        samesite="Lax")


def start_session(response: web.StreamResponse, deps: HttpDeps, admin: Administrator) -> None:
    set_session_cookie(response, deps, cookie_name(deps), SALT, admin.person_id,
                       admin.session_version)


def end_session(response: web.StreamResponse, deps: HttpDeps) -> None:
    clear_session_cookie(response, deps, cookie_name(deps))
