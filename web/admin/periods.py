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
from domain.model import Administrator, BillingPeriod
from web.admin.dashboard import COUNT_LABELS
from web.admin.sign_in import see_other
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
DATE_FIELDS = (("start_date", "The start date"), ("end_date", "The end date"),
               ("due_date", "The due date"), ("billing_date", "The billing date"))
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# The rules' refusals in the administrator's words, next to the field they concern.
PLAIN = {"duplicate_period": ("start_date", "A billing period with these start and end dates "
                                            "exists already. Choose other dates."),
         "due_date_passed": ("due_date", "This due date has already passed in the project's "
                                         "time zone. Choose a later due date."),
         "period_closed": ("general", "This billing period is closed: its dates cannot "
                                      "change. Open a new period instead.")}
PLAIN_MESSAGES = (("start_date must not be after", "start_date",
                   "The start date is after the end date."),
                  ("due_date must not be before", "due_date",
                   "The due date is before the start date."))


@dataclass
class PeriodForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def refuse(self, error: DomainError) -> None:
        if error.code in PLAIN:
            name, message = PLAIN[error.code]
            self.errors[name] = message
            return
        for start, name, message in PLAIN_MESSAGES:
            if error.message.startswith(start):
                self.errors[name] = message
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


def read_dates(form: Form) -> tuple[PeriodForm, dict[str, date | None]]:
    """The typed dates (`billing_date` may be empty); a field that is not a date is refused
    next to it."""
    typed, dates = PeriodForm({}), dict[str, date | None]()
    for name, label in DATE_FIELDS:
        try:
            text = text_field(form, name, label, max_length=20)
        except FieldRefused as exc:
            typed.values[name], typed.errors[name] = "", exc.message
            continue
        typed.values[name] = text
        dates[name] = None
        if not text:
            if name != "billing_date":
                typed.errors[name] = f"{label} is required."
            continue
        try:
            dates[name] = date.fromisoformat(text) if ISO_DATE.fullmatch(text) else None
        except ValueError:
            pass
        if dates[name] is None:
            typed.errors[name] = f"{label} is not a date (YYYY-MM-DD)."
    return typed, dates


async def periods_page(request: web.Request, admin: Administrator, project_id: int, *,
                       form: PeriodForm | None = None, status: int = 200) -> web.Response:
    deps = deps_of(request)
    project = await deps.projects.get_project(admin, project_id)
    overview = await deps.projects.periods_overview(admin, project_id)
    proposal = overview.proposal
    return render(request, "periods.html.j2", status=status, project=project,
                  summaries=overview.periods, count_labels=COUNT_LABELS,
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
    await deps_of(request).projects.get_project(admin, project_id)  # 404 before reading
    typed, dates = read_dates(await checked_form(request))
    if typed.errors:
        return await periods_page(request, admin, project_id, form=typed, status=422)
    assert dates["start_date"] and dates["end_date"] and dates["due_date"]
    try:
        period = await deps_of(request).projects.open_period(admin, project_id, NewBillingPeriod(
            dates["start_date"], dates["end_date"], dates["due_date"], dates["billing_date"]))
    except NotFound:
        raise
    except DomainError as exc:
        typed.refuse(exc)
        return await periods_page(request, admin, project_id, form=typed,
                                  status=domain_status(exc))
    return see_other(f"/admin/projects/{project_id}/periods?done=opened&period={period.id}")


def edit_page(request: web.Request, period: BillingPeriod, form: PeriodForm, *,
              project_name: str, status: int = 200) -> web.Response:
    return render(request, "period_edit.html.j2", status=status, period=period, form=form,
                  project_name=project_name)


@routes.get(f"/admin/periods/{ID_PATTERN}/edit")
@page
async def edit_period_page(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    project = await deps.projects.get_project(admin, period.project_id)
    return edit_page(request, period, form_of(period), project_name=project.name)


@routes.post(f"/admin/periods/{ID_PATTERN}/edit")
@page
async def save_period(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    deps = deps_of(request)
    period = await deps.projects.get_period(admin, path_id(request, "billing period"))
    project = await deps.projects.get_project(admin, period.project_id)
    assert period.id is not None
    typed, dates = read_dates(await checked_form(request))
    if not typed.errors:
        try:
            await deps.projects.change_period(admin, period.id, PeriodChanges(
                dates["start_date"], dates["end_date"], dates["due_date"],
                dates["billing_date"]))
        except NotFound:
            raise
        except DomainError as exc:
            typed.refuse(exc)
            return edit_page(request, period, typed, project_name=project.name,
                             status=domain_status(exc))
        return see_other(f"/admin/projects/{project.id}/periods?done=saved&period={period.id}")
    return edit_page(request, period, typed, project_name=project.name, status=422)


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
