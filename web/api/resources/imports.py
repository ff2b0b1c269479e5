"""The answer to an import of commitments (`ImportReport`): the preview or what was
written. A file with errors answers 422 instead, each row's error in `error.fields`
(`{"field": "row 14", "message": "Row 14: scheduled value 'abc' is not an amount"}`)."""

from __future__ import annotations

from pydantic import Field

from domain import import_plan
from web.api.resources.base import Count, ResponseModel


class ImportCounts(ResponseModel):
    created: Count
    updated: Count
    unchanged: Count


class ImportReport(ResponseModel):
    dry_run: bool
    imported: bool = Field(description="true when the commitments were written (one "
                                       "transaction); false for a dry run or with errors.")
    rows: Count = Field(description="Data rows read (blank rows are skipped).")
    commitments: ImportCounts = Field(description="What the import does (or did) to the "
                                                  "project's commitments, by number.")
    ignored_columns: list[str] = Field(description="Headers that name no import column.")

    @classmethod
    def from_report(cls, report: import_plan.ImportReport, *, dry_run: bool) -> ImportReport:
        return cls(dry_run=dry_run, imported=report.applied, rows=report.rows,
                   commitments=ImportCounts(created=report.created, updated=report.updated,
                                            unchanged=report.unchanged),
                   ignored_columns=list(report.ignored_columns))
