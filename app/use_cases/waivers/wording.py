"""Waiver wording as data: templates are plain text with `{{ placeholder }}` blanks.

A template is rendered in Jinja's sandbox with StrictUndefined, and checked when saved:
only plain text and bare placeholders from domain.waivers.PLACEHOLDERS are accepted (no
statements, filters, attribute access, comments or markup), so a statutory form fills in
its blanks and nothing else can be added around them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from domain.errors import InvalidInput
from domain.waivers import PLACEHOLDERS, WaiverKind

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                            keep_trailing_newline=True)
_MARKUP = re.compile(r"<\s*[A-Za-z!/?]")
MAX_BODY = 20_000


def check_template(body: str) -> None:
    """Raise InvalidInput naming what is wrong with a template body."""
    if not body.strip():
        raise InvalidInput("the template text is empty")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"the template text has more than {MAX_BODY} characters")
    if "{%" in body or "{#" in body:
        raise InvalidInput("the template may only contain text and {{ placeholders }}; "
                           "statements ({% ... %}) and comments ({# ... #}) are refused")
    if _MARKUP.search(body):
        raise InvalidInput("the template may not contain markup (HTML tags); write plain text")
    try:
        parsed = _ENV.parse(body)
    except TemplateSyntaxError as exc:
        raise InvalidInput(f"the template does not parse on line {exc.lineno}: "
                           f"{exc.message}") from None
    for output in parsed.body:
        if not isinstance(output, nodes.Output):
            raise InvalidInput("the template may only contain text and {{ placeholders }}")
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                continue
            if not isinstance(node, nodes.Name):
                raise InvalidInput("a placeholder is a bare name such as {{ amount }}; "
                                   "filters, expressions and attributes are refused")
            if node.name not in PLACEHOLDERS:
                raise InvalidInput(f"unknown placeholder {{{{ {node.name} }}}}; known: "
                                   f"{', '.join(sorted(PLACEHOLDERS))}")


def render(body: str, values: Mapping[str, str]) -> str:
    """The template with its blanks filled in (a missing value raises, never blank)."""
    return _ENV.from_string(body).render(**values)


# The generic (non-statutory) wording the project ships, written for it in plain English.
_CONDITIONAL_PROGRESS = """\
Project: {{ project_name }}. Job location: {{ job_location }}. Owner: {{ owner }}.
Claimant: {{ claimant }}. Customer: {{ customer }}. Commitment {{ commitment_number }}, \
invoice {{ invoice_number }}.

Once the claimant has received a progress payment of {{ amount }}, made by \
{{ maker_of_check }} and payable to {{ payee }}, the claimant gives up every right to a \
lien, stop payment notice or payment bond claim on this job for labor, services, \
equipment and materials it furnished through {{ through_date }}, up to that amount.

This waiver takes effect only when the payment is received and the funds are available \
to the claimant. Until then it waives nothing.

It does not cover: {{ exceptions }}.
"""

_UNCONDITIONAL_PROGRESS = """\
Project: {{ project_name }}. Job location: {{ job_location }}. Owner: {{ owner }}.
Claimant: {{ claimant }}. Customer: {{ customer }}. Commitment {{ commitment_number }}.

The claimant has received a progress payment of {{ amount }} from {{ maker_of_check }}, \
payable to {{ payee }}, and gives up, as of signing, every right to a lien, stop payment \
notice or payment bond claim on this job for labor, services, equipment and materials it \
furnished through {{ through_date }}, up to that amount.

Sign this waiver only once the payment has been received: it takes effect at signing, \
whether or not the money arrives.

It does not cover: {{ exceptions }}.
"""

_CONDITIONAL_FINAL = """\
Project: {{ project_name }}. Job location: {{ job_location }}. Owner: {{ owner }}.
Claimant: {{ claimant }}. Customer: {{ customer }}. Commitment {{ commitment_number }}, \
invoice {{ invoice_number }}.

Once the claimant has received the final payment of {{ amount }}, made by \
{{ maker_of_check }} and payable to {{ payee }}, the claimant gives up every right to a \
lien, stop payment notice or payment bond claim on this job for all labor, services, \
equipment and materials it furnished, through {{ through_date }}.

This waiver takes effect only when the final payment is received and the funds are \
available to the claimant.

It does not cover: {{ exceptions }}.
"""

_UNCONDITIONAL_FINAL = """\
Project: {{ project_name }}. Job location: {{ job_location }}. Owner: {{ owner }}.
Claimant: {{ claimant }}. Customer: {{ customer }}. Commitment {{ commitment_number }}.

The claimant has been paid in full, {{ amount }} in final payment from \
{{ maker_of_check }} payable to {{ payee }}, and gives up, as of signing, every right to a \
lien, stop payment notice or payment bond claim on this job for all labor, services, \
equipment and materials it furnished, through {{ through_date }}.

Sign this waiver only once the final payment has been received: it takes effect at \
signing, whether or not the money arrives.

It does not cover: {{ exceptions }}.
"""

GENERIC = {
    WaiverKind.CONDITIONAL_PROGRESS: _CONDITIONAL_PROGRESS,
    WaiverKind.UNCONDITIONAL_PROGRESS: _UNCONDITIONAL_PROGRESS,
    WaiverKind.CONDITIONAL_FINAL: _CONDITIONAL_FINAL,
    WaiverKind.UNCONDITIONAL_FINAL: _UNCONDITIONAL_FINAL,
}
