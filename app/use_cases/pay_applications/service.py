"""The G702/G703 PDF of an invoice, for the administrator of the company that reviews it
and for the contacts of its commitment; anyone else is told it does not exist.

Rendering takes tens of milliseconds of CPU, so it runs in a thread: the event loop keeps
answering other requests meanwhile.
"""

from __future__ import annotations

import asyncio
import gc
import io
import zipfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from app.use_cases.invoices import _loading as loading
from app.use_cases.pay_applications import _packages
from app.use_cases.pay_applications._document import document_of, words_of
from documents.package import PackageContents, PackageFile, write_package_pdf, write_package_zip
from documents.pay_application import render_pay_application
from domain.errors import NotFound
from domain.invoice_records import CERTIFIED_STATUSES
from domain.model import Administrator
from domain.pay_application import PayApplication
from domain.waivers import WaiverKind, WaiverStatus
from store import invoices, pay_applications, periods, sub_tier_waivers
from store import waivers as waivers_store
from store.tables import LienWaiver

Write = Callable[[bytes], Awaitable[object]]


class _Pipe:
    """What zipfile writes to: bytes collected until the caller sends them on."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


@dataclass(frozen=True)
class PdfFile:
    filename: str
    data: bytes


def _filename(invoice_id: int) -> str:
    return f"pay-application-{invoice_id}.pdf"


class PayApplications:
    def __init__(self, ctx: UseCaseContext, attachment_folder: Path) -> None:
        self.ctx = ctx
        self.attachment_folder = attachment_folder

    async def document_for_admin(self, admin: Administrator, invoice_id: int,
                                 ) -> PayApplication:
        async with self.ctx.sessions() as session:
            await loading.check_admins_invoice(session, admin, invoice_id)
            return await document_of(session, await loading.load(session, invoice_id))

    async def document_for_contact(self, contact_id: int, invoice_id: int) -> PayApplication:
        async with self.ctx.sessions() as session:
            invoice = await invoices.invoice_row(session, invoice_id)
            if invoice is None or not await invoices.is_contact_of(
                    session, contact_id, invoice.commitment_id):
                raise NotFound(f"invoice {invoice_id} not found")
            return await document_of(session, await loading.load(session, invoice_id))

    async def _contents(self, admin: Administrator, invoice_id: int,
                        ) -> tuple[PayApplication, PackageContents]:
        async with self.ctx.sessions() as session:
            await loading.check_admins_invoice(session, admin, invoice_id)
            loaded = await loading.load(session, invoice_id)
            document = await document_of(session, loaded)
            signed = await _signed_waivers(session, invoice_id)
        gathered = await asyncio.to_thread(_packages.contents, document,
                                           loaded.record.attachments, self.attachment_folder,
                                           signed)
        return document, gathered

    async def package_pdf(self, admin: Administrator, invoice_id: int) -> PdfFile:
        """The package as one PDF: G702/G703, the invoice's signed lien waivers, then its
        attachments."""
        _, gathered = await self._contents(admin, invoice_id)
        out = io.BytesIO()
        await asyncio.to_thread(write_package_pdf, gathered, out)
        return PdfFile(f"pay-application-package-{invoice_id}.pdf", out.getvalue())

    async def package_zip(self, admin: Administrator, invoice_id: int) -> PdfFile:
        _, gathered = await self._contents(admin, invoice_id)
        out = io.BytesIO()

        def write() -> None:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                write_package_zip(gathered, archive)

        await asyncio.to_thread(write)
        return PdfFile(f"pay-application-package-{invoice_id}.zip", out.getvalue())

    async def approved_in_period(self, admin: Administrator, period_id: int) -> list[int]:
        """The period's approved invoices (NotFound for another company's period)."""
        async with self.ctx.sessions() as session:
            if await periods.company_of_period(session, period_id) != admin.company_id:
                raise NotFound(f"billing period {period_id} not found")
            return await pay_applications.invoice_ids_of_period(
                session, admin.company_id, period_id,
                frozenset(status.value for status in CERTIFIED_STATUSES))

    async def write_period_zip(self, admin: Administrator, invoice_ids: Sequence[int],
                               write: Write) -> None:
        """Every invoice's package into one ZIP, sent on by `write` invoice by invoice, so
        memory holds one package at a time however large the period."""
        pipe = _Pipe()
        archive = zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED)
        for invoice_id in invoice_ids:
            document, gathered = await self._contents(admin, invoice_id)
            folder = _packages.folder_name(document, invoice_id)
            await asyncio.to_thread(write_package_zip, gathered, archive, folder)
            await write(pipe.take())
            del gathered
            # The PDF libraries leave reference cycles behind; without a collection per
            # invoice they pile up until the collector's own schedule (measured: peak 50 MB
            # for 30 invoices, 14 MB with this).
            gc.collect()
        archive.close()
        await write(pipe.take())

    async def pdf_for_admin(self, admin: Administrator, invoice_id: int) -> PdfFile:
        document = await self.document_for_admin(admin, invoice_id)
        data = await asyncio.to_thread(render_pay_application, document, words_of(document))
        return PdfFile(_filename(invoice_id), data)

    async def pdf_for_contact(self, contact_id: int, invoice_id: int) -> PdfFile:
        document = await self.document_for_contact(contact_id, invoice_id)
        data = await asyncio.to_thread(render_pay_application, document, words_of(document))
        return PdfFile(_filename(invoice_id), data)


# A waiver goes into the package once its signature is final: signed (under review) or
# approved, and not held until paid (the held copy's signature is hidden from everyone but
# the signer until the payment is recorded).
_PACKAGED = frozenset({WaiverStatus.SIGNED.value, WaiverStatus.APPROVED.value})


async def _signed_waivers(session: AsyncSession, invoice_id: int) -> tuple[PackageFile, ...]:
    """The contact's signed waivers, then the sub-tiers' (named after the sub-tier), then
    the signed sworn statement (Michigan)."""
    rows = [row for row in await waivers_store.waivers_of_invoice(session, invoice_id)
            if row.signed_pdf is not None and row.status in _PACKAGED
            and (not row.held or row.released_at is not None)]
    tiers = await sub_tier_waivers.sub_tiers_of_waivers(session, [row.id or 0 for row in rows])
    sworn = WaiverKind.SWORN_STATEMENT.value

    def place(row: LienWaiver) -> tuple[int, str]:
        if row.kind == sworn:
            return 2, "sworn-statement"
        return (1, "sub-tier-lien-waiver") if row.id in tiers else (0, "lien-waiver")

    return tuple(PackageFile(f"{place(row)[1]}-{row.code}.pdf", "application/pdf",
                             row.signed_pdf or b"")
                 for row in sorted(rows, key=lambda row: place(row)[0]))
