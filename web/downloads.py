"""An invoice attachment as a download, for the contact and for the administrator."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from domain.attachments import AttachmentInfo


def attachment_download(info: AttachmentInfo, path: object) -> web.StreamResponse:
    return web.FileResponse(str(path), headers={
        "Content-Type": info.content_type, "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(info.filename)}"})


def pdf_download(filename: str, data: bytes) -> web.Response:
    """A generated PDF (the pay application) as a download."""
    return web.Response(body=data, headers={
        "Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
