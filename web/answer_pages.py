"""The pages behind the Yes/No links of an invite mail: GET/HEAD/POST /a/{token}/{yes|no}.

Corporate mail scanners open every link, and links get forwarded, so:
- GET and HEAD only show the invite and one clearly labelled button; they change nothing.
- The button POSTs a form token bound to this browser and to this invite, contact and
  answer, valid for an hour, so the POST cannot be forged from another site.
- The signed link names the invite, the contact and the invite's token version; the use
  case refuses a replaced link or a removed contact (403), and the due-date cutoff (410).
A Yes signs the contact in and leads to the new-invoice page; a No thanks them and offers
to change the answer.
"""

from __future__ import annotations

from aiohttp import web

from app.links import InvalidLink, InviteLink
from domain.answers import AnswerRequest, AnswerView
from domain.errors import Conflict, Forbidden, NotFound, PastDue
from domain.invites import Answer
from domain.model import Channel
from domain.text_rules import without_control_characters
from web.admin.sign_in import see_other
from web.answer_views import (
    GONE_INVITE,
    INVALID_LINK,
    answer_page,
    form_scope,
    link_path,
    problem_page,
    refusal_page,
)
from web.browser_locale import browser_locale
from web.client_address import client_address
from web.contact_session import start_contact_session
from web.csrf import CsrfFailed, checked_form, token_for
from web.keys import INVALID_LINK_HTML, deps_of
from web.labels import STATUS_LABELS
from web.render import page, render
from web.routing import add_routes

# Anything up to the next "/" is read as a token, so a damaged one gets the 400 page.
ANSWER_PATH = r"/a/{token:[^/]{1,500}}/{answer:yes|no}"
# Long enough to read the page; short enough that a copied form is soon worth nothing.
FORM_MAX_AGE = 3600
FORM_EXPIRED = ("This answer could not be confirmed as coming from this page (it may have "
                "been open for more than an hour). Nothing was recorded; press the button "
                "again.")

# The 400 page is the same for every damaged link: rendered once, it costs no template
# work when many are tried (the benchmark's target: over 4,000 refusals a second).
routes = web.RouteTableDef()


def read_link(request: web.Request) -> InviteLink | None:
    """The invite link in the path; None when tampered, truncated or signed by others."""
    try:
        return deps_of(request).links.read_invite_token(request.match_info["token"])
    except InvalidLink:
        return None


def invalid_link_page(request: web.Request) -> web.Response:
    """400: the link is tampered, truncated or another installation's."""
    cache = request.config_dict[INVALID_LINK_HTML]
    locale = browser_locale(request)
    if locale not in cache:
        # Nothing on the page depends on the request but the browser's language: no
        # session is looked up, so the header has no form and no form token.
        cache[locale] = problem_page(request, 400, *INVALID_LINK).text or ""
    return web.Response(text=cache[locale], status=400, content_type="text/html")


async def view_or_refusal(request: web.Request,
                          link: InviteLink) -> AnswerView | web.Response:
    try:
        return await deps_of(request).answers.view(link.invite_id, link.contact_id,
                                              link.token_version)
    except NotFound:
        return problem_page(request, 404, *GONE_INVITE)
    except Forbidden as exc:
        return refusal_page(request, 403, exc)


@routes.get(ANSWER_PATH)
@page
async def show(request: web.Request) -> web.StreamResponse:
    answer = Answer(request.match_info["answer"])
    link = read_link(request)
    if link is None:
        return invalid_link_page(request)
    found = await view_or_refusal(request, link)
    if isinstance(found, web.Response):
        return found
    return answer_page(request, found, link, answer)


@routes.post(ANSWER_PATH)
@page
async def record(request: web.Request) -> web.StreamResponse:
    answer = Answer(request.match_info["answer"])
    link = read_link(request)
    if link is None:
        return invalid_link_page(request)
    try:
        await checked_form(request, form_scope(link, answer), FORM_MAX_AGE)
    except CsrfFailed:
        found = await view_or_refusal(request, link)
        if isinstance(found, web.Response):
            return found
        return answer_page(request, found, link, answer, status=403, problem=FORM_EXPIRED)
    try:
        result = await deps_of(request).answers.answer(AnswerRequest(
            invite_id=link.invite_id, contact_id=link.contact_id, answer=answer,
            channel=Channel.LINK, token_version=link.token_version,
            ip_address=client_address(request),
            # HTTP lets a header carry tab and C1 characters (as UTF-8 obs-text); the
            # record keeps the rest.
            user_agent=without_control_characters(request.headers.get("User-Agent"))))
    except NotFound:
        return problem_page(request, 404, *GONE_INVITE)
    except Forbidden as exc:
        return refusal_page(request, 403, exc)
    except (PastDue, Conflict) as exc:
        found = await view_or_refusal(request, link)
        if isinstance(found, web.Response):
            return found
        status = 410 if isinstance(exc, PastDue) else 409
        return answer_page(request, found, link, answer, status=status, problem=exc.message)
    if answer is Answer.YES:
        outcome = "yes" if result.changed else "repeat"
        response = see_other(f"/c/commitments/{result.rules.commitment_id}/invoices/new"
                             f"?answer={outcome}")
        # The session carries the contact's current session version (read, not assumed),
        # read with the answer's rules under the invite's lock: one checkout per answer.
        if result.contact is not None:
            start_contact_session(response, deps_of(request), result.contact)
        return response
    found = await view_or_refusal(request, link)
    if isinstance(found, web.Response):
        return found
    change_token = token_for(request, form_scope(link, Answer.YES))[0]
    return render(request, "answer_done.html.j2", view=found, facts=found.facts,
                  changed=result.changed, form_token=change_token,
                  link_path=link_path(request), status_labels=STATUS_LABELS,
                  locale=found.facts.locale, terminology=found.facts.terminology)


def register(app: web.Application) -> None:
    app[INVALID_LINK_HTML] = {}
    add_routes(app, routes)
