"""Filling a cached skeleton gives exactly the bytes of a full render (mailer/skeletons.py).

Every mail template, many generated contexts: printed values with the characters HTML
escapes, no-break spaces, accents, line breaks and control characters (those render in
full), the strings the templates compare with, booleans and None, each locale. The two
renderers live across examples, so skeletons built for one context are filled with others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import nodes

from app.bootstrap import TEMPLATES_DIR
from mailer.render import MailRenderer
from mailer.skeletons import usage

TEMPLATES = sorted(path.name.removesuffix(".subject.j2")
                   for path in Path(TEMPLATES_DIR, "email").glob("*.subject.j2"))
FAST = MailRenderer(TEMPLATES_DIR)
FULL = MailRenderer(TEMPLATES_DIR, skeletons=False)
# Names the templates set themselves, and Jinja's own.
INTERNAL = {"t", "loop", "self", "line", "period"}
TRICKY = st.sampled_from(["&", "<", ">", '"', "'", "\xa0", "é", "&amp;", "lt;", " ", "\n",
                          "\r\n", "\t", "\x00", "\u2028", "{", "}", "\ue000", "—"])
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
TEXT = st.lists(st.one_of(PRINTABLE, TRICKY), max_size=5).map("".join)


def _variables_and_constants(name: str) -> tuple[list[str], list[str]]:
    found = usage(FULL._env, [f"email/{name}.{part}.j2" for part in ("subject", "txt", "html")])
    variables = sorted((found.exact | found.truthy | found.printed) - INTERNAL)
    constants = set()
    for part in ("subject", "txt", "html"):
        source = FULL._env.loader.get_source(FULL._env, f"email/{name}.{part}.j2")[0]  # type: ignore[union-attr]
        constants |= {node.value for node in FULL._env.parse(source).find_all(nodes.Const)
                      if isinstance(node.value, str)}
    return variables, sorted(constants)


def _render(renderer: MailRenderer, name: str, context: dict[str, Any]) -> object:
    try:
        return renderer.render(name, context)
    except Exception as exc:  # both must fail alike (a missing or unusable value)
        return type(exc)


@pytest.mark.parametrize("name", TEMPLATES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_filled_skeleton_equals_full_render(name: str, data: st.DataObject) -> None:
    variables, constants = _variables_and_constants(name)
    # A few values per batch: the same skeleton gets filled with different recipients.
    value = st.one_of(TEXT, TEXT, TEXT, st.sampled_from(constants or [""]), st.booleans(),
                      st.none())
    context = {variable: data.draw(value, label=variable) for variable in variables}
    context["locale"] = data.draw(st.sampled_from(["en-US", "en-AU", "fr-CA", "de-DE"]))
    assert _render(FAST, name, context) == _render(FULL, name, context)


def test_a_batch_reuses_one_skeleton_and_matches() -> None:
    renderer = MailRenderer(TEMPLATES_DIR)
    for i in range(200):
        context = {
            "project_name": "Tower & <Annex>", "inviter_name": 'Jordan "JA" Avery',
            "inviter_email": "admin@summit.example", "contact_name": f"Clerk {i} O'Neil",
            "commitment_number": f"SC-{i:05d}", "commitment_title": f"Trade\xa0{i} <b>",
            "contract_company": f"Sub {i}", "period_start": "November 1, 2026",
            "period_end": "November 30, 2026", "due_date": "November 25, 2026",
            "invitation_message": "Line one\nline two", "locale": "en-US", "resend": False,
            "invoice_type": "work_and_materials", "terminology": "general_contractor",
            "yes_url": f"https://itb.example/a/t{i}/yes?x=1&y=2", "no_url": f"https://itb.example/a/t{i}/no"}
        assert renderer.render("invite", context) == FULL.render("invite", context)
    assert len(renderer._skeletons) == 1
    assert next(iter(renderer._skeletons.values())) is not None  # filled, not rendered in full


def test_a_value_with_a_line_break_renders_in_full_where_the_template_splits_it() -> None:
    found = usage(FULL._env, ["email/invite.html.j2"])
    assert "invitation_message" in found.exact  # `.splitlines()` is not a plain print
    assert "resend" in found.truthy
    assert "contact_name" in found.printed
