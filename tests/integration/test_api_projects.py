"""The projects API and the JSON API's common behaviour, through the real application."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.api import PROJECT, assert_error, create_project


async def test_no_token_is_401_json_naming_the_bearer_scheme(api: TestClient) -> None:
    response = await api.get("/api/projects")
    await assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_an_unknown_token_is_401(api: TestClient) -> None:
    headers = ("Bearer not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer", "Bearer " + "x" * 600)
    for header in headers:
        response = await api.get("/api/projects", headers={"Authorization": header})
        error = await assert_error(response, 401, "unauthorized")
        assert "not-a-real-token" not in error["message"]


async def test_the_openapi_document_needs_no_token(api: TestClient) -> None:
    response = await api.get("/api/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document["openapi"].startswith("3.1")
    assert "/api/projects" in document["paths"]


async def test_create_list_and_get_a_project(api: TestClient,
                                             admin_headers: dict[str, str]) -> None:
    response = await api.post("/api/projects", json=PROJECT, headers=admin_headers)
    assert response.status == 201
    project = await response.json()
    assert project["id"] > 0
    assert {key: project[key] for key in PROJECT} == PROJECT
    assert response.headers["Location"] == f"/api/projects/{project['id']}"

    listed = await api.get("/api/projects", headers=admin_headers)
    assert listed.status == 200
    assert (await listed.json())["items"] == [project]

    fetched = await api.get(response.headers["Location"], headers=admin_headers)
    assert fetched.status == 200
    assert await fetched.json() == project


async def test_defaults_apply_to_optional_fields(api: TestClient,
                                                 admin_headers: dict[str, str]) -> None:
    body = {"name": "Depot", "number": "P-1", "time_zone": "Europe/Paris"}
    response = await api.post("/api/projects", json=body, headers=admin_headers)
    assert response.status == 201
    project = await response.json()
    assert (project["locale"], project["accounting_method"]) == ("en-US", "amount")


async def test_an_unknown_time_zone_is_422(api: TestClient,
                                           admin_headers: dict[str, str]) -> None:
    response = await api.post("/api/projects", json={**PROJECT, "time_zone": "Mars/Olympus"},
                              headers=admin_headers)
    error = await assert_error(response, 422, "invalid_input")
    assert "Mars/Olympus" in error["message"]


async def test_missing_wrong_and_unknown_fields_are_422_naming_them(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    body = {"number": 14, "time_zone": "UTC", "accounting_method": "hourly", "colour": "red"}
    response = await api.post("/api/projects", json=body, headers=admin_headers)
    error = await assert_error(response, 422, "invalid_input")
    fields = {item["field"]: item["message"] for item in error["fields"]}
    assert fields["name"] == "is required"
    assert fields["colour"] == "is not a known field"
    assert {"number", "accounting_method"} <= set(fields)
    assert "name: is required" in error["message"]


async def test_a_duplicate_project_number_is_409(api: TestClient,
                                                 admin_headers: dict[str, str]) -> None:
    await create_project(api, admin_headers)
    response = await api.post("/api/projects", json=PROJECT, headers=admin_headers)
    await assert_error(response, 409)


async def test_another_companys_project_is_404(api: TestClient, admin_headers: dict[str, str],
                                               other_admin_headers: dict[str, str]) -> None:
    project = await create_project(api, admin_headers)
    response = await api.get(f"/api/projects/{project['id']}", headers=other_admin_headers)
    await assert_error(response, 404, "not_found")
    listed = await api.get("/api/projects", headers=other_admin_headers)
    assert (await listed.json())["items"] == []


async def test_missing_and_impossible_ids_are_404(api: TestClient,
                                                  admin_headers: dict[str, str]) -> None:
    for path in ("/api/projects/999", "/api/projects/99999999999"):
        await assert_error(await api.get(path, headers=admin_headers), 404, "not_found")
