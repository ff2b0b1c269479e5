"""The project dashboard, GET /admin/projects/{id}: its current billing period, invite
counts, commitments, banners.

`dashboard_page` is shared by the GET and by the send form (web/admin/projects.py) when it
has to show the page again with an error.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from aiohttp import web

from domain.errors import NotFound
from domain.model import (
    Administrator,
    BatchProgress,
    BillingPeriod,
    PeriodInvites,
    PeriodStatus,
)
from mailer.i18n import Wording, format_date
from web.admin.dashboard_filter import STATUS_CHOICES, read_query
from web.admin.reminder_words import reminder_summary
from web.admin.words import project_words
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

# The order of the count tiles, as the domain names them (their words: the keys
# dashboard.count_<key> of templates/locales/*/pages.po).
COUNT_KEYS = ("not_invited", "invited", "accepted", "declined", "submitted")


@dataclass(frozen=True)
class Banner:
    """A banner of the dashboard: its title and lines are keys of the "pages" catalogue
    (or, with `worded`, the text itself), filled in with `params` (dates in the page's
    language)."""

    kind: str  # "success" or "error"
    title: str
    lines: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)
    worded: bool = False

    def in_words(self, words: Wording) -> Banner:
        if self.worded:
            return self
        params = {name: format_date(value, words.locale) if isinstance(value, datetime.date)
                  else value for name, value in self.params.items()}
        return Banner(self.kind, words.gettext(self.title).format(**params),
                      tuple(words.gettext(line).format(**params) for line in self.lines),
                      worded=True)


@dataclass(frozen=True)
class DashboardForm:
    """What the administrator had ticked, to tick it again when the page comes back."""

    selected: frozenset[int] = frozenset()
    resend_answered: bool = False
    error: Banner | None = None
    all_matching: bool = False
    invoice_type: str = "work_and_materials"


@dataclass(frozen=True)
class BatchView:
    progress: BatchProgress
    # (the commitment's number, or "" when it is not on this page; its id; why)
    skipped: tuple[tuple[str, str, str], ...] = field(default=())

    def banner(self, words: Wording) -> Banner:
        count = self.progress.invited
        title = words.ngettext("dashboard.invited_count", "dashboard.invited_count_plural",
                               count).format(count=count)
        lines = tuple(words.gettext("dashboard.skipped").format(
            number=number or words.gettext("dashboard.commitment_id").format(id=ident),
            reason=message) for number, ident, message in self.skipped)
        return Banner("success", title, lines, worded=True)


def current_period(periods: Iterable[BillingPeriod]) -> BillingPeriod | None:
    """The open period (at most one is open; the latest if data says otherwise)."""
    open_periods = [p for p in periods if p.status is PeriodStatus.OPEN]
    return max(open_periods, key=lambda p: p.start_date, default=None)


async def batch_view(request: web.Request, admin: Administrator, batch_id: int,
                     invites: PeriodInvites) -> BatchView | None:
    """The batch named in `?batch=`, if it is one of this period's; otherwise no banner."""
    try:
        progress = await deps_of(request).invites.batch(admin, batch_id)
    except NotFound:
        return None
    if progress.billing_period_id != invites.period.id:
        return None
    numbers = {item.commitment_id: item.commitment_number for item in invites.items}
    skipped = []
    for entry in progress.skipped:
        commitment_id = entry.get("commitment_id")
        number = numbers.get(commitment_id) if isinstance(commitment_id, int) else None
        skipped.append((number or "", str(commitment_id), str(entry.get("message", ""))))
    return BatchView(progress, tuple(skipped))


def batch_query(request: web.Request) -> int | None:
    return query_number(request, "batch")


async def dashboard_page(request: web.Request, admin: Administrator, project_id: int, *,
                         form: DashboardForm | None = None, status: int = 200) -> web.Response:
    """The dashboard of `project_id`; NotFound when it is not the admin's company's."""
    deps = deps_of(request)
    project = await deps.projects.get_project(admin, project_id)
    period = current_period(await deps.projects.list_periods(admin, project_id))
    words_of_project = project_words(project)
    words = page_wording(request, words_of_project)
    query = read_query(request, words)
    if query.errors and status == 200:
        status = 400
    invites = batch = None
    if period is not None and period.id is not None:
        invites = await deps.invites.period_invites(admin, period.id, query.wanted, query.page)
        batch_id = batch_query(request)
        if batch_id is not None and form is None:
            batch = await batch_view(request, admin, batch_id, invites)
    fresh = form is None
    form = form or DashboardForm()
    if form.error is not None:
        form = replace(form, error=form.error.in_words(words))
    return render(request, "dashboard.html.j2", status=status, project=project,
                  period=period, invites=invites, batch=batch,
                  batch_banner=batch.banner(words) if batch is not None else None,
                  form=form, count_keys=COUNT_KEYS, query=query,
                  status_choices=[value for value, _ in STATUS_CHOICES],
                  reminder_summary=reminder_summary(project.reminders, project.time_zone,
                                                    words=words),
                  settings_saved=request.query.get("saved") == "settings" and fresh,
                  words=words_of_project)


routes = web.RouteTableDef()


@routes.get(f"/admin/projects/{ID_PATTERN}")
@page
async def dashboard(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    return await dashboard_page(request, admin, path_id(request, "project"))


def register(app: web.Application) -> None:
    add_routes(app, routes)
