"""Invoice attachments: stored under var/attachments/ named by their SHA-256 (outside the
database; the same file twice is stored once), described by a row per invoice."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from app.use_cases.invoice_queries import InvoiceQueries
from domain.attachments import (
    AttachmentInfo,
    check_size,
    clean_filename,
    content_type_for,
)
from domain.errors import Conflict, NotFound
from domain.invoice_records import EDITABLE_STATUSES, InvoiceStatus
from domain.model import Administrator
from store import attachments, invoices, mapping


class InvoiceAttachments(InvoiceQueries):
    @property
    def max_attachment_bytes(self) -> int:
        return self.ctx.settings.attachment_max_bytes

    @property
    def _folder(self) -> Path:
        return self.ctx.settings.var_dir / "attachments"

    async def attach_for_contact(self, contact_id: int, commitment_id: int, period_id: int,
                                 filename: str, data: bytes) -> AttachmentInfo:
        """Attach a file to the contact's saved invoice of the period while they may still
        change it. Raises AttachmentTooLarge, AttachmentTypeRefused, Conflict."""
        settings = self.ctx.settings
        name = clean_filename(filename)
        content_type = content_type_for(name, settings.attachment_types)
        check_size(name, len(data), settings.attachment_max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        async with self.ctx.sessions.begin() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            invoice = await invoices.invoice_of_period(session, commitment_id, period_id)
            if invoice is None:
                raise Conflict("save the invoice as a draft first, then attach files",
                               code="invoice_not_saved")
            if InvoiceStatus(invoice.status) not in EDITABLE_STATUSES:
                raise Conflict("the invoice has been sent; files can no longer be added",
                               code="invoice_read_only")
            # Written before the row commits: a failed commit leaves an unreferenced file,
            # never a row without its file.
            await asyncio.to_thread(self._store, digest, data)
            return await attachments.add_attachment(
                session, invoice_id=invoice.id or 0, filename=name, content_type=content_type,
                size=len(data), sha256=digest, now=self.ctx.clock())

    async def attachment_for_contact(self, contact_id: int,
                                     attachment_id: int) -> tuple[AttachmentInfo, Path]:
        async with self.ctx.sessions() as session:
            found = await attachments.attachment_owner(session, attachment_id)
            if found is None or not await invoices.is_contact_of(session, contact_id, found[1]):
                raise NotFound(f"attachment {attachment_id} not found")
        return mapping.attachment(found[0]), self._folder / found[0].sha256

    async def attachment_for_admin(self, admin: Administrator,
                                   attachment_id: int) -> tuple[AttachmentInfo, Path]:
        async with self.ctx.sessions() as session:
            found = await attachments.attachment_owner(session, attachment_id)
        if found is None or found[2] != admin.company_id:
            raise NotFound(f"attachment {attachment_id} not found")
        return mapping.attachment(found[0]), self._folder / found[0].sha256

    def _store(self, digest: str, data: bytes) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self._folder / digest
        if path.exists():
            return
        # Written aside and renamed: a reader never sees half a file.
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
