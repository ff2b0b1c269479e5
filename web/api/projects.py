"""Projects: POST/GET /api/projects, GET/PATCH /api/projects/{id} (details, default
billing-period days and automatic periods, reminder settings, the invitation message)."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import (
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer, created, read_model
from web.api.resources.projects import NewProjectRequest, Project, ProjectPatchRequest
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post("/api/projects")
async def create_project(request: web.Request) -> web.Response:
    body = await read_model(request, NewProjectRequest)
    project = await deps_of(request).projects.create_project(admin_of(request), body.to_command())
    return created(Project.from_record(project), f"/api/projects/{project.id}")


@routes.get("/api/projects")
async def list_projects(request: web.Request) -> web.Response:
    page = page_request(request)
    found = page_of(await deps_of(request).projects.list_projects(admin_of(request)), page,
                    record_id)
    return paged(request, [Project.from_record(project) for project in found.items],
                 found.next_after)


@routes.get(f"/api/projects/{ID_PATTERN}")
async def get_project(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    project = await deps_of(request).projects.get_project(admin_of(request), project_id)
    return answer(Project.from_record(project))


@routes.patch(f"/api/projects/{ID_PATTERN}")
async def change_project(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    body = await read_model(request, ProjectPatchRequest)
    project = await deps_of(request).projects.change_project(admin_of(request), project_id,
                                                             body.to_changes())
    return answer(Project.from_record(project))


PROJECT_ID = id_parameter("id", "The project's id.")

OPENAPI_PATHS = {
    "/api/projects": {
        "post": operation(
            operation_id="createProject", summary="Create a project", tag="Projects",
            body=request_body("NewProjectRequest"), errors=(400, 409, 413, 422),
            answers={"201": json_answer("The new project.", ref("Project"), location=True)}),
        "get": operation(
            operation_id="listProjects", summary="The company's projects", tag="Projects",
            parameters=PAGE_PARAMETERS,
            answers={"200": json_answer("The caller's company's projects in id order, a "
                                        "page at a time.", paged_list_of("Project"))}),
    },
    "/api/projects/{id}": {
        "get": operation(
            operation_id="getProject", summary="One project", tag="Projects",
            parameters=[PROJECT_ID], errors=(404,),
            answers={"200": json_answer("The project.", ref("Project"))}),
        "patch": operation(
            operation_id="changeProject",
            summary="Change a project (details, period defaults, reminders, message)",
            tag="Projects", parameters=[PROJECT_ID],
            body=request_body("ProjectPatchRequest", "Only the fields given change. A new "
                              "reminder policy reschedules the open period's reminders."),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The changed project.", ref("Project"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewProjectRequest, ProjectPatchRequest)
    app[OPENAPI].add_responses(Project)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
