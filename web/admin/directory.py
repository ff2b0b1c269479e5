"""The directory's pages: GET /admin/directory (search, pages), POST
/admin/directory/companies (add), GET/POST /admin/directory/companies/{id} (rename),
POST .../people (add a person), POST .../merge (fold a duplicate company into this one).
A person's page: web/admin/directory_people.py."""

from __future__ import annotations

from aiohttp import web

from domain.errors import DomainError, NotFound
from domain.model import Administrator
from domain.text_rules import strict_number
from web.admin.form_errors import field_errors, status_of
from web.admin.sign_in import see_other
from web.csrf import checked_form
from web.forms import FieldRefused, text_field
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id, query_number
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

PAGE_SIZE = 25
routes = web.RouteTableDef()


async def directory_page(request: web.Request, admin: Administrator, *, status: int = 200,
                         typed: dict[str, str] | None = None,
                         errors: dict[str, str] | None = None) -> web.Response:
    search = request.query.get("q", "")
    try:
        search = text_field({"q": search}, "q", "The search", max_length=200)
    except FieldRefused:
        search = ""
    found = await deps_of(request).directory.page(admin, search=search, limit=PAGE_SIZE,
                                             cursor=query_number(request, "cursor"))
    return render(request, "directory.html.j2", status=status, page=found, search=search,
                  typed=typed or {}, errors=errors or {})


@routes.get("/admin/directory")
@page
async def directory(request: web.Request) -> web.StreamResponse:
    return await directory_page(request, await require_admin(request))


@routes.post("/admin/directory/companies")
@page
async def add_company(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    typed = {"name": str(form.get("name", ""))}
    try:
        company = await deps_of(request).directory.add_company(
            admin, text_field(form, "name", "The company's name"))
    except (DomainError, FieldRefused) as exc:
        return await directory_page(request, admin, status=status_of(exc), typed=typed,
                                    errors=field_errors(exc, ["name"]))
    return see_other(f"/admin/directory/companies/{company.id}?saved=added")


async def company_page(request: web.Request, admin: Administrator, company_id: int, *,
                       status: int = 200, typed: dict[str, str] | None = None,
                       errors: dict[str, str] | None = None,
                       form: str = "") -> web.Response:
    deps = deps_of(request).directory
    company = await deps.company(admin, company_id)
    others = [(cid, name) for cid, name in await deps.company_choices(admin)
              if cid != company_id]
    merges = await deps.merges(admin, "company", company_id)
    return render(request, "directory_company.html.j2", status=status, company=company,
                  commitments=await deps.commitments(admin, company_id=company_id),
                  others=others, merges=merges, typed=typed or {}, errors=errors or {},
                  form=form, saved=request.query.get("saved", ""))


@routes.get(f"/admin/directory/companies/{ID_PATTERN}")
@page
async def company(request: web.Request) -> web.StreamResponse:
    return await company_page(request, await require_admin(request),
                              path_id(request, "company"))


@routes.post(f"/admin/directory/companies/{ID_PATTERN}")
@page
async def rename_company(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    company_id = path_id(request, "company")
    try:
        await deps_of(request).directory.rename_company(
            admin, company_id, text_field(form, "name", "The company's name"))
    except NotFound:
        raise
    except (DomainError, FieldRefused) as exc:
        return await company_page(request, admin, company_id, status=status_of(exc),
                                  typed={"name": str(form.get("name", ""))}, form="rename",
                                  errors=field_errors(exc, ["name"]))
    return see_other(f"/admin/directory/companies/{company_id}?saved=renamed")


@routes.post(f"/admin/directory/companies/{ID_PATTERN}/people")
@page
async def add_person(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    company_id = path_id(request, "company")
    typed = {name: str(form.get(name, "")) for name in ("name", "email")}
    try:
        person = await deps_of(request).directory.add_person(
            admin, company_id, text_field(form, "name", "The name"),
            text_field(form, "email", "The email address"))
    except NotFound:
        raise
    except (DomainError, FieldRefused) as exc:
        return await company_page(request, admin, company_id, status=status_of(exc),
                                  typed=typed, form="person",
                                  errors=field_errors(exc, ["name", "email"]))
    return see_other(f"/admin/directory/people/{person.id}?saved=added")


@routes.post(f"/admin/directory/companies/{ID_PATTERN}/merge")
@page
async def merge_company(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    form = await checked_form(request)
    company_id = path_id(request, "company")
    merged = strict_number(str(form.get("merged_id", "")))
    try:
        if merged is None:
            raise FieldRefused("merged_id", "The duplicate", "must be chosen from the list")
        await deps_of(request).directory.merge_companies(admin, company_id, merged)
    except NotFound as exc:
        if merged is None or merged == company_id:
            raise
        # The duplicate, not this company, is unknown (another company's id): say so here.
        return await company_page(request, admin, company_id, status=404, form="merge",
                                  errors={"merged_id": page_wording(request).gettext(
                                      "directory_company.no_such_company").format(
                                          reason=exc.message)})
    except (DomainError, FieldRefused) as exc:
        return await company_page(request, admin, company_id, status=status_of(exc),
                                  form="merge", errors=field_errors(exc, ["merged_id"]))
    return see_other(f"/admin/directory/companies/{company_id}?saved=merged")


def register(app: web.Application) -> None:
    add_routes(app, routes)
