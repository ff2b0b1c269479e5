"""Creating and editing a project: GET/POST /admin/projects/new, GET/POST
/admin/projects/{id}/edit (every field: details, default billing-period days, automatic
periods, reminders, the invitation message), and the dashboard's Reminders card: POST
/admin/projects/{id}/settings (its form is in templates/pages/dashboard.html.j2)."""

from __future__ import annotations

import dataclasses
import re

from aiohttp import web

from domain.commands import ProjectChanges
from domain.errors import DomainError, InvalidInput, NotFound
from domain.model import Administrator, Project
from domain.text_rules import strict_number
from mailer.i18n import Wording
from web.admin.dashboard import Banner, DashboardForm, dashboard_page
from web.admin.project_form import (
    CADENCES,
    LOCALES,
    TERMINOLOGIES,
    ProjectForm,
    form_of,
    new_project,
    read_form,
    time_zones,
)
from web.admin.sign_in import see_other
from web.admin.words import project_words
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
SAVED = "settings"  # ?saved=settings: the dashboard says the settings were saved


def changes_from(form: Form, words: Wording) -> ProjectChanges:
    """The form's fields as a change; InvalidInput (its message in `words`) for what cannot
    be read."""
    days_text = str(form.get("days_before", "")).strip()
    # ASCII digits only: `\d` and int() also read other scripts' digits.
    if not re.fullmatch(r"[0-9,\s]*", days_text, re.ASCII):
        raise InvalidInput(words.gettext("reminders.days_not_numbers"))
    numbers = {name: strict_number(str(form.get(field, "")).strip())
               for name, field in (("reminder_hour", "hour"),
                                   ("max_after_due", "max_after_due"))}
    if None in numbers.values():
        raise InvalidInput(words.gettext("reminders.numbers_not_whole"))
    # Absent (an older form): the cadence stays as it is; 0 is "on the days below".
    every_text = str(form.get("every_days_before", "")).strip()
    every = strict_number(every_text) if every_text else None
    if every_text and every is None:
        raise InvalidInput(words.gettext("reminders.choose_every"))
    try:
        message = text_field(form, "invitation_message", "The invitation message",
                             multi_line=True)
    except FieldRefused as exc:
        raise InvalidInput(exc.message) from None
    return ProjectChanges(
        days_before=tuple(int(part) for part in re.split(r"[,\s]+", days_text) if part),
        reminder_hour=numbers["reminder_hour"],
        daily_after_due=form.get("daily_after_due") in ("on", "true", "1"),
        max_after_due=numbers["max_after_due"],
        every_days_before=every,
        invitation_message=message or None, clear_invitation_message=not message)


@routes.post(f"/admin/projects/{ID_PATTERN}/settings")
@page
async def save_settings(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    project_id = path_id(request, "project")
    project = await deps_of(request).projects.get_project(admin, project_id)  # 404 first
    words = page_wording(request, project_words(project))
    try:
        await deps_of(request).projects.change_project(admin, project_id,
                                                       changes_from(form, words))
    except NotFound:
        raise
    except DomainError as exc:
        error = Banner("error", "dashboard.settings_not_saved", ("dashboard.refused_other",),
                       {"reason": exc.message[:1].upper() + exc.message[1:]})
        return await dashboard_page(request, admin, project_id, status=domain_status(exc),
                                    form=DashboardForm(error=error))
    return see_other(f"/admin/projects/{project_id}?saved={SAVED}#reminders")


def form_page(request: web.Request, form: ProjectForm, *, project_id: int | None = None,
              reminders: dict[str, str] | None = None, status: int = 200,
              project: Project | None = None) -> web.Response:
    """The new-project form (the administrator's words), or the form of `project` (its
    words)."""
    words = project_words(project) if project is not None else {}
    say = page_wording(request, words or None).gettext
    return render(request, "project_form.html.j2", status=status, form=form,
                  project_id=project_id, reminders=reminders, zones=time_zones(),
                  locales=LOCALES,
                  terminologies=[(value, say(f"project_form.terminology_{value}"))
                                 for value, _ in TERMINOLOGIES],
                  cadences=[(value, say(f"project_form.cadence_{value}"))
                            for value, _ in CADENCES],
                  days=range(1, 32),
                  start_days=range(1, 29), saved=request.query.get("saved") == "1",
                  words=words or None)


@routes.get("/admin/projects/new")
@page
async def new_project_page(request: web.Request) -> web.StreamResponse:
    await require_admin(request)
    return form_page(request, form_of(None))


@routes.post("/admin/projects/new")
@page
async def create_project(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    typed, changes = read_form(await checked_form(request), words=page_wording(request))
    status = 422
    if changes is not None:
        try:
            project = await deps_of(request).projects.create_project(admin, new_project(changes))
        except DomainError as exc:
            typed.refuse(exc)
            status = domain_status(exc)
        else:
            return see_other(f"/admin/projects/{project.id}/periods?created=1")
    return form_page(request, typed, status=status)


async def edit_form(request: web.Request, admin: Administrator, project_id: int,
                    ) -> tuple[Project, ProjectForm, dict[str, str]]:
    project = await deps_of(request).projects.get_project(admin, project_id)
    policy = project.reminders
    return project, form_of(project), {
        "days_before": ", ".join(str(day) for day in policy.days_before),
        "hour": str(policy.local_hour), "daily_after_due": "on" if policy.daily_after_due else "",
        "max_after_due": str(policy.max_after_due),
        "every_days_before": str(policy.every_days_before or 0)}


@routes.get(f"/admin/projects/{ID_PATTERN}/edit")
@page
async def edit_project_page(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    project, form, reminders = await edit_form(request, admin, project_id)
    return form_page(request, form, project_id=project_id, reminders=reminders,
                     project=project)


@routes.post(f"/admin/projects/{ID_PATTERN}/edit")
@page
async def save_project(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    project = await deps_of(request).projects.get_project(admin, project_id)  # 404 first
    posted = await checked_form(request)
    words = page_wording(request, project_words(project))
    typed, changes = read_form(posted, words=words)
    reminders = {name: str(posted.get(name, ""))
                 for name in ("days_before", "hour", "daily_after_due", "max_after_due",
                              "every_days_before")}
    try:
        policy = changes_from(posted, words)
    except DomainError as exc:
        typed.errors["reminders"] = exc.message
        changes = None
    status = 422
    if changes is not None:
        changes = dataclasses.replace(
            changes, days_before=policy.days_before, reminder_hour=policy.reminder_hour,
            daily_after_due=policy.daily_after_due, max_after_due=policy.max_after_due,
            every_days_before=policy.every_days_before)
        try:
            await deps_of(request).projects.change_project(admin, project_id, changes)
        except NotFound:
            raise
        except DomainError as exc:
            status = domain_status(exc)
            if exc.code == "invalid_input" and "reminder" in exc.message.lower():
                typed.errors["reminders"] = exc.message[:1].upper() + exc.message[1:]
            else:
                typed.refuse(exc)
        else:
            return see_other(f"/admin/projects/{project_id}/edit?saved=1")
    return form_page(request, typed, project_id=project_id, reminders=reminders,
                     status=status, project=project)


def register(app: web.Application) -> None:
    add_routes(app, routes)
