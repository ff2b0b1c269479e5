"""Benchmark: the G702/G703 PDF and the period's package ZIP.

1. A G702 page plus a 400-line G703 rendered by documents/pay_application.py (median of
   several runs after a warm-up), beside ReportLab's bare canvas drawing the same strings
   (already formatted) with the same embedded font at fixed places in the same run: the
   difference is what our layout costs (fitting text, columns, totals rows).
2. The package of a 50-invoice period (each approved, with a 40-line G703, a 20-page PDF
   and a photo attached) streamed as one ZIP by the real use case on SQLite, into a sink
   that only counts the bytes: time, peak traced Python memory (tracemalloc) and the
   process's peak RSS; beside the same ZIP built whole in memory (the naive way).

    python bench/pay_application.py      # BENCH_INVOICES=50, BENCH_RUNS=15
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen.canvas import Canvas

from app.bootstrap import build
from app.settings import Settings
from app.use_cases.document_words import document_words
from app.use_cases.pay_applications._document import words_of
from documents.fonts import register_fonts
from documents.pay_application import ROWS_PER_PAGE, render_pay_application
from domain.commands import NewBillingPeriod, NewCommitment, NewContact, NewProject, NewSovLine
from domain.invoice_records import BillingType, InvoiceEntry, InvoiceStatus, LineEntry
from domain.model import CommitmentKind
from domain.pay_application import PayApplication, PayApplicationHeader, pay_application
from domain.sov import AmountLine, RetainageRates, compute_invoice
from store import attachments
from store.engine import create_engine
from store.migrate import upgrade_to_head

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
INVOICES = int(os.environ.get("BENCH_INVOICES", "50"))
SECRET = "bench-secret-key-0123456789abcdef0123456789abcdef"


def document(lines: int) -> PayApplication:
    rows = [AmountLine(str(n), Decimal("1000.00"), Decimal("100.00"), Decimal("250.00"),
                       description=f"Coulage de béton, travée {n}") for n in range(1, lines + 1)]
    result = compute_invoice(rows, RetainageRates(Decimal("10"), Decimal("5")),
                             less_previous_certificates=Decimal("0.00"))
    header = PayApplicationHeader("Summit Builders", "Riverside Clinic (RC-1)",
                                  "Béton Québec Ltée", "", "INV-7", date(2026, 11, 30),
                                  date(2026, 1, 5), "SC-100 Structure", False)
    return pay_application(header, result.lines, result.summary, rows_per_page=ROWS_PER_PAGE)


def bare_canvas(texts: list[list[str]]) -> bytes:
    """The same strings, one list per page, drawn at fixed places: nothing measured or cut."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(letter), invariant=1, pageCompression=1)
    for page in texts:
        canvas.setFont(fonts.regular, 7)
        for index, text in enumerate(page):
            canvas.drawString(30 + (index % 10) * 73, 560 - (index // 10) * 11, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def page_texts(doc: PayApplication) -> list[list[str]]:
    english = document_words("en-US")
    pages = [[f"{n}. {value}" for n, value in enumerate(vars(doc.summary).values())]]
    for sheet in doc.pages:
        texts: list[str] = []
        for row in sheet.rows:
            texts += [row.item_number, row.description, english.figure(row.scheduled_value),
                      english.figure(row.work_completed_previous),
                      english.figure(row.work_completed_this_period),
                      english.figure(row.materials_presently_stored),
                      english.figure(row.total_completed_and_stored),
                      english.percent(row.percent_complete), english.figure(row.balance_to_finish),
                      english.figure(row.retainage)]
        pages.append(texts)
    return pages


def median_ms(action: object, runs: int) -> tuple[float, float, float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings), max(timings)


def render_bench() -> None:
    doc = document(400)
    words = words_of(doc)
    texts = page_texts(doc)
    render_pay_application(doc, words)  # warm-up: font registration, caches
    bare_canvas(texts)
    figures = median_ms(lambda: document(400), RUNS)
    ours = median_ms(lambda: render_pay_application(doc, words), RUNS)
    bare = median_ms(lambda: bare_canvas(texts), RUNS)
    print(f"G702 + 400-line G703 ({doc.page_count} pages, {RUNS} runs, median (min-max))")
    print(f"  figures (domain: rows, pages, totals) {figures[0]:7.1f} ms")
    print(f"  render_pay_application            {ours[0]:7.1f} ms ({ours[1]:.1f}-{ours[2]:.1f})")
    print(f"  bare ReportLab canvas, same text  {bare[0]:7.1f} ms ({bare[1]:.1f}-{bare[2]:.1f})")
    print(f"  target under 150 ms: {'met' if ours[0] < 150 else 'NOT met'}; "
          f"layout overhead {ours[0] / bare[0]:.2f}x the bare canvas")


def backup_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for page in range(pages):
        for line in range(50):
            canvas.drawString(40, 800 - line * 15, f"Delivery ticket {page}-{line} " * 4)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def photo() -> bytes:
    buffer = io.BytesIO()
    image = Image.effect_noise((1600, 1200), 64).convert("RGB")
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


async def period_setup(folder: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    engine = create_engine(url)
    await upgrade_to_head(engine)
    await engine.dispose()
    settings = Settings(_env_file=None, env="test", database_url=url,  # type: ignore[call-arg]
                        secret_keys=[SECRET], var_dir=folder)
    container = await build(settings, connect_redis=False,
                            clock=lambda: datetime(2026, 11, 10, 15, tzinfo=UTC))
    admin = await container.access.create_admin(
        email="bench@summit.example", name="Bench", password="correct horse battery",
        company_name="Summit Builders")
    project = await container.projects.create_project(admin, NewProject(
        "Riverside Clinic", "RC-1", "America/Chicago"))
    period = await container.projects.open_period(admin, project.id, NewBillingPeriod(
        date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 25)))
    files = [("backup.pdf", "application/pdf", backup_pdf(20)),
             ("site.jpg", "image/jpeg", photo())]
    store_folder = folder / "attachments"
    store_folder.mkdir(exist_ok=True)
    for _, _, data in files:
        (store_folder / hashlib.sha256(data).hexdigest()).write_bytes(data)
    ids = []
    for number in range(1, INVOICES + 1):
        commitment = await container.projects.create_commitment(admin, project.id, NewCommitment(
            number=f"SC-{number:03}", title="Trade", kind=CommitmentKind.SUBCONTRACT,
            contract_company=f"Trade {number}", retainage_percent_work=Decimal("10"),
            retainage_percent_stored=Decimal("5"),
            sov_lines=tuple(NewSovLine(str(n), f"Line {n}", Decimal("1000.00"))
                            for n in range(1, 41)),
            invoice_contacts=(NewContact("Contact", f"c{number}@trade.example"),)))
        lines = tuple(LineEntry(line.id or 0, Decimal("250.00"))
                      for line in commitment.sov_lines)
        invoice = await container.invoices.create_on_behalf(admin, commitment.id or 0,
                                                            InvoiceEntry(period.id or 0,
                                                                         f"INV-{number}",
                                                                         BillingType.PROGRESS,
                                                                         lines))
        await container.invoices.change_status(admin, invoice.id, InvoiceStatus.APPROVED, None)
        async with container.ctx.sessions.begin() as session:
            for name, kind, data in files:
                await attachments.add_attachment(
                    session, invoice_id=invoice.id, filename=name, content_type=kind,
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                    now=datetime(2026, 11, 10, tzinfo=UTC))
        ids.append(invoice.id)
    return container, admin, period.id, sum(len(data) for _, _, data in files)


class Sink:
    """Where the ZIP goes: counted only (as a socket would take it), or also kept whole."""

    def __init__(self, *, keep: bool) -> None:
        self.keep, self.sent, self.whole = keep, 0, io.BytesIO()

    async def write(self, data: bytes) -> None:
        self.sent += len(data)
        if self.keep:
            self.whole.write(data)


async def package_bench() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        container, admin, period_id, attached = await period_setup(Path(tmp))
        service = container.pay_applications
        assert service is not None
        ids = await service.approved_in_period(admin, period_id)
        assert len(ids) == INVOICES
        results = {}
        for name in ("streamed", "whole in memory"):
            sink = Sink(keep=name != "streamed")
            tracemalloc.start()
            start = time.perf_counter()
            await service.write_period_zip(admin, ids, sink.write)
            elapsed = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            results[name] = (elapsed, peak, sink.sent)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        await container.aclose()
    print(f"\nPeriod of {INVOICES} approved invoices, each a 40-line G703 and "
          f"{attached / 1e6:.1f} MB attached (a 20-page PDF and a photo)")
    for name, (elapsed, peak, sent) in results.items():
        print(f"  {name:16} {elapsed:6.2f} s  {sent / 1e6:6.1f} MB ZIP  "
              f"peak traced memory {peak / 1e6:6.1f} MB")
    print(f"  process peak RSS (whole run) {rss:.0f} MB")


if __name__ == "__main__":
    render_bench()
    asyncio.run(package_bench())
