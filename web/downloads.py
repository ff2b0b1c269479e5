"""An invoice attachment as a download, for the contact and for the administrator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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


def zip_download(filename: str, data: bytes) -> web.Response:
    return web.Response(body=data, headers={
        "Content-Type": "application/zip", "Cache-Control": "private, no-store",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


async def streamed_zip(request: web.Request, filename: str,
                       produce: Callable[[Callable[[bytes], Awaitable[object]]],
                                         Awaitable[None]]) -> web.StreamResponse:
    """A ZIP sent while it is made: `produce` writes it piece by piece (no length known)."""
    response = web.StreamResponse(headers={
        "Content-Type": "application/zip", "Cache-Control": "private, no-store",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
    await response.prepare(request)
    await produce(response.write)
    await response.write_eof()
    return response
