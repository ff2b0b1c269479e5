"""Render a mail from its three templates: `email/<name>.subject.j2`, `.txt.j2`, `.html.j2`."""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import css_inline
import jinja2

from mailer.i18n import Wording, format_date, format_money, strings_for, wording_for

_TEMPLATE_NAME = re.compile(r"[a-z0-9_]+")
# ASCII whitespace only: a no-break space inside a subject is meant to stay.
_SUBJECT_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(frozen=True, slots=True)
class RenderedMail:
    """A rendered message: a one-line subject, a text part and an HTML part."""

    subject: str
    text: str
    html: str


class MailRenderer:
    """Renders the mail templates under `<templates_dir>/email/`.

    The templates get the caller's context plus `t`, the wording for `context["locale"]` and
    `context["terminology"]` (the project's dictionary; see `mailer.i18n`), and the gettext
    callables of that wording (`_`, `ngettext`, `pgettext`, `{% trans %}`); a variable the
    context lacks fails loudly (StrictUndefined).
    """

    def __init__(self, templates_dir: str | os.PathLike[str]) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(os.fspath(templates_dir)),
            # Only the HTML part is markup; escaping the text part or the subject would
            # show "&amp;" to the reader.
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html.j2",), default_for_string=False, default=False
            ),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Templates are deployed with the code; skip a stat() per render.
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],
        )
        # The default wording; a render's own (its locale's) comes in its context, which
        # Jinja looks up before the globals.
        self._env.install_gettext_callables(  # type: ignore[attr-defined]
            **_gettext_of(Wording("en-US")), newstyle=False)
        self._env.filters["long_date"] = format_date
        self._env.filters["money"] = format_money
        # Inline the rendered HTML, not the template source: the HTML parser would move
        # `{% for %}` out of a <table>. One inliner, reused, keeps the parsed settings.
        self._inliner = css_inline.CSSInliner(load_remote_stylesheets=False)

    def render(self, name: str, context: Mapping[str, Any]) -> RenderedMail:
        """Render `email/<name>.*.j2` with `context`."""
        if not _TEMPLATE_NAME.fullmatch(name):
            raise ValueError(f"invalid mail template name: {name!r}")
        full_context = dict(context)
        if "locale" in context:
            locale = str(context["locale"])
            dictionary = context.get("terminology")
            full_context.setdefault("t", strings_for(locale, dictionary))
            for callable_name, call in wording_for(locale, dictionary).callables().items():
                full_context.setdefault(callable_name, call)
        subject = self._render_file(f"email/{name}.subject.j2", full_context)
        text = self._render_file(f"email/{name}.txt.j2", full_context)
        html = self._render_file(f"email/{name}.html.j2", full_context)
        return RenderedMail(
            subject=_SUBJECT_WHITESPACE.sub(" ", subject).strip(),
            text=text,
            html=self._inliner.inline(html),
        )

    def _render_file(self, path: str, context: Mapping[str, Any]) -> str:
        return self._env.get_template(path).render(context)


def _gettext_of(wording: Wording) -> dict[str, Any]:
    return {"gettext": wording.gettext, "ngettext": wording.ngettext,
            "pgettext": wording.pgettext}
