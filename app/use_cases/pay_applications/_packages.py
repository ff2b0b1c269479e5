"""Gathering an invoice's package: its G702/G703 PDF, the waivers the caller gives, and the
attachments read from the folder they are kept in (by checksum)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from app.use_cases.pay_applications._document import words_of
from documents.package import PackageContents, PackageFile
from documents.pay_application import render_pay_application
from domain.attachments import AttachmentInfo
from domain.pay_application import PayApplication


def _read(folder: Path, info: AttachmentInfo) -> PackageFile:
    path = folder / info.sha256
    # A file missing on disk is listed as skipped (an empty "PDF" cannot be read).
    data = path.read_bytes() if path.is_file() else b""
    return PackageFile(info.filename, info.content_type, data)


def contents(document: PayApplication, attachments: Sequence[AttachmentInfo], folder: Path,
             waivers: Sequence[PackageFile]) -> PackageContents:
    """Blocking (renders and reads files): run it in a thread."""
    header, words = document.header, words_of(document)
    return PackageContents(
        title=words("package.title", number=header.application_number,
                    contract_for=header.contract_for),
        facts=(words("package.fact_project", project=header.project),
               words("package.fact_contractor", contractor=header.contractor),
               words("package.fact_to", owner=header.owner),
               words("package.fact_period_to", date=words.date(header.period_to))),
        pay_application=render_pay_application(document, words), waivers=tuple(waivers),
        attachments=tuple(_read(folder, info) for info in attachments), words=words)


def folder_name(document: PayApplication, invoice_id: int) -> str:
    """A folder in the period's ZIP per invoice, safe on every file system."""
    raw = f"{invoice_id}-{document.header.contract_for.split(' ')[0]}-" \
          f"{document.header.application_number}"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", raw)[:80] + "/"
