"""Importing commitments from a spreadsheet: POST /api/projects/{id}/commitments/import.

The body is the file itself (`text/csv` or the XLSX type) or a multipart form with the
file in the part `file`. It is read up to the import limit and no further (413 beyond).
`?dry_run=true` answers the preview and writes nothing; a file with any row error answers
422 listing them, and writes nothing either.
"""

from __future__ import annotations

from aiohttp import BodyPartReader, StreamReader, web

from app.use_cases.imports.service import FileTooLarge
from documents.spreadsheets import CSV_TYPES, XLSX_TYPE
from domain.import_plan import ImportReport as Report
from payloads.openapi_parts import id_parameter, json_answer, operation, ref
from web.api.request_io import answer
from web.api.resources.imports import ImportReport
from web.errors import ApiError
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()
CHUNK = 64 * 1024
MAX_REPORTED = 50  # row errors listed in one answer; the message says how many in all


async def _read_limited(stream: StreamReader | BodyPartReader, limit: int) -> bytes:
    data = bytearray()
    while True:
        chunk = await (stream.read_chunk(CHUNK) if isinstance(stream, BodyPartReader)
                       else stream.read(CHUNK))
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > limit:
            raise ApiError(413, "payload_too_large",
                           f"the file is larger than the limit of {limit // (1024 * 1024)} MB")


async def uploaded_file(request: web.Request, limit: int) -> bytes:
    """The file of the request, whichever way it was sent; 415 for other types."""
    content_type = request.content_type.lower()
    if content_type == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name == "file":
                return await _read_limited(part, limit)
        raise ApiError(422, "invalid_input", "the form has no part named 'file'")
    if content_type in (*CSV_TYPES, XLSX_TYPE):
        return await _read_limited(request.content, limit)
    raise ApiError(415, "unsupported_media_type",
                   f"send the file as text/csv, {XLSX_TYPE} or multipart/form-data "
                   f"(not {content_type or 'no Content-Type'})")


def refused(report: Report) -> ApiError:
    fields = [{"field": "file" if error.row is None else f"row {error.row}",
               "message": error.message} for error in report.errors[:MAX_REPORTED]]
    count = len(report.errors)
    more = f" (the first {MAX_REPORTED} are listed)" if count > MAX_REPORTED else ""
    return ApiError(422, "invalid_import", f"{count} error{'s' if count != 1 else ''} in the "
                    f"file{more}; nothing was imported. {report.errors[0].message}",
                    fields=fields)


@routes.post(f"/api/projects/{ID_PATTERN}/commitments/import")
async def import_commitments(request: web.Request) -> web.Response:
    project_id = path_id(request, "project")
    dry_run = request.query.get("dry_run", "false").lower()
    if dry_run not in ("true", "false", "1", "0"):
        raise ApiError(400, "bad_request", "dry_run must be true or false")
    imports = deps_of(request).imports
    admin = admin_of(request)
    await imports.project_name(admin, project_id)  # another company's project: 404 first
    data = await uploaded_file(request, imports.max_bytes)
    try:
        report = await imports.run(admin, project_id, data, apply=dry_run in ("false", "0"))
    except FileTooLarge as exc:
        raise ApiError(413, "payload_too_large", exc.message) from None
    if report.errors:
        raise refused(report)
    return answer(ImportReport.from_report(report, dry_run=dry_run in ("true", "1")))


FILE_BODY = {"required": True, "description": (
    "The spreadsheet: one row per SOV line, the commitment's columns repeated on each of "
    "its rows, its invoice contacts as columns (the template on the project's import page "
    "shows every column). CSV in UTF-8 or Windows-1252, `,` or `;`; XLSX without macros."),
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}}}},
    }}

OPENAPI_PATHS = {
    "/api/projects/{id}/commitments/import": {
        "post": operation(
            operation_id="importCommitments",
            summary="Import commitments with SOV lines and contacts from CSV or XLSX",
            tag="Commitments",
            parameters=[id_parameter("id", "The project's id."),
                        {"name": "dry_run", "in": "query", "required": False,
                         "description": "true: answer the preview, write nothing.",
                         "schema": {"type": "boolean", "default": False}}],
            body=FILE_BODY, errors=(404, 409, 413, 415, 422),
            answers={"200": json_answer(
                "What the import did (or, with dry_run, would do): commitments created, "
                "updated (matched by number) and unchanged. All or nothing: a file with "
                "any row error answers 422 with each row's error in `error.fields`.",
                ref("ImportReport"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_responses(ImportReport)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
