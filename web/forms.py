"""Reading the text fields of the pages' forms: the one place they are checked for
control characters (domain/text_rules.py), as the API's field types check JSON."""

from __future__ import annotations

from collections.abc import Mapping

from domain.text_rules import control_character_problem


class FieldRefused(Exception):
    """A form field holds what no field may; `message` names the field as the page does.
    Handlers that re-render their form show it next to the field; the `page` decorator
    answers any other with a 400 page."""

    def __init__(self, name: str, label: str, problem: str) -> None:
        self.name = name
        self.message = f"{label} {problem}."
        super().__init__(self.message)


def text_field(form: Mapping[str, object], name: str, label: str, *,
               multi_line: bool = False, max_length: int | None = None) -> str:
    """The field `name` stripped (and cut to `max_length`), or FieldRefused."""
    value = form.get(name, "")
    if not isinstance(value, str):
        raise FieldRefused(name, label, "must be text, not a file")
    problem = control_character_problem(value, multi_line=multi_line)
    if problem is not None:
        raise FieldRefused(name, label, problem)
    return value.strip()[:max_length]
