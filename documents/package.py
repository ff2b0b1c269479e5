"""The pay-application package: one PDF (a cover sheet, the G702/G703, the waivers given,
then the attachments: PDFs appended with pypdf, images placed on pages) with a bookmark for
each part, or a ZIP of the same files.

An attachment that is not a readable PDF or image is left out and listed on the cover as
skipped, so one broken file never stops the package. Other files (spreadsheets, documents)
go in the ZIP as they are and are listed on the PDF's cover as "in the ZIP only".
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from documents._drawing import fitted
from documents.fonts import register_fonts
from documents.words import DocumentWords

PAGE = letter
MARGIN = 50
IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})


@dataclass(frozen=True)
class PackageFile:
    """A file of the package: a waiver (PDF) or an attachment as uploaded."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class PackageContents:
    title: str                     # e.g. "Pay application INV-2, SC-100 Structure"
    facts: tuple[str, ...]         # lines under the title: project, contractor, period
    pay_application: bytes         # the G702/G703 PDF
    words: DocumentWords           # the cover's and the bookmarks' words
    waivers: tuple[PackageFile, ...] = ()
    attachments: tuple[PackageFile, ...] = ()


@dataclass
class PackageReport:
    pages: int = 0
    included: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (filename, why)


def _image_pdf(item: PackageFile) -> bytes:
    """The image on a page of its own, scaled to fit inside the margins."""
    image = ImageReader(io.BytesIO(item.data))
    width, height = image.getSize()
    if width <= 0 or height <= 0:
        raise ValueError("the image has no pixels")
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, invariant=1)
    room_w, room_h = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 20
    scale = min(room_w / width, room_h / height, 1.0)
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(MARGIN, PAGE[1] - MARGIN + 6,
                      fitted(item.filename, fonts.regular, 8, room_w))
    canvas.drawImage(image, MARGIN, PAGE[1] - MARGIN - 10 - height * scale,
                     width * scale, height * scale)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _readable(item: PackageFile, words: DocumentWords,
              ) -> tuple[PdfReader | None, str | None]:
    """(the file as PDF pages, None) or (None, why it is skipped)."""
    try:
        if item.content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(item.data))
            if reader.is_encrypted:
                return None, words("package.why_encrypted")
            if len(reader.pages) == 0:
                return None, words("package.why_no_pages")
            for page in reader.pages:  # parsing is lazy: read every page now, not mid-write
                page.get_contents()
            return reader, None
        if item.content_type in IMAGE_TYPES:
            return PdfReader(io.BytesIO(_image_pdf(item))), None
    # A damaged upload may break the parsers in many ways; any of them only skips the file.
    except Exception as error:
        kind = "pdf" if item.content_type == "application/pdf" else "image"
        return None, words(f"package.why_unreadable_{kind}", error=type(error).__name__)
    return None, words("package.why_zip_only")


def _cover(contents: PackageContents, parts: Sequence[str],
           skipped: Sequence[tuple[str, str]], words: DocumentWords) -> bytes:
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, invariant=1)
    width = PAGE[0] - 2 * MARGIN
    y = PAGE[1] - MARGIN - 10
    canvas.setFont(fonts.bold, 15)
    canvas.drawString(MARGIN, y, fitted(contents.title, fonts.bold, 15, width))
    y -= 22
    canvas.setFont(fonts.regular, 10)
    for fact in contents.facts:
        canvas.drawString(MARGIN, y, fitted(fact, fonts.regular, 10, width))
        y -= 14

    def listing(heading: str, lines: Sequence[str], y: float) -> float:
        canvas.setFont(fonts.bold, 11)
        canvas.drawString(MARGIN, y - 10, heading)
        y -= 26
        canvas.setFont(fonts.regular, 9)
        for line in lines or [words("package.none")]:
            for piece in simpleSplit(line, fonts.regular, 9, width - 12):
                if y < MARGIN:
                    canvas.showPage()
                    canvas.setFont(fonts.regular, 9)
                    y = PAGE[1] - MARGIN
                canvas.drawString(MARGIN + 12, y, piece)
                y -= 12
        return y

    y = listing(words("package.contents"), [f"{number}. {part}" for number, part in
                                            enumerate(parts, start=1)], y - 10)
    listing(words("package.skipped"), [f"{name}: {why}" for name, why in skipped], y - 10)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_package_pdf(contents: PackageContents, out: BinaryIO) -> PackageReport:
    """Write the package as one PDF to `out`; the report says what went in and what not."""
    report = PackageReport()
    words = contents.words
    pay_application = PdfReader(io.BytesIO(contents.pay_application))
    parts: list[tuple[str, PdfReader]] = [(words("package.pay_application"), pay_application)]
    for group, items in (("waiver", contents.waivers), ("attachment", contents.attachments)):
        for item in items:
            reader, why = _readable(item, words)
            if reader is None:
                report.skipped.append((item.filename, why or "?"))
            else:
                parts.append((words(f"package.{group}", filename=item.filename), reader))
    cover = PdfReader(io.BytesIO(_cover(contents, [name for name, _ in parts],
                                        report.skipped, words)))
    writer = PdfWriter()
    writer.append(cover, import_outline=False)
    writer.add_outline_item(words("package.cover_sheet"), 0)
    for name, reader in parts:
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(name, start)
        if reader is pay_application and len(reader.pages) > 1:
            writer.add_outline_item(words("package.g702_summary"), start, parent=parent)
            writer.add_outline_item(words("package.g703_sheet"), start + 1, parent=parent)
        report.included.append(name)
    writer.add_metadata({"/Title": contents.title})
    writer.write(out)
    report.pages = len(writer.pages)
    return report


# Kept as they are in the ZIP: deflating them again takes time and saves next to nothing
# (images, office files and our PDFs are compressed already).
STORED = (".pdf", ".png", ".jpg", ".jpeg", ".heic", ".xlsx", ".docx", ".zip")


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    stored = name.lower().endswith(STORED)
    archive.writestr(name, data,
                     compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def write_package_zip(contents: PackageContents, archive: zipfile.ZipFile,
                      folder: str = "") -> PackageReport:
    """The same files in `archive` (under `folder`): the G702/G703 PDF, the waivers, the
    attachments as uploaded, and the package PDF with its cover."""
    package = io.BytesIO()
    report = write_package_pdf(contents, package)
    _add(archive, f"{folder}package.pdf", package.getvalue())
    _add(archive, f"{folder}pay-application.pdf", contents.pay_application)
    for sub, items in (("waivers", contents.waivers), ("attachments", contents.attachments)):
        taken: set[str] = set()
        for number, item in enumerate(items, start=1):
            name = item.filename if item.filename not in taken else f"{number}-{item.filename}"
            taken.add(name)
            _add(archive, f"{folder}{sub}/{name}", item.data)
    return report
