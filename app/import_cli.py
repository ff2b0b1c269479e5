"""`invite-to-bill import --project ID FILE [--dry-run]`: import commitments from a CSV or
XLSX file, with a progress bar while they are written; the exit status is 1 when the
file has errors (nothing is written then) or cannot be imported."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.progress import ProgressBar
from domain.errors import DomainError

if TYPE_CHECKING:  # the command line imports this module before it knows the command
    from app.bootstrap import Container
    from domain.import_plan import ImportReport


def import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=int, required=True, help="the project's id")
    parser.add_argument("file", type=Path, help="a .csv or .xlsx file (see the template on "
                                                "the project's import page)")
    parser.add_argument("--dry-run", action="store_true",
                        help="check the file and show what would change; write nothing")
    parser.add_argument("--as", dest="as_email", metavar="EMAIL",
                        help="the administrator it is done as (default: the first "
                             "administrator of the project's company)")


def _read_limited(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes: enough for the import to say the file is too large."""
    with path.open("rb") as file:
        return file.read(limit + 1)


def describe(report: ImportReport) -> str:
    verb = "would be" if not report.applied else "were"
    return (f"{_count(report.rows, 'row')}: {_count(report.created, 'commitment')} {verb} "
            f"created, {report.updated} updated, {report.unchanged} unchanged")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


async def run_import(container: Container, args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        data = await asyncio.to_thread(_read_limited, path, container.imports.max_bytes)
    except OSError as exc:
        print(f"invite-to-bill: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    bar: ProgressBar | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total == 0:
            return
        if bar is None:
            bar = ProgressBar(total, "importing")
        bar.update(done)

    try:
        admin = await container.imports.admin_for_project(args.project, args.as_email)
        report = await container.imports.run(admin, args.project, data,
                                             apply=not args.dry_run, progress=progress)
    except DomainError as exc:
        print(f"invite-to-bill: {exc.message}", file=sys.stderr)
        return 1
    if bar is not None:
        bar.finish()
    for ignored in report.ignored_columns:
        print(f"ignored column: {ignored}", file=sys.stderr)
    for error in report.errors:
        print(error.message, file=sys.stderr)
    if report.errors:
        print(f"{_count(len(report.errors), 'error')}: nothing was imported", file=sys.stderr)
        return 1
    print(describe(report))
    return 0
