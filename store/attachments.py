"""Queries for invoice attachments (the files themselves live under var/attachments/)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.attachments import AttachmentInfo
from store import mapping
from store.tables import Attachment, Commitment, Invoice, Project


async def attachments_of(session: AsyncSession, invoice_id: int) -> list[AttachmentInfo]:
    rows = await session.execute(select(Attachment).where(
        Attachment.invoice_id == invoice_id).order_by(Attachment.id))
    return [mapping.attachment(row) for row in rows.scalars()]


async def add_attachment(session: AsyncSession, *, invoice_id: int, filename: str,
                         content_type: str, size: int, sha256: str,
                         now: datetime) -> AttachmentInfo:
    """The attachment's row; the file itself is stored under attachments/<sha256>."""
    row = Attachment(invoice_id=invoice_id, filename=filename, content_type=content_type,
                     size=size, sha256=sha256, storage_path=f"attachments/{sha256}",
                     created_at=now)
    session.add(row)
    await session.flush()
    return mapping.attachment(row)


async def attachment_owner(session: AsyncSession, attachment_id: int,
                           ) -> tuple[Attachment, int, int] | None:
    """The attachment, its commitment and the company owning the project."""
    query = (select(Attachment, Commitment.id, Project.company_id)
             .join(Invoice, Invoice.id == Attachment.invoice_id)
             .join(Commitment, Commitment.id == Invoice.commitment_id)
             .join(Project, Project.id == Commitment.project_id)
             .where(Attachment.id == attachment_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1], row[2])
