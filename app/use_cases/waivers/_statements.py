"""Michigan's sworn statement as one more document of the waivers capability: its figures
(from the domain, for the invoice as it stands), its wording, and its PDF. It is kept on a
lien_waiver row of kind `sworn_statement` with its figures (`statement`), so it is mailed,
signed (evidence, SHA-256), reminded, reviewed and verified exactly as a waiver is."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.waivers.wording import render
from documents.sworn_statement import LABELS, StatementDocument
from documents.waiver_pdf import Signature
from domain.sworn_statement import (
    ListedSubTier,
    SwornStatement,
    from_snapshot,
    required,
    statement,
)
from domain.waivers import dollars
from store import sub_tiers, sworn_statements
from store.tables import LienWaiver
from store.waivers import WaiverParties

# Our own plain-English wording (not a statutory form's), filled in like a waiver template.
WORDING = """\
{{ claimant }}, the contractor on commitment {{ commitment_number }} for {{ project_name }}, \
gives this sworn statement to {{ customer }} with invoice {{ invoice_number }}, for labor, \
services, equipment and materials furnished through {{ through_date }}.

The table lists every subcontractor and supplier that has worked or supplied under the \
contractor on this commitment: the amount of its contract, what it has been paid to date, \
what it is owed for this period, and the balance left to complete its contract. Paid to \
date counts what it billed on earlier invoices of this commitment that have been paid in \
full; what it billed earlier and has not been paid yet remains in the balance.

Under oath, I state that I am authorized to make this statement for {{ claimant }}, that I \
have read it, and that to the best of my knowledge the companies and figures it lists are \
true and complete. I understand that a sworn statement I know to be false can be punished \
under the law.
"""


async def figures(session: AsyncSession, invoice_id: int) -> SwornStatement | None:
    """The invoice's statement as it stands now; None when none is asked for (not a
    Michigan project, or no sub-tier billed on the invoice)."""
    listed = await sub_tiers.billed_sub_tiers(session, invoice_id)
    if not required(await sworn_statements.project_state(session, invoice_id), len(listed)):
        return None
    history = await sworn_statements.billed_history(session, invoice_id)
    return statement(invoice_id, history, [ListedSubTier(
        tier.id, tier.fields.company_name, tier.fields.tier_type, tier.fields.kind_of_work,
        None if tier.fields.estimated_contract_amount is None
        else Decimal(str(tier.fields.estimated_contract_amount))) for tier in listed])


def wording(parties: WaiverParties) -> str:
    return render(WORDING, {
        "claimant": parties.claimant, "customer": parties.customer,
        "project_name": parties.project_name, "commitment_number": parties.commitment_number,
        "invoice_number": parties.invoice_number,
        "through_date": parties.period_end.strftime("%B %-d, %Y")})


def header(parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    # The general contractor stands for the owner, as in the waivers' wording.
    return ((LABELS["owner"], parties.customer), (LABELS["project"], parties.project_name),
            (LABELS["contractor"], parties.claimant),
            (LABELS["commitment"], parties.commitment_number),
            (LABELS["invoice"], parties.invoice_number),
            (LABELS["period_to"], parties.period_end.strftime("%B %-d, %Y")))


def _money(amount: Decimal) -> str:
    """$1,234.56, and -$250.00 for a balance below zero."""
    return ("-" if amount < 0 else "") + dollars(abs(amount))


def _figures(contract: Decimal, paid: Decimal, this_period: Decimal, balance: Decimal,
             note: str = "") -> str:
    return (f"contract {_money(contract)}{note}; paid to date {_money(paid)}; this period "
            f"{_money(this_period)}; balance {_money(balance)}")


def facts(row: LienWaiver, parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    """What the signing page lists: the header, then each company's four figures."""
    found = from_snapshot(row.statement or "[]")
    lines = tuple((line.company_name, _figures(
        line.contract_amount, line.paid_to_date, line.this_period, line.balance,
        "" if line.contract_given else " (no estimate entered)")) for line in found.lines)
    totals = found.totals
    return header(parties) + lines + ((LABELS["totals"], _figures(
        totals.contract_amount, totals.paid_to_date, totals.this_period, totals.balance)),)


def document(row: LienWaiver, parties: WaiverParties, signature: Signature | None,
             audit: Sequence[tuple[str, str]], verify_hint: str) -> StatementDocument:
    return StatementDocument(code=row.code, facts=header(parties),
                             statement=from_snapshot(row.statement or "[]"), body=row.body,
                             signature=signature, audit=audit, verify_hint=verify_hint)


def preview(parties: WaiverParties, found: SwornStatement) -> StatementDocument:
    """The statement of an invoice not sent yet: unsigned, without a code."""
    return StatementDocument(code=LABELS["preview"], facts=header(parties), statement=found,
                             body=wording(parties))
