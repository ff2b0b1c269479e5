"""Invoice contacts' sessions: a signed cookie naming the contact, separate from the
administrators' (its own name and salt), so neither session can pass for the other.

A contact is signed in by answering Yes from an invite link or by a one-time sign-in link;
what they may see is decided per request by the commitments they are a contact of.
"""

from __future__ import annotations

from aiohttp import web
from itsdangerous import BadData

from domain.contacts import SignedInContact
from webhooks.keys import HttpDeps, deps_of
from webhooks.pages.session import is_secure, serializer
from webhooks.ports import ContactAccessService

SALT = "itb.contact-session"
MAX_AGE_SECONDS = 12 * 3600
SIGN_IN_PATH = "/c/sign-in"
HOME_PATH = "/c/commitments"

# Set on the request once the contact's cookie has been checked.
PAGE_CONTACT = web.RequestKey("pages.contact", SignedInContact)


def cookie_name(deps: HttpDeps) -> str:
    # __Host-: only over https, for "/", not settable by a sibling subdomain (RFC 6265bis).
    return "__Host-itb_contact" if is_secure(deps) else "itb_contact"


def contact_access(request: web.Request) -> ContactAccessService:
    """The contacts' service; 404 when this application has none."""
    service = deps_of(request).contact_access
    if service is None:
        raise web.HTTPNotFound()
    return service


def contact_id_of(deps: HttpDeps, cookie: str) -> int | None:
    try:
        value = serializer(deps.secret_keys, SALT).loads(cookie, max_age=MAX_AGE_SECONDS)
    except BadData:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def current_contact(request: web.Request) -> SignedInContact | None:
    """The signed-in contact, or None (no cookie, tampered, expired, or no longer a contact)."""
    if PAGE_CONTACT in request:
        return request[PAGE_CONTACT]
    deps = deps_of(request)
    cookie = request.cookies.get(cookie_name(deps))
    person_id = contact_id_of(deps, cookie) if cookie else None
    if person_id is None:
        return None
    contact = await contact_access(request).contact(person_id)
    if contact is not None:
        request[PAGE_CONTACT] = contact
    return contact


async def require_contact(request: web.Request) -> SignedInContact:
    """The signed-in contact; otherwise a redirect to the contacts' sign-in page (a mailed
    link signs in to the list of the contact's commitments)."""
    contact = await current_contact(request)
    if contact is None:
        raise web.HTTPSeeOther(SIGN_IN_PATH)
    return contact


def start_contact_session(response: web.StreamResponse, deps: HttpDeps,
                          person_id: int) -> None:
    value = serializer(deps.secret_keys, SALT).dumps(person_id)
    response.set_cookie(cookie_name(deps), value, max_age=MAX_AGE_SECONDS, path="/",
                        httponly=True, samesite="Lax", secure=is_secure(deps))


def end_contact_session(response: web.StreamResponse, deps: HttpDeps) -> None:
    response.del_cookie(cookie_name(deps), path="/", secure=is_secure(deps), httponly=True,
                        samesite="Lax")
