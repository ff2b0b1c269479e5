"""Cross-site request forgery: every POST form is checked twice before it is read.

1. The browser's own word: a POST whose `Origin` header is present and is not ours (the
   origin of base_url), or whose `Sec-Fetch-Site` says cross-site, is refused.
2. A secret only our pages know: each form carries `csrf_token`, a token we signed over a
   hash of the session cookie (before sign-in, of an anonymous "seed" cookie). Another
   site can make the browser send the cookies, but it can neither read them (HttpOnly)
   nor the page, so it cannot produce the matching token. Compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from aiohttp import web
from itsdangerous import BadData
from multidict import MultiDictProxy

from web.keys import NEW_SEED, HttpDeps, deps_of
from web.session import MAX_AGE_SECONDS, is_secure, serializer, session_cookie

SALT = "itb.csrf"
FIELD = "csrf_token"
DEFAULT_PORTS = {"http": 80, "https": 443}


class CsrfFailed(Exception):
    """The POST did not come from one of our forms in this session (answered 403)."""


def seed_cookie_name(deps: HttpDeps) -> str:
    return "__Host-itb_csrf" if is_secure(deps) else "itb_csrf"


# A page's tokens share the seed cookie it sets (one new seed per request at most).


def _digest(binding: str, scope: str = "") -> str:
    # A scope also binds the token to one form (say, one answer to one invite), so that a
    # token from another form of ours cannot stand in for it.
    return hashlib.sha256((f"{binding}\n{scope}" if scope else binding).encode()).hexdigest()


def _binding(request: web.Request) -> str | None:
    return session_cookie(request) or request.cookies.get(
        seed_cookie_name(deps_of(request))) or None


def token_for(request: web.Request, scope: str = "") -> tuple[str, str | None]:
    """The form token for this request, and a new seed cookie value to set (or None)."""
    deps = deps_of(request)
    binding, new_seed = _binding(request), None
    if binding is None:
        binding = new_seed = request.get(NEW_SEED) or secrets.token_urlsafe(32)
        request[NEW_SEED] = new_seed
    token = str(serializer(deps.secret_keys, SALT).dumps(_digest(binding, scope)))
    return token, new_seed


def set_seed_cookie(response: web.StreamResponse, deps: HttpDeps, seed: str) -> None:
    response.set_cookie(seed_cookie_name(deps), seed, max_age=MAX_AGE_SECONDS, path="/",
                        httponly=True, samesite="Lax", secure=is_secure(deps))


def origin(url: str) -> str:
    """scheme://host[:port] as browsers send it in `Origin` (default ports left out)."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return ""
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


@lru_cache(maxsize=4)
def _own_origin(base_url: str) -> str:
    return origin(base_url)


def check_origin(request: web.Request) -> None:
    sent = request.headers.get("Origin")
    if sent is not None and origin(sent) != _own_origin(deps_of(request).base_url):
        raise CsrfFailed("the form was posted from another site")
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        raise CsrfFailed("the form was posted from another site")


def check_token(request: web.Request, token: object, scope: str = "",
                max_age: int = MAX_AGE_SECONDS) -> None:
    binding = _binding(request)
    if not isinstance(token, str) or not token or binding is None:
        raise CsrfFailed("the form has no valid security token")
    deps = deps_of(request)
    try:
        signed = serializer(deps.secret_keys, SALT).loads(token, max_age=max_age)
    except BadData:
        raise CsrfFailed("the form's security token is not valid") from None
    if not isinstance(signed, str) or not hmac.compare_digest(signed, _digest(binding, scope)):
        raise CsrfFailed("the form's security token belongs to another session")


Form = MultiDictProxy[str | bytes | bytearray | web.FileField]


async def checked_form(request: web.Request, scope: str = "",
                       max_age: int = MAX_AGE_SECONDS) -> Form:
    """The POSTed form fields, once both checks have passed; CsrfFailed otherwise.

    `scope` and `max_age` must be those the form's token was made with (`token_for`)."""
    check_origin(request)
    form = await request.post()
    check_token(request, form.get(FIELD), scope, max_age)
    return form
