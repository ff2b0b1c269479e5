"""Invoice contacts' sessions: a signed cookie naming the contact, separate from the
administrators' (its own name and salt), so neither session can pass for the other.

A contact is signed in by answering Yes from an invite link or by a one-time sign-in link;
what they may see is decided per request by the commitments they are a contact of. Like
the administrators' cookie it carries the person's session version, bumped at sign-out.
"""

from __future__ import annotations

from aiohttp import web

from domain.contacts import SignedInContact
from web.keys import PAGE_CONTACT, HttpDeps, deps_of
from web.session import clear_session_cookie, is_secure, read_session, set_session_cookie

SALT = "itb.contact-session"
MAX_AGE_SECONDS = 12 * 3600
SIGN_IN_PATH = "/c/sign-in"
HOME_PATH = "/c/commitments"

# Set on the request once the contact's cookie has been checked.


def cookie_name(deps: HttpDeps) -> str:
    # __Host-: only over https, for "/", not settable by a sibling subdomain (RFC 6265bis).
    return "__Host-itb_contact" if is_secure(deps) else "itb_contact"


async def current_contact(request: web.Request) -> SignedInContact | None:
    """The signed-in contact, or None (no cookie, tampered, expired, or no longer a contact)."""
    if PAGE_CONTACT in request:
        return request[PAGE_CONTACT]
    deps = deps_of(request)
    cookie = request.cookies.get(cookie_name(deps))
    found = read_session(deps, cookie, SALT, MAX_AGE_SECONDS) if cookie else None
    if found is None:
        return None
    person_id, version = found
    contact = await deps_of(request).access.contact(person_id)
    if contact is None or contact.session_version != version:
        return None  # signed out since the cookie was issued
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
                          contact: SignedInContact) -> None:
    set_session_cookie(response, deps, cookie_name(deps), SALT, contact.person_id,
                       contact.session_version, MAX_AGE_SECONDS)


def end_contact_session(response: web.StreamResponse, deps: HttpDeps) -> None:
    clear_session_cookie(response, deps, cookie_name(deps))
