"""A commitment's pages: GET/POST /admin/projects/{id}/commitments/new (create, through
the projects use case), GET /admin/commitments/{id} (details, invoice contacts, the SOV
editor, close) and POST /admin/commitments/{id} (details). The other forms of the page:
web/admin/commitment_parts.py."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from domain.commands import NewCommitment
from domain.commitment_changes import CommitmentChanges
from domain.errors import DomainError, NotFound
from domain.model import Administrator, CommitmentKind, Project
from domain.text_rules import strict_number
from web.admin.form_errors import field_errors, status_of
from web.admin.sign_in import see_other
from web.admin.sov_form import SovRow, decimal_field, rows_of
from web.admin.words import project_words
from web.csrf import Form, checked_form
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

DETAILS = ("number", "title", "kind", "contract_company_id", "new_company",
           "retainage_percent_work", "retainage_percent_stored")
# The kinds of the select (their words: the keys commitment.kind_<kind>).
KINDS = ("subcontract", "purchase_order")
# The edge's refusal when the chosen company is not in the directory (a "pages" key).
CHOOSE_COMPANY = "commitment.choose_company"
routes = web.RouteTableDef()


@dataclass
class Refused:
    """A refused form of the page: which one, what was typed, and what is wrong."""

    form: str = ""
    typed: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    rows: list[SovRow] | None = None


def worded(request: web.Request, refused: Refused, project: Project) -> Refused:
    """The refusals in the project's words: the edge's own are keys of the "pages"
    catalogue; a rule's message (English) is not a key and stays as it is."""
    words = page_wording(request, project_words(project))
    return replace(refused, errors={name: words.gettext(message)
                                    for name, message in refused.errors.items()})


def details_typed(form: Form) -> dict[str, Any]:
    typed: dict[str, Any] = {name: str(form.get(name, "")) for name in DETAILS}
    typed["stored_separately"] = "stored_separately" in form
    return typed


def details_from(form: Form) -> CommitmentChanges:
    """The details form as a change (FieldRefused naming the field it cannot read)."""
    kind = str(form.get("kind", ""))
    if kind not in KINDS:
        raise FieldRefused("kind", "The kind", "must be a subcontract or a purchase order")
    company_text = str(form.get("contract_company_id", ""))
    new_company = text_field(form, "new_company", "The new company's name")
    company_id = strict_number(company_text) if company_text else None
    if not new_company and company_id is None:
        raise FieldRefused("contract_company_id", "The contract company",
                           "must be chosen, or a new one named")
    return CommitmentChanges(
        number=text_field(form, "number", "The number"),
        title=text_field(form, "title", "The title"), kind=CommitmentKind(kind),
        contract_company_id=None if new_company else company_id,
        contract_company_name=new_company or None,
        retainage_percent_work=decimal_field(form, "retainage_percent_work",
                                             "The retainage on work"),
        retainage_percent_stored=decimal_field(form, "retainage_percent_stored",
                                               "The retainage on stored materials"),
        stored_materials_billed_separately="stored_separately" in form)


async def commitment_page(request: web.Request, admin: Administrator, commitment_id: int,
                          refused: Refused | None = None, status: int = 200) -> web.Response:
    refused = refused or Refused()
    commitment = await deps_of(request).commitments.get(admin, commitment_id)
    project = await deps_of(request).projects.get_project(admin, commitment.project_id)
    locked = await deps_of(request).commitments.has_invoice(admin, commitment_id)
    directory = deps_of(request).directory
    people = []
    if commitment.contract_company_id is not None:
        company = await directory.company(admin, commitment.contract_company_id)
        on = {contact.id for contact in commitment.invoice_contacts}
        people = [person for person in company.people if person.id not in on]
    return render(request, "commitment.html.j2", status=status, commitment=commitment,
                  project=project, locked=locked, kinds=KINDS, people=people,
                  companies=await directory.company_choices(admin),
                  refused=worded(request, refused, project),
                  rows=refused.rows or rows_of(commitment.sov_lines),
                  saved=request.query.get("saved", ""), words=project_words(project))


@routes.get(f"/admin/commitments/{ID_PATTERN}")
@page
async def commitment(request: web.Request) -> web.StreamResponse:
    return await commitment_page(request, await require_admin(request),
                                 path_id(request, "commitment"))


@routes.post(f"/admin/commitments/{ID_PATTERN}")
@page
async def save_details(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    commitment_id = path_id(request, "commitment")
    try:
        await deps_of(request).commitments.change(admin, commitment_id, details_from(form))
    except NotFound as exc:
        if "company" not in exc.message:
            raise
        return await commitment_page(request, admin, commitment_id, Refused(
            "details", details_typed(form), {"contract_company_id": CHOOSE_COMPANY}), 404)
    except (DomainError, FieldRefused) as exc:
        return await commitment_page(request, admin, commitment_id, Refused(
            "details", details_typed(form), field_errors(exc, DETAILS)), status_of(exc))
    return see_other(f"/admin/commitments/{commitment_id}?saved=details")


async def new_page(request: web.Request, admin: Administrator, project_id: int,
                   refused: Refused | None = None, status: int = 200) -> web.Response:
    project = await deps_of(request).projects.get_project(admin, project_id)
    return render(request, "commitment_new.html.j2", status=status, project=project,
                  kinds=KINDS, companies=await deps_of(request).directory.company_choices(admin),
                  refused=worded(request, refused or Refused("new", {"stored_separately": True}),
                                 project), words=project_words(project))


@routes.get(f"/admin/projects/{ID_PATTERN}/commitments/new")
@page
async def new_commitment(request: web.Request) -> web.StreamResponse:
    return await new_page(request, await require_admin(request), path_id(request, "project"))


@routes.post(f"/admin/projects/{ID_PATTERN}/commitments/new")
@page
async def create_commitment(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    project_id = path_id(request, "project")
    deps = deps_of(request)
    try:
        details = details_from(form)
        name = details.contract_company_name
        if name is None:
            assert details.contract_company_id is not None
            name = (await deps_of(request).directory.company(
                admin, details.contract_company_id)).name
        assert details.number and details.title and details.kind
        assert details.retainage_percent_work is not None
        assert details.retainage_percent_stored is not None
        created = await deps.projects.create_commitment(admin, project_id, NewCommitment(
            details.number, details.title, details.kind, name,
            details.retainage_percent_work, details.retainage_percent_stored, (), (),
            bool(details.stored_materials_billed_separately)))
    except NotFound as exc:
        if "company" not in exc.message:
            raise
        return await new_page(request, admin, project_id, Refused(
            "new", details_typed(form), {"contract_company_id": CHOOSE_COMPANY}), 404)
    except (DomainError, FieldRefused) as exc:
        return await new_page(request, admin, project_id, Refused(
            "new", details_typed(form), field_errors(exc, DETAILS)), status_of(exc))
    return see_other(f"/admin/commitments/{created.id}?saved=created")


def register(app: web.Application) -> None:
    add_routes(app, routes)
