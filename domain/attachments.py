"""Backup documents attached to an invoice: which files are accepted, and how big.

The type is decided by the file name's extension, and the stored content type is ours
(not what the browser claimed), so a download is always served as what it was accepted as.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.errors import DomainError, InvalidInput

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "heic": "image/heic",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
}
# "jpeg" in the settings allows both spellings of the extension.
ALIASES = {"jpeg": ("jpeg", "jpg")}


class AttachmentTooLarge(DomainError):
    """Answered 413."""

    code = "attachment_too_large"


class AttachmentTypeRefused(InvalidInput):
    """Answered 415 by the pages, 422 elsewhere."""

    code = "attachment_type_refused"


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


def allowed_extensions(types: Iterable[str]) -> set[str]:
    allowed: set[str] = set()
    for name in types:
        allowed.update(ALIASES.get(name.lower(), (name.lower(),)))
    return allowed & set(CONTENT_TYPES)


def clean_filename(filename: str) -> str:
    """The last path part, without control characters, at most 255 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable() and char not in '"')
    return name.strip()[-255:] or "attachment"


def content_type_for(filename: str, types: Iterable[str]) -> str:
    """The content type a file is stored as; AttachmentTypeRefused for other files."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed = allowed_extensions(types)
    if extension not in allowed:
        accepted = ", ".join(sorted(allowed)).upper()
        raise AttachmentTypeRefused(
            f"{filename} cannot be attached: accepted files are {accepted}",
            words="attachment_type", values={"filename": filename, "accepted": accepted})
    return CONTENT_TYPES[extension]


def check_size(filename: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise too_large(filename, max_bytes)
    if size == 0:
        raise InvalidInput(f"{filename} is empty", words="attachment_empty",
                           values={"filename": filename})


def too_large(filename: str, max_bytes: int) -> AttachmentTooLarge:
    megabytes = (Decimal(max_bytes) / 1024 / 1024).quantize(Decimal("0.1"))
    return AttachmentTooLarge(f"{filename} is larger than the limit of {megabytes} MB",
                              words="attachment_too_large",
                              values={"filename": filename, "megabytes": megabytes})
