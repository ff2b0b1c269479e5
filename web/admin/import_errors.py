"""An import's row errors in the page's words: each error's code worded from pages.po
(`import_error.<code>`, framed by `import_error.row` ...), its column named by the import
template's header in the project's language (documents.po `import_template.<key>`); an
error without a code keeps its English sentence."""

from __future__ import annotations

import re

from documents.words import DocumentWords
from domain.commitment_import import RowError
from mailer.i18n import Wording

_CONTACT = re.compile(r"contact(\d+)_(name|email)")


def column_name(key: str, headers: DocumentWords) -> str:
    contact = _CONTACT.fullmatch(key)
    if contact:
        return headers(f"import_template.contact_{contact.group(2)}", n=contact.group(1))
    return headers(f"import_template.{key}")


def error_text(error: RowError, words: Wording, headers: DocumentWords) -> str:
    if error.problem is None:
        return error.message
    values = dict(error.problem.values)
    if "column" in values:
        values["column"] = column_name(str(values["column"]), headers).lower()
    found = words.gettext(f"import_error.{error.problem.code}").format(**values)
    if not error.rows:
        return found
    frame = "import_error.row" if len(error.rows) == 1 else "import_error.rows"
    if error.commitment:
        frame += "_commitment"
    return words.gettext(frame).format(row=error.rows[0], first=error.rows[0],
                                       last=error.rows[-1], number=error.commitment,
                                       problem=found)


def error_texts(errors: tuple[RowError, ...], words: Wording,
                headers: DocumentWords) -> list[str]:
    return [error_text(error, words, headers) for error in errors]
