"""Invoice attachments on disk: stored under var/attachments/ named by their SHA-256
(outside the database; the same file twice is stored once)."""

from __future__ import annotations

import os
from pathlib import Path


def keep_file(folder: Path, digest: str, data: bytes) -> None:
    """Store `data` as folder/digest unless it is there already."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / digest
    if path.exists():
        return
    # Written aside and renamed: a reader never sees half a file.
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)
