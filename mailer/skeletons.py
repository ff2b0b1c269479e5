"""Render a mail template once per batch and fill in each recipient's values.

A batch of invites renders the same three templates thousands of times with contexts that
differ only in a few printed values (the contact's name, the commitment, the signed links).
Jinja + css-inline cost ~0.35 ms per message; filling a cached skeleton costs a few µs.

How it stays byte-identical to a full render (tests/unit/test_mail_skeletons.py compares
the two for many generated contexts and every template):
- The templates' syntax tree says how each variable is used. A variable only ever printed
  (`{{ x }}`, or an argument of a wording's `.format(...)`, directly printed) is a *slot*:
  the skeleton holds a marker there, and each message's value is put in its place. A
  variable also tested for truth (`{% if x %}`) is a slot too, and its truth is part of the
  skeleton's key. Any other use (compared, filtered, called, iterated) makes the value
  itself part of the key: such values are shared by a batch (locale, variant, flags).
- The HTML part is inlined by css-inline, which re-parses and re-serialises the markup;
  a value printed there is written the way that serialiser writes it (`&amp;`, `&lt;`,
  `&gt;`, `&nbsp;` in text, `&amp;`, `&quot;`, `&nbsp;` in attributes). A skeleton is kept
  only if a probe (the first context's values with every such character added) filled in
  equals the full render of that probe; otherwise that key always renders in full.
- Values the parser would change or that change the markup's structure (control
  characters, line separators, the markers' private-use characters, blank text) and
  values of other types than str render in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, nodes
from markupsafe import Markup

_MARK = "\ue000{}\ue001"
_MARKS = re.compile("\ue000([0-9]+)\ue001")
_ANY_MARK_CHARACTER = re.compile("[\ue000\ue001]")
# Characters a value may not hold to be filled in: the HTML parser rewrites C0/C1 controls
# and CR, `splitlines()` and friends split on the line separators, the markers use U+E000+.
UNFILLABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ue000-\uf8ff\ud800-\udfff]")
PROBE_SUFFIX = " &amp;<b>\"x\"</b> 'q' \xa0é;"
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "\xa0": "&nbsp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "\xa0": "&nbsp;", '"': "&quot;"})


@dataclass(frozen=True)
class Usage:
    """How a template set uses its variables."""

    exact: frozenset[str]  # the value decides what is rendered: part of the key
    truthy: frozenset[str]  # printed, and tested for truth: the truth is part of the key
    printed: frozenset[str]  # only printed (or tested for truth): slots


def usage(env: Environment, sources: Iterable[str]) -> Usage:
    """Classify every variable the templates (and the layouts they extend) read."""
    exact: set[str] = set()
    truthy: set[str] = set()
    printed: set[str] = set()
    aliases: dict[str, set[str]] = {}  # `{% set target = ... %}` -> names in its value
    for tree in _trees(env, sources):
        _walk(tree, [], exact, truthy, printed, aliases)
    changed = True
    while changed:  # a name set from others passes its own use on to them
        changed = False
        for target, names in aliases.items():
            if target in exact or target in truthy:
                before = len(exact)
                exact.update(names)
                changed |= len(exact) != before
    return Usage(frozenset(exact), frozenset(truthy - exact),
                 frozenset(printed - exact - truthy))


def _trees(env: Environment, names: Iterable[str]) -> list[nodes.Template]:
    pending, seen, trees = list(names), set(), []
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        tree = env.parse(source)
        trees.append(tree)
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import,
                                   nodes.FromImport)):
            template = getattr(node, "template", None)
            if not isinstance(template, nodes.Const):
                raise ValueError(f"{name}: a computed template name cannot be analysed")
            pending.append(template.value)
    return trees


def _walk(node: nodes.Node, parents: list[nodes.Node], exact: set[str], truthy: set[str],
          printed: set[str], aliases: dict[str, set[str]]) -> None:
    if isinstance(node, nodes.Name) and node.ctx == "load":
        kind = _use(node, parents, aliases)
        {"exact": exact, "truthy": truthy, "printed": printed}[kind].add(node.name)
    for child in node.iter_child_nodes():
        _walk(child, [*parents, node], exact, truthy, printed, aliases)


def _use(node: nodes.Node, parents: list[nodes.Node], aliases: dict[str, set[str]]) -> str:
    chain = [*parents]
    current = node
    while chain:
        parent = chain.pop()
        if isinstance(parent, nodes.Output):
            return "printed"
        if isinstance(parent, nodes.If) and parent.test is current:
            return "truthy"
        if isinstance(parent, nodes.Assign) and parent.node is current \
                and isinstance(parent.target, nodes.Name):
            aliases.setdefault(parent.target.name, set()).add(getattr(node, "name", ""))
            return "printed"
        if isinstance(parent, nodes.Keyword) and parent.value is current:
            continue  # judged by the call it is an argument of
        if isinstance(parent, nodes.Call) and current is not parent.node \
                and _is_format_call(parent):
            current = parent  # str.format puts the value in as it is
            continue
        return "exact"
    return "exact"


def _is_format_call(call: nodes.Call) -> bool:
    return (isinstance(call.node, nodes.Getattr) and call.node.attr == "format"
            and call.dyn_args is None and call.dyn_kwargs is None)


class Skeleton:
    """A rendered subject, text and inlined HTML with markers where the slots go."""

    def __init__(self, slots: list[str], subject: str, text: str, html: str) -> None:
        self.slots = slots
        self.subject = subject
        self.text = text
        self._html_parts = _split_by_context(html)

    def fill(self, values: Mapping[str, str]) -> tuple[str, str, str]:
        plain = [values[slot] for slot in self.slots]

        def put(match: re.Match[str]) -> str:
            return plain[int(match.group(1))]

        html = "".join(
            part if index is None else plain[index].translate(
                _ATTRIBUTE_ESCAPES if in_attribute else _TEXT_ESCAPES)
            for part, index, in_attribute in self._html_parts)
        return _MARKS.sub(put, self.subject), _MARKS.sub(put, self.text), html


def _split_by_context(html: str) -> list[tuple[str, int | None, bool]]:
    """The HTML cut at its markers, each marker noted as inside a tag or in text."""
    parts: list[tuple[str, int | None, bool]] = []
    position = 0
    for match in _MARKS.finditer(html):
        before = html[:match.start()]
        parts.append((html[position:match.start()], None, False))
        parts.append(("", int(match.group(1)), before.rfind("<") > before.rfind(">")))
        position = match.end()
    parts.append((html[position:], None, False))
    return parts


def mark(index: int) -> str:
    return _MARK.format(index)


def well_marked(*rendered: str) -> bool:
    """Every marker character belongs to a whole marker (none was cut or changed)."""
    return all(len(_ANY_MARK_CHARACTER.findall(text)) == 2 * len(_MARKS.findall(text))
               for text in rendered)


def fillable(value: Any) -> bool:
    return (type(value) is str and not isinstance(value, Markup) and value.strip() != ""
            and UNFILLABLE.search(value) is None)


def build_skeleton(slots: list[str], render: Callable[[Mapping[str, str]], tuple[str, str, str]],
                   probe: Mapping[str, str]) -> Skeleton | None:
    """A skeleton for `slots`, or None when filling it would not equal a full render
    (checked with `probe`, values for every slot holding every character escaped)."""
    subject, text, html = render({slot: mark(index) for index, slot in enumerate(slots)})
    if not well_marked(subject, text, html):
        return None
    skeleton = Skeleton(slots, subject, text, html)
    return skeleton if skeleton.fill(probe) == render(probe) else None
