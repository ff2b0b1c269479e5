"""The signer's pages behind a waiver mail's link, and the public verification page.

GET  /w/{token}          the waiver as it will be signed (text, facts, PDF link); changes nothing
GET  /w/{token}/pdf      the PDF: a preview, the signed file, or the held version
POST /w/{token}/sign     full name, title, consent: signs (Post/Redirect/Get)
POST /w/{token}/forward  share signature authority with a colleague (recorded)
POST /w/{token}/release  the signer releases a waiver held until paid
POST /w/{token}/notary   the notarized scan, where the template needs a notary
GET  /w/verify?code=     what was signed, by whom, when; POST with a file: does it match

Like the answer links: mail scanners open links, so GET never changes anything; each
POST carries a form token bound to this browser and to this waiver's link version.
No account is needed: the signed link is the signer's identification (recorded).
"""

from __future__ import annotations

from aiohttp import web

from app.links import InvalidLink, WaiverLink, read_waiver_token
from domain.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from domain.text_rules import without_control_characters
from domain.waivers import Signing
from mailer.i18n import wording_for
from web.admin.sign_in import see_other
from web.answer_views import problem_page, refusal_page
from web.browser_locale import browser_locale
from web.client_address import client_address
from web.csrf import CsrfFailed, checked_form, token_for
from web.keys import deps_of
from web.refusals import worded_refusal
from web.render import page, render
from web.routing import add_routes

SIGNING_PATH = r"/w/{token:[^/]{20,500}}"
FORM_MAX_AGE = 3600
MAX_UPLOAD = 10 * 1024 * 1024
BAD_LINK = ("problem.invalid_link_title", "problem.bad_waiver_link")
routes = web.RouteTableDef()


class WordKey(str):
    """A message of the "pages" catalogue, worded in the signer's language by _show."""


def _scope(link: WaiverLink) -> str:
    return f"waiver:{link.waiver_id}:{link.signer_id}:{link.link_version}"


def _link(request: web.Request) -> WaiverLink | None:
    try:
        return read_waiver_token(deps_of(request).links, request.match_info["token"])
    except InvalidLink:
        return None


async def _show(request: web.Request, link: WaiverLink, *, status: int = 200,
                errors: dict[str, str | DomainError] | None = None,
                typed: dict[str, str] | None = None, done: str = "") -> web.Response:
    try:
        view = await deps_of(request).waivers.view(link)
    except NotFound:
        return problem_page(request, 404, "problem.no_waiver_title", "problem.no_waiver")
    except Forbidden as exc:
        return refusal_page(request, 403, exc)
    words = wording_for(view.locale, view.terminology, domain="pages")
    shown = {field: (words.gettext(text) if isinstance(text, WordKey)
                     else worded_refusal(text, view.locale, view.terminology))
             for field, text in (errors or {}).items()}
    return render(request, "waiver_sign.html.j2", status=status, view=view,
                  waiver=view.waiver, form_token=token_for(request, _scope(link))[0],
                  link_path=f"/w/{request.match_info['token']}", errors=shown,
                  typed=typed or {}, done=done or request.query.get("done", ""),
                  locale=view.locale, terminology=view.terminology)


@routes.get("/w/verify")
@page
async def verify_form(request: web.Request) -> web.StreamResponse:
    code = request.query.get("code", "").strip()[:40]
    if not code:
        return render(request, "waiver_verify.html.j2", code="", found=None, problem="",
                      locale=browser_locale(request))
    try:
        found = await deps_of(request).waivers.verify(code)
    except NotFound:
        return render(request, "waiver_verify.html.j2", status=404, code=code, found=None,
                      problem="no_such_code", locale=browser_locale(request))
    return render(request, "waiver_verify.html.j2", code=code, found=found, problem="",
                  locale=browser_locale(request))


@routes.post("/w/verify")
@page
async def verify_file(request: web.Request) -> web.StreamResponse:
    form = await checked_form(request)
    code = str(form.get("code") or "").strip()[:40]
    upload = form.get("file")
    data = upload.file.read(MAX_UPLOAD + 1) if isinstance(upload, web.FileField) else None
    if not data or len(data) > MAX_UPLOAD:
        return render(request, "waiver_verify.html.j2", status=400, code=code, found=None,
                      problem="choose_file", locale=browser_locale(request))
    try:
        found = await deps_of(request).waivers.verify(code, data)
    except NotFound:
        return render(request, "waiver_verify.html.j2", status=404, code=code, found=None,
                      problem="no_such_code", locale=browser_locale(request))
    return render(request, "waiver_verify.html.j2", code=code, found=found, problem="",
                  locale=browser_locale(request))


@routes.get(SIGNING_PATH)
@page
async def show(request: web.Request) -> web.StreamResponse:
    link = _link(request)
    if link is None:
        return problem_page(request, 400, *BAD_LINK)
    return await _show(request, link)


@routes.get(SIGNING_PATH + "/pdf")
@page
async def pdf(request: web.Request) -> web.StreamResponse:
    link = _link(request)
    if link is None:
        return problem_page(request, 400, *BAD_LINK)
    try:
        data = await deps_of(request).waivers.pdf_for_signer(link)
    except Forbidden as exc:
        return refusal_page(request, 403, exc)
    return web.Response(body=data, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="lien-waiver-{link.waiver_id}.pdf"',
        "Cache-Control": "no-store"})


@routes.post(SIGNING_PATH + "/{action:sign|forward|release|notary}")
@page
async def act(request: web.Request) -> web.StreamResponse:
    link = _link(request)
    if link is None:
        return problem_page(request, 400, *BAD_LINK)
    try:
        form = await checked_form(request, _scope(link), FORM_MAX_AGE)
    except CsrfFailed:
        return await _show(request, link, status=403,
                           errors={"form": WordKey("waiver_sign.expired")})
    action = request.match_info["action"]
    typed = {name: str(form.get(name) or "") for name in
             ("full_name", "title", "colleague_name", "colleague_email")}
    waivers = deps_of(request).waivers
    try:
        if action == "sign":
            await waivers.sign(link, Signing(
                typed["full_name"], typed["title"], form.get("consent") == "yes",
                client_address(request),
                without_control_characters(request.headers.get("User-Agent"))))
        elif action == "forward":
            await waivers.forward(link, typed["colleague_name"], typed["colleague_email"])
            locale = browser_locale(request)
            words = wording_for(locale, None, domain="pages")
            return render(request, "waiver_done.html.j2",
                          title=words.gettext("waiver_done.shared"), locale=locale,
                          message=words.gettext("waiver_done.shared_text").format(
                              name=typed["colleague_name"]))
        elif action == "notary":
            scan = form.get("scan")
            if not isinstance(scan, web.FileField):
                raise InvalidInput("choose the notarized scan to upload", code="scan",
                                   words="waiver_scan_missing")
            await waivers.upload_notarized(link, scan.filename, scan.file.read(MAX_UPLOAD))
        else:
            await waivers.release_by_signer(link)
    except InvalidInput as exc:
        field = exc.code if exc.code in ("full_name", "title", "consent", "scan") else (
            "colleague" if action == "forward" else "form")
        return await _show(request, link, status=400, errors={field: exc}, typed=typed)
    except Conflict as exc:
        return await _show(request, link, status=409, errors={"form": exc}, typed=typed)
    except Forbidden as exc:
        return refusal_page(request, 403, exc)
    return see_other(f"/w/{request.match_info['token']}?done={action}")


def register(app: web.Application) -> None:
    add_routes(app, routes)
