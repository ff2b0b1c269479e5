"""The directory's contract companies.

GET/POST /api/companies, GET/PATCH /api/companies/{id}, POST /api/companies/{id}/merge.
"""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, json_answer, operation, ref, request_body
from web.api.directory_query import LIST_PARAMETERS, list_query
from web.api.request_io import answer, created, read_model
from web.api.resources.directory import (
    Company,
    CompanyPage,
    CompanyPatchRequest,
    Merge,
    MergeRequest,
    NewCompanyRequest,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/api/companies")
async def list_companies(request: web.Request) -> web.Response:
    query = list_query(request)
    found = await deps_of(request).directory.page(admin_of(request), search=query.search,
                                             limit=query.limit, cursor=query.cursor)
    return answer(CompanyPage(items=[Company.from_record(c) for c in found.companies],
                              next=found.next_cursor))


@routes.post("/api/companies")
async def create_company(request: web.Request) -> web.Response:
    body = await read_model(request, NewCompanyRequest)
    company = await deps_of(request).directory.add_company(admin_of(request), body.name)
    return created(Company.from_record(company), f"/api/companies/{company.id}")


@routes.get(f"/api/companies/{ID_PATTERN}")
async def get_company(request: web.Request) -> web.Response:
    company = await deps_of(request).directory.company(admin_of(request),
                                                  path_id(request, "company"))
    return answer(Company.from_record(company))


@routes.patch(f"/api/companies/{ID_PATTERN}")
async def change_company(request: web.Request) -> web.Response:
    company_id = path_id(request, "company")
    body = await read_model(request, CompanyPatchRequest)
    company = await deps_of(request).directory.rename_company(admin_of(request), company_id,
                                                         body.name)
    return answer(Company.from_record(company))


@routes.post(f"/api/companies/{ID_PATTERN}/merge")
async def merge_company(request: web.Request) -> web.Response:
    company_id = path_id(request, "company")
    body = await read_model(request, MergeRequest)
    merge = await deps_of(request).directory.merge_companies(admin_of(request), company_id,
                                                        body.merged_id)
    return answer(Merge.from_record(merge))


ID = [id_parameter("id", "The company's id.")]
OPENAPI_PATHS = {
    "/api/companies": {
        "get": operation(
            operation_id="listCompanies", summary="The directory's contract companies, "
            "with their people, by name, a page at a time", tag="Directory",
            parameters=LIST_PARAMETERS, errors=(400,),
            answers={"200": json_answer("One page of companies.", ref("CompanyPage"))}),
        "post": operation(
            operation_id="createCompany", summary="Add a contract company", tag="Directory",
            body=request_body("NewCompanyRequest"), errors=(400, 409, 413, 422),
            answers={"201": json_answer("The new company.", ref("Company"), location=True)}),
    },
    "/api/companies/{id}": {
        "get": operation(
            operation_id="getCompany", summary="One contract company and its people",
            tag="Directory", parameters=ID, errors=(404,),
            answers={"200": json_answer("The company.", ref("Company"))}),
        "patch": operation(
            operation_id="changeCompany", summary="Rename a contract company",
            tag="Directory", parameters=ID, body=request_body("CompanyPatchRequest"),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The company.", ref("Company"))}),
    },
    "/api/companies/{id}/merge": {
        "post": operation(
            operation_id="mergeCompany", summary="Merge a duplicate company into this one",
            tag="Directory", parameters=ID, body=request_body(
                "MergeRequest", "Its commitments and people move here (people with an "
                "address this company has already are merged); then it is deleted."),
            errors=(400, 404, 413, 422),
            answers={"200": json_answer("The recorded merge.", ref("Merge"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewCompanyRequest, CompanyPatchRequest, MergeRequest)
    app[OPENAPI].add_responses(Company, CompanyPage, Merge)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
