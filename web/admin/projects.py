"""The administrator's projects and sending invites from the dashboard.

GET /admin, POST /admin/periods/{id}/invites, GET /admin/batches/{id}.json (the
dashboard's progress polling). The dashboard itself: web/admin/dashboard.py.
"""

from __future__ import annotations

from aiohttp import web

from domain.commands import SendInvites
from domain.errors import DomainError, NotFound, PastDue
from domain.invoice_types import DEFAULT_INVITE_TYPE, parse_invite_type
from domain.model import BillingPeriod, Channel
from domain.text_rules import strict_number
from web.admin.dashboard import Banner, DashboardForm, dashboard_page
from web.admin.dashboard_filter import read_query
from web.admin.sign_in import see_other
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.keys import deps_of
from web.path_params import ID_PATTERN, MAX_ID, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import current_admin, require_admin

# A batch form lists a project's commitments; far more ticks than that is not a form of ours.
MAX_TICKED = 5000

routes = web.RouteTableDef()


@routes.get("/admin")
@page
async def projects(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    found = await deps_of(request).projects.list_projects(admin)
    return render(request, "projects.html.j2", projects=found)


def ticked_ids(form: Form) -> tuple[int, ...] | None:
    """The ticked commitment ids in form order, or None when one is not an id at all."""
    values = form.getall("commitment", [])
    if len(values) > MAX_TICKED:
        return None
    ids = []
    for value in values:
        number = strict_number(value) if isinstance(value, str) else None
        if number is None or not 0 < number <= MAX_ID:
            return None
        ids.append(number)
    return tuple(dict.fromkeys(ids))


def refusal(error: DomainError, period: BillingPeriod) -> Banner:
    """Why a batch was refused, in the administrator's words (the domain's message is
    written for contacts where it concerns the due date; others stay the domain's)."""
    if isinstance(error, PastDue):
        return Banner("error", "dashboard.not_sent", ("dashboard.refused_past_due",),
                      {"due_date": period.due_date})
    if error.code == "period_closed":
        return Banner("error", "dashboard.not_sent", ("dashboard.refused_closed",))
    return Banner("error", "dashboard.not_sent", ("dashboard.refused_other",),
                  {"reason": error.message[:1].upper() + error.message[1:]})


@routes.post(f"/admin/periods/{ID_PATTERN}/invites")
@page
async def send_invites(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    assert period.id is not None
    ids = ticked_ids(form)
    resend = form.get("resend_answered") in ("on", "true", "1")
    kind = str(form.get("invoice_type") or "")
    # "All matching": every commitment the dashboard's filter (this URL's query) keeps,
    # on every page, evaluated again now rather than taken from the ticks.
    query = read_query(request)
    matching = query.wanted if form.get("all_matching") == "on" and not query.errors else None
    if not ids and matching is None:
        error = Banner("error", "dashboard.none_selected", ("dashboard.none_selected_hint",))
        if ids is None:
            error = Banner("error", "dashboard.unreadable_selection",
                           ("dashboard.unreadable_selection_hint",))
        return await dashboard_page(request, admin, period.project_id, status=422,
                                    form=DashboardForm(frozenset(), resend, error,
                                                       invoice_type=kind
                                                       or DEFAULT_INVITE_TYPE.value))
    try:
        result = await deps.invites.send(admin, SendInvites(
            period.id, None if matching is not None else ids, resend_answered=resend,
            channel=Channel.DASHBOARD, matching=matching,
            invoice_type=parse_invite_type(kind)))
    except NotFound:
        raise
    except DomainError as exc:
        error = refusal(exc, period)
        return await dashboard_page(request, admin, period.project_id,
                                    status=domain_status(exc),
                                    form=DashboardForm(frozenset(ids or ()), resend, error,
                                                       matching is not None,
                                                       kind or DEFAULT_INVITE_TYPE.value))
    filtered = query.query()
    return see_other(f"/admin/projects/{period.project_id}{filtered}"
                     f"{'&' if filtered else '?'}batch={result.batch_id}")


@routes.get(f"/admin/batches/{ID_PATTERN}.json")
async def batch_progress(request: web.Request) -> web.Response:
    """The progress the dashboard polls while mail is queued (JSON, for its script)."""
    admin = await current_admin(request)
    if admin is None:
        return web.json_response({"error": {"code": "unauthorized",
                                            "message": "sign in first"}}, status=401)
    try:
        progress = await deps_of(request).invites.batch(admin, path_id(request, "batch"))
    except NotFound:
        return web.json_response({"error": {"code": "not_found",
                                            "message": "no such batch"}}, status=404)
    return web.json_response({
        "batch_id": progress.batch_id, "invited": progress.invited,
        "queued": progress.queued, "sent": progress.sent, "failed": progress.failed,
        "done": progress.done}, headers={"Cache-Control": "no-store"})


def register(app: web.Application) -> None:
    add_routes(app, routes)
