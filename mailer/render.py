"""Render a mail from its three templates: `email/<name>.subject.j2`, `.txt.j2`, `.html.j2`."""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import css_inline
import jinja2

from mailer.i18n import Wording, format_date, format_money, strings_for, wording_for
from mailer.skeletons import PROBE_SUFFIX, Skeleton, Usage, build_skeleton, fillable, usage

_TEMPLATE_NAME = re.compile(r"[a-z0-9_]+")
# ASCII whitespace only: a no-break space inside a subject is meant to stay.
_SUBJECT_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


_WORDING_KEYS = frozenset({"locale", "terminology"})
_MISSING = object()  # a variable the context lacks: rendering it raises (StrictUndefined)
_MAX_SKELETONS = 512  # keys are per template, locale and project: a few per batch


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

    def __init__(self, templates_dir: str | os.PathLike[str], *, skeletons: bool = True) -> None:
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
        # Render once per batch, fill in per message (mailer/skeletons.py); False renders
        # every message in full (the reference the tests compare with).
        self._use_skeletons = skeletons
        self._usages: dict[str, Usage] = {}
        self._skeletons: dict[tuple[Any, ...], Skeleton | None] = {}

    def render(self, name: str, context: Mapping[str, Any]) -> RenderedMail:
        """Render `email/<name>.*.j2` with `context`."""
        if not _TEMPLATE_NAME.fullmatch(name):
            raise ValueError(f"invalid mail template name: {name!r}")
        if self._use_skeletons and (filled := self._filled(name, context)) is not None:
            subject, text, html = filled
        else:
            subject, text, html = self._render_raw(name, context)
        return RenderedMail(subject=_SUBJECT_WHITESPACE.sub(" ", subject).strip(),
                            text=text, html=html)

    def _render_raw(self, name: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
        full_context = dict(context)
        if "locale" in context:
            locale = str(context["locale"])
            dictionary = context.get("terminology")
            full_context.setdefault("t", strings_for(locale, dictionary))
            for callable_name, call in wording_for(locale, dictionary).callables().items():
                full_context.setdefault(callable_name, call)
        return (self._render_file(f"email/{name}.subject.j2", full_context),
                self._render_file(f"email/{name}.txt.j2", full_context),
                self._inliner.inline(self._render_file(f"email/{name}.html.j2", full_context)))

    def _filled(self, name: str, context: Mapping[str, Any]) -> tuple[str, str, str] | None:
        """The message from the cached skeleton of its key, or None to render it in full."""
        used = self._usages.get(name)
        if used is None:
            used = self._usages[name] = usage(self._env, [
                f"email/{name}.{part}.j2" for part in ("subject", "txt", "html")])
        if "t" in context:
            return None  # the wording is derived from the locale, never passed in
        # The wording (`t`, `_`, ...) follows the locale and the dictionary of terms, so
        # both are always part of the key.
        key: list[Any] = [name, context.get("locale"), context.get("terminology")]
        slots: list[str] = []
        try:
            for variable in sorted(used.exact):
                value = context.get(variable, _MISSING) if variable != "t" else None
                key.append((variable, type(value), value))
            # The locale and the dictionary choose the wording: never a slot filled in
            # afterwards (a probe value there would pick another catalogue).
            for variable in sorted((used.truthy | used.printed) - _WORDING_KEYS):
                value = context.get(variable, _MISSING)
                if fillable(value):
                    slots.append(variable)
                    key.append((variable, "slot", bool(value)))
                else:
                    key.append((variable, type(value), value))
            cache_key = tuple(key)
            hash(cache_key)
        except TypeError:  # a value that cannot be a key (a list, a dict): render in full
            return None
        if cache_key not in self._skeletons:
            if len(self._skeletons) >= _MAX_SKELETONS:
                self._skeletons.clear()
            self._skeletons[cache_key] = self._skeleton(name, context, slots)
        skeleton = self._skeletons[cache_key]
        return None if skeleton is None else skeleton.fill(context)

    def _skeleton(self, name: str, context: Mapping[str, Any],
                  slots: list[str]) -> Skeleton | None:
        def render(values: Mapping[str, str]) -> tuple[str, str, str]:
            return self._render_raw(name, {**context, **values})

        try:
            return build_skeleton(slots, render, {slot: str(context[slot]) + PROBE_SUFFIX
                                                  for slot in slots})
        except Exception:  # the full render raises the same error for the caller
            return None

    def _render_file(self, path: str, context: Mapping[str, Any]) -> str:
        return self._env.get_template(path).render(context)


def _gettext_of(wording: Wording) -> dict[str, Any]:
    return {"gettext": wording.gettext, "ngettext": wording.ngettext,
            "pgettext": wording.pgettext}
