"""A project's own fields (name, number, zone, locale, method, period defaults) between its
record, the command that checks them, and its row."""

from __future__ import annotations

from domain.commands import NewProject
from domain.model import Project
from store import mapping, tables


def as_new_project(project: Project) -> NewProject:
    return NewProject(project.name, project.number, project.time_zone, project.locale,
                      project.accounting_method, project.invitation_message,
                      project.period_defaults, project.terminology,
                      project.state)


def write_details(row: tables.Project, details: NewProject) -> None:
    row.name, row.number, row.time_zone = details.name, details.number, details.time_zone
    row.locale, row.accounting_method = details.locale, details.accounting_method.value
    mapping.set_period_defaults(row, details.period_defaults)
    row.terminology = details.terminology
    row.state = details.state
