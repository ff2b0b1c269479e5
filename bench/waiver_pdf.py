"""Benchmark: rendering a lien waiver PDF, beside ReportLab's bare canvas in the same run.

- **waiver**: documents/waiver_pdf.render_waiver on a signed waiver (two pages: the waiver
  with its signature block, then the audit trail; embedded TrueType font, invariant output);
- **bare canvas**: the same text drawn on a ReportLab canvas with the same embedded font,
  one drawString per wrapped line, no layout helpers: the least any ReportLab rendering of
  this document costs.

The two alternate in rounds so both meet the same load. Prints and writes
bench/results/waiver_pdf.json: median and p95 per PDF, and the ratio.

    python bench/waiver_pdf.py        # BENCH_PDFS=300 per side by default
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from documents.fonts import register_fonts
from documents.waiver_pdf import render_waiver
from tests.support.waiver_documents import SIGNED

N = int(os.environ.get("BENCH_PDFS", "300"))
ROUNDS = 6
RESULTS = Path(__file__).parent / "results"


def bare_canvas() -> bytes:
    fonts = register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LETTER, invariant=1, pageCompression=1)
    y = 740.0
    lines = [SIGNED.title, f"Waiver code {SIGNED.code}"]
    lines += [f"{label}  {value}" for label, value in SIGNED.facts]
    for paragraph in SIGNED.body.split("\n"):
        lines += simpleSplit(paragraph, fonts.regular, 10.5, 504) or [""]
    assert SIGNED.signature is not None
    lines += ["Signature", f"/s/ {SIGNED.signature.name}", SIGNED.signature.title,
              SIGNED.signature.signed_at]
    for text in lines:
        canvas.setFont(fonts.regular, 10.5)
        canvas.drawString(54, y, text)
        y -= 14
    canvas.showPage()
    y = 740.0
    for when, what in SIGNED.audit:
        canvas.setFont(fonts.regular, 9)
        canvas.drawString(54, y, f"{when}  {what}")
        y -= 12
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(render: object, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        render()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    register_fonts()
    render_waiver(SIGNED), bare_canvas()  # warm up: font subsets, imports
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(ROUNDS):
        ours += timed(lambda: render_waiver(SIGNED), N // ROUNDS)
        bare += timed(bare_canvas, N // ROUNDS)

    def summary(times: list[float]) -> dict[str, float]:
        ordered = sorted(times)
        return {"median_ms": round(statistics.median(ordered), 2),
                "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2)}

    report = {"pdfs_per_side": len(ours), "waiver": summary(ours),
              "bare_canvas": summary(bare),
              "ratio_median": round(statistics.median(ours) / statistics.median(bare), 2),
              "waiver_bytes": len(render_waiver(SIGNED)), "bare_bytes": len(bare_canvas())}
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "waiver_pdf.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
