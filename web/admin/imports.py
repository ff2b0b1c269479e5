"""Importing commitments on a page: /admin/projects/{id}/import.

GET the page (the templates to download, the upload form); POST the file (a multipart
form, its token first): the preview is listed row by row when the file has errors (nothing
is kept), otherwise the file is kept and the browser sent to
/admin/projects/{id}/import/{upload id}, which shows what the import would do and a
*Confirm* button; POSTing that writes it all in one transaction.
"""

from __future__ import annotations

from aiohttp import BodyPartReader, web

from app.use_cases.document_words import document_words
from app.use_cases.imports.service import FileTooLarge, Imports, UploadView
from app.use_cases.imports.templates import TEMPLATE_NAME, template_file
from documents.spreadsheets import XLSX_TYPE
from domain.import_columns import TEMPLATE_COLUMNS
from domain.import_plan import ImportReport
from domain.model import Administrator
from mailer.i18n import Wording
from web.admin.import_errors import error_texts
from web.admin.sign_in import see_other
from web.admin.words import project_words
from web.csrf import FIELD, CsrfFailed, check_origin, check_token, checked_form
from web.keys import deps_of
from web.page_words import page_wording
from web.path_params import ID_PATTERN, path_id
from web.render import page, render
from web.routing import add_routes
from web.session import require_admin

routes = web.RouteTableDef()
CHUNK = 64 * 1024
BASE = f"/admin/projects/{ID_PATTERN}/import"


def _imports(request: web.Request) -> Imports:
    return deps_of(request).imports


class _Upload:
    def __init__(self) -> None:
        self.filename, self.data, self.problem, self.status = "", b"", "", 200


async def _uploaded(request: web.Request, limit: int, words: Wording) -> _Upload:
    """The form's file, once its token (which comes first) is checked; what is wrong with
    it said in `words`."""
    check_origin(request)
    reader = await request.multipart()
    upload, token_checked = _Upload(), False
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == FIELD:
            check_token(request, (await part.read(decode=False)).decode(errors="replace"))
            token_checked = True
        elif part.name == "file":
            if not token_checked:
                raise CsrfFailed("the form has no valid security token")
            upload.filename = part.filename or ""
            data = bytearray()
            while chunk := await part.read_chunk(CHUNK):
                data += chunk
                if len(data) > limit:
                    upload.problem = words.gettext("import.too_large").format(
                        megabytes=limit // (1024 * 1024))
                    upload.status = 413
                    return upload
            upload.data = bytes(data)
    if not token_checked:
        raise CsrfFailed("the form has no valid security token")
    if not upload.filename and not upload.data:
        upload.problem, upload.status = words.gettext("import.choose_file"), 422
    return upload


async def _project(request: web.Request, admin: Administrator,
                   project_id: int) -> tuple[str, dict[str, str]]:
    """The project's name and words (its language and dictionary); NotFound when it is not
    the administrator's company's."""
    project = await deps_of(request).projects.get_project(admin, project_id)
    return project.name, project_words(project)


def _page(request: web.Request, project_id: int, project: tuple[str, dict[str, str]], *,
          status: int = 200, problem: str = "", report: ImportReport | None = None,
          filename: str = "") -> web.Response:
    name, words = project
    return render(request, "import.html.j2", status=status, project_id=project_id,
                  project_name=name, problem=problem, report=report,
                  row_errors=_row_errors(request, words, report),
                  filename=filename, columns=TEMPLATE_COLUMNS, words=words)


def _row_errors(request: web.Request, words: dict[str, str],
                report: ImportReport | None) -> list[str]:
    """The report's row errors in the project's words (columns as its template names them)."""
    if report is None or not report.errors:
        return []
    return error_texts(report.errors, page_wording(request, words),
                       document_words(words["locale"], words.get("terminology")))


@routes.get(BASE)
@page
async def import_page(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    return _page(request, project_id, await _project(request, admin, project_id))


@routes.get(BASE + "/{kind:template\\.(csv|xlsx)}")
@page
async def template(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project = await deps_of(request).projects.get_project(admin, path_id(request, "project"))
    kind = request.match_info["kind"].rsplit(".", 1)[1]
    content_type = XLSX_TYPE if kind == "xlsx" else "text/csv; charset=utf-8"
    # The headers in the project's language (an import accepts every language's).
    words = document_words(project.locale, project.terminology)
    return web.Response(body=template_file(kind, words), headers={
        "Content-Type": content_type, "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}.{kind}"'})


@routes.post(BASE)
@page
async def upload(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    imports = _imports(request)
    name = await _project(request, admin, project_id)
    words = page_wording(request, name[1])
    sent = await _uploaded(request, imports.max_bytes, words)
    if sent.problem:
        return _page(request, project_id, name, status=sent.status, problem=sent.problem,
                     filename=sent.filename)
    try:
        upload_id, report = await imports.upload(admin, project_id, sent.filename, sent.data)
    except FileTooLarge as exc:
        return _page(request, project_id, name, status=413, problem=exc.message.capitalize(),
                     filename=sent.filename)
    if upload_id is None:
        return _page(request, project_id, name, status=422, report=report,
                     filename=sent.filename,
                     problem=words.gettext("import.has_errors"))
    return see_other(f"/admin/projects/{project_id}/import/{upload_id}")


def _preview(request: web.Request, project: tuple[str, dict[str, str]], view: UploadView,
             *, status: int = 200) -> web.Response:
    name, words = project
    report = view.report
    return render(request, "import_preview.html.j2", status=status, view=view,
                  project_name=name, words=words,
                  row_errors=_row_errors(request, words, report))


@routes.get(BASE + f"/{ID_PATTERN.replace('id', 'upload')}")
@page
async def preview(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    project_id = path_id(request, "project")
    imports = _imports(request)
    name = await _project(request, admin, project_id)
    view = await imports.uploaded(admin, project_id, path_id(request, "import", "upload"))
    return _preview(request, name, view)


@routes.post(BASE + f"/{ID_PATTERN.replace('id', 'upload')}")
@page
async def confirm(request: web.Request) -> web.StreamResponse:
    admin = await require_admin(request)
    await checked_form(request)
    project_id = path_id(request, "project")
    imports = _imports(request)
    name = await _project(request, admin, project_id)
    view = await imports.confirm(admin, project_id, path_id(request, "import", "upload"))
    if not view.report.applied:
        return _preview(request, name, view, status=409)
    return see_other(f"/admin/projects/{project_id}/import/{view.id}?done=1")


def register(app: web.Application) -> None:
    add_routes(app, routes)
