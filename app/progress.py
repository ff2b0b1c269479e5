"""A one-line progress bar for the terminal (stderr), redrawn in place."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, total: int, label: str, stream: TextIO = sys.stderr,
                 width: int = 30) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream
        self.width = width
        self.interactive = stream.isatty()
        self._last = ""

    def update(self, done: int, note: str = "") -> None:
        filled = self.width if self.total == 0 else self.width * min(done, self.total) // self.total
        line = f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] " \
               f"{done}/{self.total} {note}".rstrip()
        if line == self._last:
            return
        self._last = line
        # Without a terminal, print each change on its own line (logs, CI).
        self.stream.write(("\r" + line) if self.interactive else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
