"""What an answer page shows for an invite, and the pages for links that cannot be answered.

Shared by the GET of a link (the page with its one button) and by the POST when it has to
show the page again (an expired form, a refusal).
"""

from __future__ import annotations

from enum import StrEnum

from aiohttp import web

from app.links import InviteLink
from domain.answers import AnswerView, answer_status
from domain.errors import DomainError
from domain.invites import Answer
from mailer.i18n import wording_for
from web.browser_locale import browser_locale
from web.csrf import token_for
from web.labels import STATUS_LABELS
from web.refusals import worded_refusal
from web.render import render

# The pages of a link that cannot be followed, as keys of the "pages" catalogue: worded in
# the browser's language (nobody is known from a link that names nothing usable).
INVALID_LINK = ("problem.invalid_link_title", "problem.invalid_link")
GONE_INVITE = ("problem.gone_invite_title", "problem.gone_invite")
NO_LONGER_WORKS = "problem.no_longer_works_title"


class PageState(StrEnum):
    ASK = "ask"                    # one button: record this answer
    REPEAT = "repeat"              # this is already the answer (Yes: continue; No: change)
    INVOICE_SENT = "invoice_sent"  # No is no longer possible: an invoice was sent
    CLOSED = "closed"              # after the cutoff, or the period is closed


def page_state(view: AnswerView, answer: Answer) -> PageState:
    if view.closed:
        return PageState.CLOSED
    if view.facts.status is answer_status(answer):
        return PageState.REPEAT
    if answer is Answer.NO and view.facts.invoice_sent:
        return PageState.INVOICE_SENT
    return PageState.ASK


def form_scope(link: InviteLink, answer: Answer) -> str:
    """A form token answers one invite, for one contact, one way (and nothing else)."""
    return f"answer:{link.invite_id}:{link.contact_id}:{link.token_version}:{answer.value}"


def posted_answer(state: PageState, answer: Answer) -> Answer | None:
    """What the page's button answers: the link's answer, Yes to continue or to change a
    No, or nothing when no answer can be given."""
    if state is PageState.ASK:
        return answer
    if state is PageState.REPEAT:
        return Answer.YES
    return None


def answer_page(request: web.Request, view: AnswerView, link: InviteLink, answer: Answer, *,
                status: int | None = None, problem: str | None = None) -> web.Response:
    """The invite's page for this link and answer: details, the state and its one button."""
    state = page_state(view, answer)
    action = posted_answer(state, answer)
    form_token = token_for(request, form_scope(link, action))[0] if action else ""
    if status is None:
        status = 410 if state is PageState.CLOSED else 200
    return render(request, "answer.html.j2", status=status, view=view, facts=view.facts,
                  answer=answer.value, state=state.value, action=action and action.value,
                  form_token=form_token, link_path=link_path(request),
                  other_answer=(Answer.NO if answer is Answer.YES else Answer.YES).value,
                  status_labels=STATUS_LABELS, problem=problem, locale=view.facts.locale,
                  terminology=view.facts.terminology)


def link_path(request: web.Request) -> str:
    """/a/<token>: the link without its answer."""
    return f"/a/{request.match_info['token']}"


def problem_page(request: web.Request, status: int, title: str,
                 message: str | DomainError) -> web.Response:
    """`title` and a `message` key of the "pages" catalogue, or a rule's refusal (worded
    when the rule names its words, else its English), in the browser's language."""
    locale = browser_locale(request)
    words = wording_for(locale, None, domain="pages")
    text = (words.gettext(message) if isinstance(message, str)
            else worded_refusal(message, locale))
    return render(request, "answer_problem.html.j2", status=status,
                  title=words.gettext(title), message=text, locale=locale)


def refusal_page(request: web.Request, status: int, error: DomainError) -> web.Response:
    """A replaced link or a removed contact (403), in the words the rule chose."""
    return problem_page(request, status, NO_LONGER_WORKS, error)
