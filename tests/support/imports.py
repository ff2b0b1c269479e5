"""Import files for the tests: CSV and XLSX built from rows, hostile workbooks, the row
counts of the tables an import writes, and a large file."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence

from sqlalchemy import func, select

from app.bootstrap import Container
from documents.spreadsheets import XLSX_TYPE
from store.tables import Commitment, Company, InvoiceContact, Person, SovLine

HEADER = ["Commitment #", "Title", "Kind", "Vendor", "Retainage %", "Item", "Cost Code",
          "Description", "Scheduled Value", "Contact 1 Name", "Contact 1 Email",
          "Contact 2 Name", "Contact 2 Email"]
CSV_HEADERS = {"Content-Type": "text/csv"}
XLSX_HEADERS = {"Content-Type": XLSX_TYPE}


def row(number: str, item: str, value: str = "1000.00", *, title: str = "Drywall",
        company: str = "Wallboard Partners", description: str = "Framing",
        contact: tuple[str, str] = ("Pat Wall", "pat@wallboard.example"),
        second: tuple[str, str] = ("", ""), kind: str = "subcontract",
        retainage: str = "10") -> list[str]:
    return [number, title, kind, company, retainage, item, "09-2000", description, value,
            *contact, *second]


GOOD_ROWS = [
    row("IMP-001", "001", "12500.00", description="Framing"),
    row("IMP-001", "002", "7500.50", description="Board and tape"),
    row("IMP-002", "001", "$4,000.00", title="Paint", company="Bright Coat Painting",
        description="Walls", contact=("Lee Brush", "lee@brightcoat.example"),
        kind="purchase order"),
]


def csv_file(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER, *,
             delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_file(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_macros(xlsx: bytes) -> bytes:
    """The workbook with a VBA project added, as an .xlsm carries it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    return out.getvalue()


def zip_bomb(xlsx: bytes, unpacked_mib: int = 80) -> bytes:
    """The workbook with a part that deflates from a few hundred KiB to `unpacked_mib`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        with target.open("xl/sharedStrings.xml", "w") as part:
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mib):
                part.write(block)
    return out.getvalue()


def many_rows(count: int, *, lines_per_commitment: int = 10, prefix: str = "BULK") -> bytes:
    """`count` SOV lines as CSV: `count / lines_per_commitment` commitments, each with its
    own contract company and contact."""
    rows = []
    for index in range(count):
        number = index // lines_per_commitment
        rows.append(row(f"{prefix}-{number:05d}", f"{index % lines_per_commitment + 1:03d}",
                        f"{1000 + index}.25", title=f"Package {number}",
                        company=f"Trade Partner {number:05d}", description=f"Line {index}",
                        contact=(f"Clerk {number}", f"clerk{number}@trade{number}.example")))
    return csv_file(rows)


async def table_counts(container: Container) -> dict[str, int]:
    """Rows in each table an import writes: equal before and after means nothing written."""
    async with container.ctx.sessions() as session:
        return {table.__name__: (await session.execute(
                    select(func.count()).select_from(table))).scalar_one()
                for table in (Commitment, SovLine, InvoiceContact, Person, Company)}
