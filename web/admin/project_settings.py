"""The project's reminder settings and invitation message on the dashboard:
POST /admin/projects/{id}/settings (the form is in templates/pages/dashboard.html.j2)."""

from __future__ import annotations

import re

from aiohttp import web

from domain.commands import ProjectChanges
from domain.errors import DomainError, InvalidInput, NotFound
from domain.text_rules import strict_number
from web.admin.dashboard import Banner, DashboardForm, dashboard_page
from web.admin.sign_in import see_other
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.render import page
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
SAVED = "settings"  # ?saved=settings: the dashboard says the settings were saved


def changes_from(form: Form) -> ProjectChanges:
    """The form's fields as a change; InvalidInput-style messages for what cannot be read."""
    days_text = str(form.get("days_before", "")).strip()
    # ASCII digits only: `\d` and int() also read other scripts' digits.
    if not re.fullmatch(r"[0-9,\s]*", days_text, re.ASCII):
        raise InvalidInput("Days before the due date: write whole numbers such as 3, 1.")
    numbers = {name: strict_number(str(form.get(field, "")).strip())
               for name, field in (("reminder_hour", "hour"),
                                   ("max_after_due", "max_after_due"))}
    if None in numbers.values():
        raise InvalidInput("The hour and the number of days after the due date are whole "
                           "numbers.")
    # Absent (an older form): the cadence stays as it is; 0 is "on the days below".
    every_text = str(form.get("every_days_before", "")).strip()
    every = strict_number(every_text) if every_text else None
    if every_text and every is None:
        raise InvalidInput("Choose how often to remind before the due date.")
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
    try:
        await deps_of(request).projects.change_project(admin, project_id, changes_from(form))
    except NotFound:
        raise
    except DomainError as exc:
        error = Banner("error", "The reminder settings were not saved.",
                       (exc.message[:1].upper() + exc.message[1:],))
        return await dashboard_page(request, admin, project_id, status=domain_status(exc),
                                    form=DashboardForm(error=error))
    return see_other(f"/admin/projects/{project_id}?saved={SAVED}#reminders")


def register(app: web.Application) -> None:
    add_routes(app, routes)
