"""Import files kept between the preview and the confirmation (the import page)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import CommitmentImport, Project

KEEP_UNCONFIRMED = timedelta(days=1)


async def add_upload(session: AsyncSession, project_id: int, person_id: int, filename: str,
                     content: bytes, sha256: str, now: datetime) -> int:
    """Store the file; unconfirmed files of the project older than a day go."""
    await session.execute(delete(CommitmentImport).where(
        CommitmentImport.project_id == project_id, CommitmentImport.applied_at.is_(None),
        CommitmentImport.created_at < now - KEEP_UNCONFIRMED))
    row = CommitmentImport(project_id=project_id, uploaded_by=person_id, filename=filename,
                           content=content, sha256=sha256, created_at=now)
    session.add(row)
    await session.flush()
    assert row.id is not None
    return row.id


async def upload_row(session: AsyncSession, company_id: int, project_id: int,
                     upload_id: int) -> CommitmentImport | None:
    """The upload, only if it is of that project and the company owns the project."""
    query = (select(CommitmentImport)
             .join(Project, Project.id == CommitmentImport.project_id)
             .where(CommitmentImport.id == upload_id, CommitmentImport.project_id == project_id,
                    Project.company_id == company_id))
    return (await session.execute(query)).scalars().first()
