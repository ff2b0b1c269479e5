"""Michigan's sworn statement as one more document of the waivers capability: its figures
(from the domain, for the invoice as it stands), its wording, and its PDF. It is kept on a
lien_waiver row of kind `sworn_statement` with its figures (`statement`), so it is mailed,
signed (evidence, SHA-256), reminded, reviewed and verified exactly as a waiver is."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.document_words import document_words
from app.use_cases.waivers.wording import render
from documents.sworn_statement import StatementDocument
from documents.waiver_pdf import Signature
from documents.words import DocumentWords
from domain.sworn_statement import (
    ListedSubTier,
    SwornStatement,
    from_snapshot,
    required,
    statement,
)
from domain.waivers import dollars
from mailer.i18n import format_money
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


def words_of(parties: WaiverParties) -> DocumentWords:
    return document_words(parties.locale, parties.terminology)


def header(parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    # The general contractor stands for the owner, as in the waivers' wording.
    words = words_of(parties)
    return ((words("sworn_statement.owner"), parties.customer),
            (words("sworn_statement.project"), parties.project_name),
            (words("sworn_statement.contractor"), parties.claimant),
            (words("sworn_statement.commitment"), parties.commitment_number),
            (words("sworn_statement.invoice"), parties.invoice_number),
            (words("sworn_statement.period_to"), words.date(parties.period_end)))


def money(amount: Decimal, locale: str) -> str:
    """$1,234.56, and -$250.00 for a balance below zero (en-US); the locale's own form
    otherwise (CLDR: 1 234,56 $ US in fr-CA)."""
    if locale == "en-US":
        return ("-" if amount < 0 else "") + dollars(abs(amount))
    return format_money(amount, locale)


def _figures(words: DocumentWords, contract: Decimal, paid: Decimal, this_period: Decimal,
             balance: Decimal, note: str = "") -> str:
    return words("sworn_statement.figures", contract=money(contract, words.locale),
                 note=note, paid=money(paid, words.locale),
                 this_period=money(this_period, words.locale),
                 balance=money(balance, words.locale))


def facts(row: LienWaiver, parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    """What the signing page lists: the header, then each company's four figures."""
    words = words_of(parties)
    found = from_snapshot(row.statement or "[]")
    lines = tuple((line.company_name, _figures(
        words, line.contract_amount, line.paid_to_date, line.this_period, line.balance,
        "" if line.contract_given else words("sworn_statement.no_estimate")))
        for line in found.lines)
    totals = found.totals
    return header(parties) + lines + ((words("sworn_statement.totals"), _figures(
        words, totals.contract_amount, totals.paid_to_date, totals.this_period,
        totals.balance)),)


def document(row: LienWaiver, parties: WaiverParties, signature: Signature | None,
             audit: Sequence[tuple[str, str]], verify_hint: str) -> StatementDocument:
    return StatementDocument(code=row.code, facts=header(parties),
                             statement=from_snapshot(row.statement or "[]"), body=row.body,
                             signature=signature, audit=audit, verify_hint=verify_hint,
                             words=words_of(parties))


def preview(parties: WaiverParties, found: SwornStatement) -> StatementDocument:
    """The statement of an invoice not sent yet: unsigned, without a code."""
    words = words_of(parties)
    return StatementDocument(code=words("sworn_statement.preview"), facts=header(parties),
                             statement=found, body=wording(parties), words=words)
