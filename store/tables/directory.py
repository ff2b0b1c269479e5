"""Merges of duplicates in a company's directory: what was folded into what, and by whom."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from store.tables.base import created_at


class DirectoryMerge(SQLModel, table=True):
    """Kept after the merged row is gone: its name and address stay readable here."""

    __tablename__ = "directory_merge"

    id: int | None = Field(default=None, primary_key=True)
    owner_company_id: int = Field(foreign_key="company.id", index=True)
    kind: str = Field(max_length=10)  # "company" | "person"
    kept_id: int
    merged_id: int
    merged_name: str = Field(max_length=200)
    merged_email: str | None = Field(default=None, max_length=254)
    # How many references moved, by kind (commitments, invoice contacts, mail, ...).
    moved: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    merged_by_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = created_at()
