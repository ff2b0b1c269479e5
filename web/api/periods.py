"""Billing periods: opening one closes the previous; dates change; a period closes.

POST/GET /api/projects/{id}/billing-periods, GET/PATCH /api/billing-periods/{id}.
"""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import (
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from payloads.requests import NewBillingPeriodRequest
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer, created, read_model
from web.api.resources.periods import BillingPeriod, BillingPeriodPatchRequest
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.post(f"/api/projects/{ID_PATTERN}/billing-periods")
async def open_period(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    body = await read_model(request, NewBillingPeriodRequest)
    period = await deps_of(request).projects.open_period(admin_of(request), project_id,
                                                         body.to_command())
    return created(BillingPeriod.model_validate(period), f"/api/billing-periods/{period.id}")


@routes.get(f"/api/projects/{ID_PATTERN}/billing-periods")
async def list_periods(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    page = page_request(request)
    found = page_of(await deps_of(request).projects.list_periods(admin_of(request),
                                                                 project_id), page, record_id)
    return paged(request, [BillingPeriod.model_validate(period) for period in found.items],
                 found.next_after)


@routes.get(f"/api/billing-periods/{ID_PATTERN}")
async def get_period(request: web.Request) -> web.Response:
    period_id = path_id(request, "billing period")
    period = await deps_of(request).projects.get_period(admin_of(request), period_id)
    return answer(BillingPeriod.model_validate(period))


@routes.patch(f"/api/billing-periods/{ID_PATTERN}")
async def change_period(request: web.Request) -> web.Response:
    period_id = path_id(request, "billing period")
    body = await read_model(request, BillingPeriodPatchRequest)
    period = await deps_of(request).projects.change_period(admin_of(request), period_id,
                                                           body.to_changes())
    return answer(BillingPeriod.model_validate(period))


PROJECT_ID = id_parameter("id", "The project's id.")
PERIOD_ID = id_parameter("id", "The billing period's id.")

OPENAPI_PATHS = {
    "/api/projects/{id}/billing-periods": {
        "post": operation(
            operation_id="openBillingPeriod", summary="Open a billing period",
            tag="Billing periods",
            parameters=[PROJECT_ID], body=request_body(
                "NewBillingPeriodRequest", "Opening a period closes the project's open one."),
            errors=(400, 404, 409, 413, 422),
            answers={"201": json_answer("The new, open period.", ref("BillingPeriod"),
                                        location=True)}),
        "get": operation(
            operation_id="listBillingPeriods", summary="The project's billing periods",
            tag="Billing periods", parameters=[PROJECT_ID, *PAGE_PARAMETERS],
            errors=(400, 404),
            answers={"200": json_answer("The project's periods in id order (the order they "
                                        "were opened in), a page at a time.",
                                        paged_list_of("BillingPeriod"))}),
    },
    "/api/billing-periods/{id}": {
        "get": operation(
            operation_id="getBillingPeriod", summary="One billing period", tag="Billing periods",
            parameters=[PERIOD_ID], errors=(404,),
            answers={"200": json_answer("The period.", ref("BillingPeriod"))}),
        "patch": operation(
            operation_id="changeBillingPeriod", summary="Change dates or close the period",
            tag="Billing periods", parameters=[PERIOD_ID],
            body=request_body("BillingPeriodPatchRequest", "Only the fields given change."),
            errors=(400, 404, 409, 413, 422),
            answers={"200": json_answer("The changed period.", ref("BillingPeriod"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewBillingPeriodRequest, BillingPeriodPatchRequest)
    app[OPENAPI].add_responses(BillingPeriod)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
