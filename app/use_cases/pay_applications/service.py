"""The G702/G703 PDF of an invoice, for the administrator of the company that reviews it
and for the contacts of its commitment; anyone else is told it does not exist.

Rendering takes tens of milliseconds of CPU, so it runs in a thread: the event loop keeps
answering other requests meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.use_cases.context import UseCaseContext
from app.use_cases.invoices import _loading as loading
from app.use_cases.pay_applications._document import document_of
from documents.pay_application import render_pay_application
from domain.errors import NotFound
from domain.model import Administrator
from domain.pay_application import PayApplication
from store import invoices


@dataclass(frozen=True)
class PdfFile:
    filename: str
    data: bytes


def _filename(invoice_id: int) -> str:
    return f"pay-application-{invoice_id}.pdf"


class PayApplications:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

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

    async def pdf_for_admin(self, admin: Administrator, invoice_id: int) -> PdfFile:
        document = await self.document_for_admin(admin, invoice_id)
        data = await asyncio.to_thread(render_pay_application, document)
        return PdfFile(_filename(invoice_id), data)

    async def pdf_for_contact(self, contact_id: int, invoice_id: int) -> PdfFile:
        document = await self.document_for_contact(contact_id, invoice_id)
        data = await asyncio.to_thread(render_pay_application, document)
        return PdfFile(_filename(invoice_id), data)
