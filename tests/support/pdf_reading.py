"""Reading generated PDFs back as the tests' evidence: the text of each page as poppler's
pdftotext lays it out, and the first page rendered to pixels by pdftoppm."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pages_text(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page (pdftotext -layout keeps each printed row on one line)."""
    source = tmp_path / "document.pdf"
    source.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", str(source), "-"], check=True,
                          capture_output=True, timeout=60)
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def line_with(page: str, *starts: str) -> list[str]:
    """The words of the one line of `page` whose words begin with `starts`."""
    found = [line.split() for line in page.splitlines()
             if line.split()[:len(starts)] == list(starts)]
    assert len(found) == 1, f"{starts} is on {len(found)} lines of:\n{page}"
    return found[0]


def figures(line: list[str]) -> list[str]:
    """The amounts and percentages of a printed line, in order."""
    return [word for word in line if re.fullmatch(r"-?[\d,]+\.\d{2,4}%?", word)]


def first_page_pixels(data: bytes, tmp_path: Path) -> bytes:
    """The first page as an 8-bit greyscale image's pixels (pdftoppm, 50 dpi)."""
    source = tmp_path / "page.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                    str(source), str(tmp_path / "page")], check=True, timeout=60)
    image = (tmp_path / "page.pgm").read_bytes()
    # A binary PGM: "P5", width, height, max value, then one byte per pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", image)
    assert header is not None, "pdftoppm did not write a greyscale PGM"
    return image[header.end():]
