"""The directory's people (invoice contacts).

GET/POST /api/people, GET/PATCH /api/people/{id} (a new email fixes a bounced address),
POST /api/people/{id}/merge, POST /api/people/{id}/resend.
"""

from __future__ import annotations

from aiohttp import web

from domain.model import Channel
from payloads.openapi_parts import id_parameter, json_answer, operation, ref, request_body
from web.api.directory_query import LIST_PARAMETERS, list_query
from web.api.request_io import answer, created, read_model
from web.api.resources.directory import (
    Merge,
    MergeRequest,
    NewPersonRequest,
    Person,
    PersonPage,
    PersonPatchRequest,
    Resent,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


def _matches(search: str, *texts: str) -> bool:
    return not search or any(search.lower() in text.lower() for text in texts)


@routes.get("/api/people")
async def list_people(request: web.Request) -> web.Response:
    """The people of one page of companies (the same pages as /api/companies)."""
    query = list_query(request)
    found = await deps_of(request).directory.page(admin_of(request), search=query.search,
                                             limit=query.limit, cursor=query.cursor)
    people = [Person.from_record(person) for company in found.companies
              for person in company.people
              if _matches(query.search, person.name, person.email, company.name)]
    return answer(PersonPage(items=people, next=found.next_cursor))


@routes.post("/api/people")
async def create_person(request: web.Request) -> web.Response:
    body = await read_model(request, NewPersonRequest)
    person = await deps_of(request).directory.add_person(admin_of(request), body.company_id,
                                                    body.name, body.email)
    return created(Person.from_record(person), f"/api/people/{person.id}")


@routes.get(f"/api/people/{ID_PATTERN}")
async def get_person(request: web.Request) -> web.Response:
    person = await deps_of(request).directory.person(admin_of(request), path_id(request, "person"))
    return answer(Person.from_record(person))


@routes.patch(f"/api/people/{ID_PATTERN}")
async def change_person(request: web.Request) -> web.Response:
    person_id = path_id(request, "person")
    body = await read_model(request, PersonPatchRequest)
    person = await deps_of(request).directory.change_person(admin_of(request), person_id,
                                                       name=body.name, email=body.email,
                                                       language=body.language,
                                                       clear_language=body.clears_language)
    return answer(Person.from_record(person))


@routes.post(f"/api/people/{ID_PATTERN}/merge")
async def merge_person(request: web.Request) -> web.Response:
    person_id = path_id(request, "person")
    body = await read_model(request, MergeRequest)
    merge = await deps_of(request).directory.merge_people(admin_of(request), person_id,
                                                     body.merged_id)
    return answer(Merge.from_record(merge))


@routes.post(f"/api/people/{ID_PATTERN}/resend")
async def resend(request: web.Request) -> web.Response:
    queued = await deps_of(request).directory.resend(admin_of(request),
                                                path_id(request, "person"), Channel.API)
    return answer(Resent(queued=queued))


ID = [id_parameter("id", "The person's id.")]
OPENAPI_PATHS = {
    "/api/people": {
        "get": operation(
            operation_id="listPeople", summary="The directory's people, a page of companies "
            "at a time", tag="Directory", parameters=LIST_PARAMETERS, errors=(400,),
            answers={"200": json_answer("One page of people.", ref("PersonPage"))}),
        "post": operation(
            operation_id="createPerson", summary="Add a person to a contract company",
            tag="Directory", body=request_body("NewPersonRequest"),
            errors=(400, 404, 409, 413, 422),
            answers={"201": json_answer("The new person.", ref("Person"), location=True)}),
    },
    "/api/people/{id}": {
        "get": operation(
            operation_id="getPerson", summary="One person and their delivery state",
            tag="Directory", parameters=ID, errors=(404,),
            answers={"200": json_answer("The person.", ref("Person"))}),
        "patch": operation(
            operation_id="changePerson", summary="Rename a person or fix their address",
            tag="Directory", parameters=ID, body=request_body(
                "PersonPatchRequest", "A new email clears the undeliverable mark and "
                "revokes the links of the open invites mailed to the old address."),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The person.", ref("Person"))}),
    },
    "/api/people/{id}/merge": {
        "post": operation(
            operation_id="mergePerson", summary="Merge a duplicate person into this one",
            tag="Directory", parameters=ID, body=request_body(
                "MergeRequest", "Their commitments, mail and answers move here; then the "
                "duplicate is deleted."),
            errors=(400, 404, 413, 422),
            answers={"200": json_answer("The recorded merge.", ref("Merge"))}),
    },
    "/api/people/{id}/resend": {
        "post": operation(
            operation_id="resendToPerson", summary="Mail the open invites to this person "
            "again", tag="Directory", parameters=ID, errors=(404, 409),
            answers={"200": json_answer("How many mails were queued (0 when already "
                                        "queued).", ref("Resent"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewPersonRequest, PersonPatchRequest)
    app[OPENAPI].add_responses(Person, PersonPage, Resent)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
