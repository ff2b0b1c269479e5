"""Uploaded import files kept between the preview and the administrator's confirmation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time


class CommitmentImport(SQLModel, table=True):
    """A file an administrator uploaded on /admin/projects/{id}/import: previewed when
    stored, imported (all or nothing) when confirmed, then kept only as counts."""

    __tablename__ = "commitment_import"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    uploaded_by: int = Field(foreign_key="person.id")
    filename: str = Field(max_length=200)
    content: bytes | None = Field(default=None, sa_type=LargeBinary, nullable=True)
    sha256: str = Field(max_length=64)
    created_at: datetime = created_at()
    applied_at: datetime | None = optional_time()
    created_count: int = 0
    updated_count: int = 0
    unchanged_count: int = 0
