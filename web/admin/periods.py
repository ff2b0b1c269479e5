"""A project's billing periods: GET/POST /admin/projects/{id}/periods (the periods with
their counts; open a new one from the pre-filled form), GET/POST /admin/periods/{id}/edit
(its dates) and POST /admin/periods/{id}/close."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from aiohttp import web

from domain.commands import NewBillingPeriod, PeriodChanges
from domain.errors import DomainError, NotFound
from domain.model import Administrator, BillingPeriod, Project
from mailer.i18n import Wording
from web.admin.dashboard import COUNT_KEYS
from web.admin.sign_in import see_other
from web.admin.words import project_words
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
# The date fields; their names in refusals are the keys periods.field_<name>.
DATE_FIELDS = ("start_date", "end_date", "due_date", "billing_date")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# The rules' refusals in the administrator's words (keys of the "pages" catalogue), next
# to the field they concern.
PLAIN = {"duplicate_period": ("start_date", "periods.duplicate"),
         "due_date_passed": ("due_date", "periods.due_passed"),
         "period_closed": ("general", "periods.closed_no_change")}
PLAIN_MESSAGES = (("start_date must not be after", "start_date", "periods.start_after_end"),
                  ("due_date must not be before", "due_date", "periods.due_before_start"))


@dataclass
class PeriodForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def refuse(self, error: DomainError, words: Wording) -> None:
        if error.code in PLAIN:
            name, key = PLAIN[error.code]
            self.errors[name] = words.gettext(key)
            return
        for start, name, key in PLAIN_MESSAGES:
            if error.message.startswith(start):
                self.errors[name] = words.gettext(key)
                return
        self.errors["general"] = error.message[:1].upper() + error.message[1:]


def form_of(period: BillingPeriod | None = None, *, start: date | None = None,
            end: date | None = None, due: date | None = None) -> PeriodForm:
    if period is not None:
        start, end, due = period.start_date, period.end_date, period.due_date
    billing = period.billing_date if period is not None else None
    return PeriodForm({"start_date": start.isoformat() if start else "",
                       "end_date": end.isoformat() if end else "",
                       "due_date": due.isoformat() if due else "",
                       "billing_date": billing.isoformat() if billing else ""})


def read_dates(form: Form, words: Wording) -> tuple[PeriodForm, dict[str, date | None]]:
    """The typed dates (`billing_date` may be empty); a field that is not a date is refused
    next to it, in `words`."""
    typed, dates = PeriodForm({}), dict[str, date | None]()
    for name in DATE_FIELDS:
        label = words.gettext(f"periods.field_{name}")
        try:
            text = text_field(form, name, label, max_length=20)
        except FieldRefused as exc:
            typed.values[name], typed.errors[name] = "", exc.message
            continue
        typed.values[name] = text
        dates[name] = None
        if not text:
            if name != "billing_date":
                typed.errors[name] = words.gettext("periods.required").format(label=label)
            continue
        try:
            dates[name] = date.fromisoformat(text) if ISO_DATE.fullmatch(text) else None
        except ValueError:
            pass
        if dates[name] is None:
            typed.errors[name] = words.gettext("periods.not_a_date").format(label=label)
    return typed, dates


async def periods_page(request: web.Request, admin: Administrator, project_id: int, *,
                       form: PeriodForm | None = None, status: int = 200) -> web.Response:
    deps = deps_of(request)
    project = await deps.projects.get_project(admin, project_id)
    overview = await deps.projects.periods_overview(admin, project_id)
    proposal = overview.proposal
    return render(request, "periods.html.j2", status=status, project=project,
                  summaries=overview.periods, count_keys=COUNT_KEYS, words=project_words(project),
                  form=form or form_of(start=proposal.start_date, end=proposal.end_date,
                                       due=proposal.due_date),
                  created=request.query.get("created") == "1" and form is None,
                  done=request.query.get("done", "") if form is None else "",
                  done_period=query_number(request, "period") if form is None else None)


@routes.get(f"/admin/projects/{ID_PATTERN}/periods")
@page
async def project_periods(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    return await periods_page(request, admin, path_id(request, "project"))


@routes.post(f"/admin/projects/{ID_PATTERN}/periods")
@page
async def open_period(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    project = await deps_of(request).projects.get_project(admin, project_id)  # 404 first
    words = page_wording(request, project_words(project))
    typed, dates = read_dates(await checked_form(request), words)
    if typed.errors:
        return await periods_page(request, admin, project_id, form=typed, status=422)
    assert dates["start_date"] and dates["end_date"] and dates["due_date"]
    try:
        period = await deps_of(request).projects.open_period(admin, project_id, NewBillingPeriod(
            dates["start_date"], dates["end_date"], dates["due_date"], dates["billing_date"]))
    except NotFound:
        raise
    except DomainError as exc:
        typed.refuse(exc, words)
        return await periods_page(request, admin, project_id, form=typed,
                                  status=domain_status(exc))
    return see_other(f"/admin/projects/{project_id}/periods?done=opened&period={period.id}")


def edit_page(request: web.Request, period: BillingPeriod, form: PeriodForm, *,
              project: Project, status: int = 200) -> web.Response:
    return render(request, "period_edit.html.j2", status=status, period=period, form=form,
                  project_name=project.name, words=project_words(project))


@routes.get(f"/admin/periods/{ID_PATTERN}/edit")
@page
async def edit_period_page(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    project = await deps.projects.get_project(admin, period.project_id)
    return edit_page(request, period, form_of(period), project=project)


@routes.post(f"/admin/periods/{ID_PATTERN}/edit")
@page
async def save_period(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    project = await deps.projects.get_project(admin, period.project_id)
    assert period.id is not None
    typed, dates = read_dates(await checked_form(request),
                              page_wording(request, project_words(project)))
    if not typed.errors:
        try:
            await deps.projects.change_period(admin, period.id, PeriodChanges(
                dates["start_date"], dates["end_date"], dates["due_date"],
                dates["billing_date"]))
        except NotFound:
            raise
        except DomainError as exc:
            typed.refuse(exc, page_wording(request, project_words(project)))
            return edit_page(request, period, typed, project=project,
                             status=domain_status(exc))
        return see_other(f"/admin/projects/{project.id}/periods?done=saved&period={period.id}")
    return edit_page(request, period, typed, project=project, status=422)


@routes.post(f"/admin/periods/{ID_PATTERN}/close")
@page
async def close_period(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    await checked_form(request)
    assert period.id is not None
    await deps.projects.change_period(admin, period.id, PeriodChanges(close=True))
    return see_other(f"/admin/projects/{period.project_id}/periods?done=closed"
                     f"&period={period.id}")


def register(app: web.Application) -> None:
    add_routes(app, routes)
