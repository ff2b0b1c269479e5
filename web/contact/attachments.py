"""Attachments of an invoice: POST /c/commitments/{id}/invoices/attachments (a multipart
form with one or more files), and the contact's downloads (/c/attachments/{id}); the
administrator's are in web/admin/invoice_review.py. Each only to whoever may see the invoice.

The upload is read part by part, so a file over the limit is refused (413) as soon as it
passes the limit, without reading (or buffering) the rest.
"""

from __future__ import annotations

from aiohttp import BodyPartReader, web

from domain.attachments import AttachmentTooLarge, AttachmentTypeRefused, too_large
from domain.errors import DomainError, NotFound
from web.contact.invoice_form import no_open_period, show_form
from web.contact_session import require_contact
from web.csrf import FIELD, CsrfFailed, check_origin, check_token
from web.downloads import attachment_download
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id
from web.refusals import worded_key, worded_refusal
from web.render import page
from web.routing import add_routes

MAX_FILES = 20
CHUNK = 64 * 1024

routes = web.RouteTableDef()


async def _read_limited(part: BodyPartReader, limit: int) -> bytes:
    data = bytearray()
    while chunk := await part.read_chunk(CHUNK):
        data += chunk
        if len(data) > limit:
            raise too_large(str(part.filename), limit)
    return bytes(data)


async def _uploaded(request: web.Request, limit: int) -> list[tuple[str, bytes]]:
    """The files of the form, once its token (which comes first) is checked."""
    check_origin(request)
    reader = await request.multipart()
    files: list[tuple[str, bytes]] = []
    token_checked = False
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == FIELD:
            check_token(request, (await part.read()).decode(errors="replace"))
            token_checked = True
        elif part.name == "files" and part.filename:
            if not token_checked:
                raise CsrfFailed("the form has no valid security token")
            if len(files) == MAX_FILES:
                raise DomainError(f"attach at most {MAX_FILES} files at a time",
                                  words="attachment_too_many", values={"most": MAX_FILES})
            files.append((part.filename, await _read_limited(part, limit)))
    if not token_checked:
        raise CsrfFailed("the form has no valid security token")
    return files


@routes.post(f"/c/commitments/{ID_PATTERN}/invoices/attachments")
@page
async def upload(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    commitment_id = path_id(request, "commitment")
    item = await deps_of(request).access.commitment(contact, commitment_id)
    service = deps_of(request).invoices
    if item.period_id is None:
        return no_open_period(request, item)
    status, problems = 422, []
    try:
        files = await _uploaded(request, service.max_attachment_bytes)
        if not files:
            problems.append(worded_key("attachment_none", {},
                                       "Choose one or more files to attach.",
                                       item.locale, item.terminology))
        for filename, data in files:
            await service.attach_for_contact(contact.person_id, commitment_id, item.period_id,
                                             filename, data)
    except AttachmentTooLarge as error:
        status, problems = 413, [worded_refusal(error, item.locale, item.terminology)]
    except AttachmentTypeRefused as error:
        status, problems = 415, [worded_refusal(error, item.locale, item.terminology)]
    except (CsrfFailed, NotFound):
        raise
    except DomainError as error:
        problems = [worded_refusal(error, item.locale, item.terminology)]
    if not problems:
        raise web.HTTPSeeOther(f"/c/commitments/{commitment_id}/invoices/new?saved=files")
    return await show_form(request, contact, item, status=status, errors=problems)


@routes.get(f"/c/attachments/{ID_PATTERN}")
@page
async def contact_download(request: web.Request) -> web.StreamResponse:
    contact = await require_contact(request)
    found = await deps_of(request).invoices.attachment_for_contact(
        contact.person_id, path_id(request, "attachment"))
    return attachment_download(found.info, found.path)


def register(app: web.Application) -> None:
    add_routes(app, routes)
