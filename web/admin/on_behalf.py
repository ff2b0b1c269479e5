"""Invoices entered on a contact's behalf: GET and POST
/admin/periods/{period}/commitments/{commitment}/invoice. The same form, fields and
arithmetic as the contact's (web/invoice_form_fields.py, the Invoices use case); at any
time, also after the due date, but not for a closed period. The invoice is sent at once
(Under Review) and records the administrator who entered it. Another company's period or
commitment answers 404.
"""

from __future__ import annotations

from aiohttp import web

from app.use_cases.invoices.service import OnBehalfSheet
from app.use_cases.sub_tiers.service import EnteredLine, SubTierLinesInvalid
from domain.errors import DomainError, NotFound
from domain.model import Administrator
from domain.sov import InvoiceInvalid
from domain.sub_tiers import SubTier
from web.admin.sign_in import see_other
from web.admin.words import project_words
from web.csrf import Form, checked_form
from web.errors import domain_status
from web.invoice_form_fields import (
    read_entry,
    sheet_context,
    shown_values,
    typed_values,
    worded,
)
from web.keys import deps_of
from web.labels import INVOICE_STATUS_LABELS
from web.path_params import path_id
from web.refusals import worded_problems, worded_refusal
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

PATH = "/admin/periods/{period:[^/]{1,40}}/commitments/{commitment:[^/]{1,40}}/invoice"

routes = web.RouteTableDef()


def _ids(request: web.Request) -> tuple[int, int]:
    return (path_id(request, "billing period", "period"),
            path_id(request, "commitment", "commitment"))


async def show(request: web.Request, admin: Administrator, sheet: OnBehalfSheet,
               period_id: int, *, status: int = 200, values: dict[str, str] | None = None,
               errors: list[str] | None = None,
               sub_tier_typed: dict[str, str] | None = None) -> web.Response:
    record = sheet.record
    words = project_words(sheet)  # the shared invoice partials speak the project's words
    asked, tiers = await _sub_tiers(request, admin, sheet)
    return render(request, "invoice_on_behalf.html.j2", status=status, sheet=sheet,
                  period_id=period_id, sub_tiers_asked=asked, sub_tiers=tiers,
                  sub_tier_typed=sub_tier_typed or {}, locale=words["locale"],
                  terminology=words["terminology"],
                  invoice_status_labels=INVOICE_STATUS_LABELS,
                  **sheet_context(record, values or shown_values(record), errors or [],
                                  editable=sheet.period_open))


async def _sub_tiers(request: web.Request, admin: Administrator,
                     sheet: OnBehalfSheet) -> tuple[bool, list[SubTier]]:
    """Whether the project asks for sub-tier waivers, and the commitment's sub-tiers."""
    project = await deps_of(request).projects.get_project(admin, sheet.project_id)
    if not project.sub_tier_waivers.asks:
        return False, []
    return True, await deps_of(request).sub_tiers.of_commitment(admin,
                                                               sheet.record.commitment_id)


def _sub_tier_entry(form: Form, tiers: list[SubTier]) -> tuple[dict[str, str],
                                                               list[EnteredLine] | None, bool]:
    """What was typed for the sub-tiers: the lines (one per listed sub-tier) or the
    certificate that there are none."""
    typed = {name: str(form.get(name) or "") for name in form
             if name.startswith(("st-amount-", "st-billing-"))
             or name == "certify_no_sub_tiers"}
    if not tiers:
        return typed, None, bool(typed.get("certify_no_sub_tiers"))
    lines = [EnteredLine(tier.id, typed.get(f"st-amount-{tier.id}", ""),
                         typed.get(f"st-billing-{tier.id}", "progress")) for tier in tiers]
    return typed, lines, False


async def _sheet(request: web.Request, admin: Administrator) -> OnBehalfSheet:
    period_id, commitment_id = _ids(request)
    return await deps_of(request).invoices.on_behalf_sheet(admin, commitment_id, period_id)


@routes.get(PATH)
@page
async def form(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    sheet = await _sheet(request, admin)
    if sheet.record.id:  # already entered (by the contact or on their behalf): show it
        return see_other(f"/admin/invoices/{sheet.record.id}")
    return await show(request, admin, sheet, _ids(request)[0],
                      status=200 if sheet.period_open else 409)


@routes.post(PATH)
@page
async def enter(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    period_id, commitment_id = _ids(request)
    form_data = await checked_form(request)
    sheet = await _sheet(request, admin)
    values = typed_values(form_data, sheet.record)
    entry, read_problems = read_entry(values, sheet.record, period_id, locale=sheet.locale)
    words = project_words(sheet)
    problems = worded(read_problems, words["locale"], words["terminology"])
    asked, tiers = await _sub_tiers(request, admin, sheet)
    typed, lines, no_sub_tiers = _sub_tier_entry(form_data, tiers)
    status = 422
    if entry is not None:
        try:
            record = await deps_of(request).invoices.create_on_behalf(
                admin, commitment_id, entry, open_period_only=True,
                sub_tier_lines=lines if asked else None, no_sub_tiers=asked and no_sub_tiers)
        except InvoiceInvalid as error:
            problems = worded(error.problems, words["locale"], words["terminology"])
        except NotFound:
            raise
        except SubTierLinesInvalid as error:  # one text, each line in the project's words
            problems = [" ".join(worded_problems(error.problems, words["locale"],
                                                 words["terminology"]).values())]
        except DomainError as error:
            problems = [worded_refusal(error, words["locale"], words["terminology"])]
            status = domain_status(error)
        else:
            return see_other(f"/admin/invoices/{record.id}?entered=1")
    return await show(request, admin, sheet, period_id, status=status, values=values,
                      errors=problems, sub_tier_typed=typed)


def register(app: web.Application) -> None:
    add_routes(app, routes)
