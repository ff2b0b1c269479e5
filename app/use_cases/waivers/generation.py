"""Generating an invoice's waivers when it is sent, in the invoice's own transaction
(the invoices capability calls it, as it calls reminders.schedule).

The invoice is computed by the caller, which hands over the commitment's ledger. A waiver
whose figures no longer match (a revised and resubmitted invoice) is voided (its links
stop) and a new one is generated and mailed.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.waivers import _statements
from app.use_cases.waivers._rows import WAIVER_REQUESTED, waiver_event, waiver_mail
from app.use_cases.waivers.wording import GENERIC, render
from domain.sworn_statement import snapshot
from domain.waivers import (
    LedgerInvoice,
    Requirement,
    WaiverDraft,
    WaiverKind,
    WaiverStatus,
    placeholder_values,
    same_figures,
    waivers_due,
)
from store import invoices, outbox, people, sub_tier_waivers, waivers
from store.tables import LienWaiver
from store.waivers import WaiverParties

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_code() -> str:
    return "W-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


async def _wording(session: AsyncSession, draft: WaiverDraft, template_id: int | None,
                   parties: WaiverParties) -> tuple[str, int | None, int, bool]:
    body, version, notary = GENERIC[draft.kind], 1, False
    if template_id is not None:
        chosen = await waivers.template(session, template_id)
        if chosen is not None and chosen.company_id == parties.company_id:
            body, version, notary = chosen.body, chosen.version, chosen.needs_notary
        else:
            template_id = None
    values = placeholder_values(
        claimant=parties.claimant, customer=parties.customer, owner=parties.customer,
        job_location=parties.project_name, project_name=parties.project_name,
        commitment_number=parties.commitment_number, invoice_number=parties.invoice_number,
        draft=draft)
    return render(body, values), template_id, version, notary


async def void(session: AsyncSession, row: LienWaiver, actor: str, reason: str,
               now: datetime) -> None:
    row.status = WaiverStatus.VOID.value
    row.link_version += 1  # the mailed links stop working
    await session.flush()
    await waivers.add_event(session, row.id or 0, "voided", now, actor, reason)


async def generate(session: AsyncSession, *, invoice_id: int, ledger: Sequence[LedgerInvoice],
                   billing_type: str, signer_id: int, signer_email: str, now: datetime,
                   inbound_domain: str, only_required: bool = False) -> list[LienWaiver]:
    """Generate (or keep, or void and regenerate) the waivers the project's policy asks
    for with this invoice; mail each new one to `signer_id`. Returns the new ones.
    `only_required`: just the kinds required before Send (the form's Next, on a draft)."""
    parties = await waivers.parties(session, invoice_id)
    if parties is None:
        return []
    rules = {WaiverKind(rule.kind): (Requirement(rule.requirement), rule.template_id)
             for rule in await waivers.policy(session, parties.project_id, billing_type)}
    if only_required:
        rules = {kind: rule for kind, rule in rules.items()
                 if rule[0] is Requirement.REQUIRED_BEFORE_SEND}
    drafts = waivers_due(ledger, invoice_id, {kind: need for kind, (need, _) in rules.items()})
    rows_now = await waivers.waivers_of_invoice(session, invoice_id)
    # The sub-tiers' waivers of the invoice are sub_tier_requests.py's.
    sub_tiers_asked = await sub_tier_waivers.sub_tiers_of_waivers(
        session, [row.id or 0 for row in rows_now])
    standing = {WaiverKind(row.kind): row for row in rows_now
                if row.status != WaiverStatus.VOID.value and row.id not in sub_tiers_asked}
    statement = await keep_statement(session, parties, standing.pop(
        WaiverKind.SWORN_STATEMENT, None), signer_id, signer_email, now, inbound_domain)
    created, rows = [], []
    for draft in drafts:
        old = standing.pop(draft.kind, None)
        if old is not None and same_figures(draft, old.amount, old.through_date,
                                            old.exceptions.splitlines()):
            continue
        if old is not None:
            await void(session, old, "the service", "the invoice's figures changed", now)
        body, template_id, version, notary = await _wording(
            session, draft, rules[draft.kind][1], parties)
        row = await waivers.add_waiver(session, LienWaiver(
            invoice_id=invoice_id, paid_invoice_id=draft.paid_invoice_id,
            kind=draft.kind.value, status=WaiverStatus.PENDING_SIGNATURE.value,
            requirement=draft.requirement.value, amount=draft.amount,
            through_date=draft.through_date,
            exceptions="\n".join(item.text() for item in draft.exceptions),
            title=draft.kind.label, body=body, template_id=template_id,
            template_version=version, needs_notary=notary, code=new_code(),
            signer_id=signer_id, replaces_id=None if old is None else old.id, created_at=now))
        await waivers.add_event(session, row.id or 0, "requested", now, signer_email)
        rows += [waiver_mail("waiver_requested", row, signer_id, inbound_domain, now),
                 waiver_event(WAIVER_REQUESTED, row, parties.company_id, now)]
        created.append(row)
    for old in standing.values() if not only_required else ():  # no longer asked for
        await void(session, old, "the service", "no longer asked for by this invoice", now)
    await outbox.enqueue(session, rows)
    return created + ([statement] if statement is not None else [])


async def keep_statement(session: AsyncSession, parties: WaiverParties,
                         standing: LienWaiver | None, signer_id: int, signer_email: str,
                         now: datetime, inbound_domain: str) -> LienWaiver | None:
    """Michigan's sworn statement of the invoice, required before Send: kept while its
    figures stand, else voided and (when one is still asked for) generated anew and
    mailed to `signer_id`. Returns the new one."""
    found = await _statements.figures(session, parties.invoice_id)
    text = None if found is None else snapshot(found)
    if standing is not None and standing.statement == text:
        return None
    if standing is not None:
        await void(session, standing, "the service", "the sub-tiers' figures changed"
                   if found is not None else "no sworn statement is asked for now", now)
    if found is None or text is None:
        return None
    kind = WaiverKind.SWORN_STATEMENT
    row = await waivers.add_waiver(session, LienWaiver(
        invoice_id=parties.invoice_id, paid_invoice_id=parties.invoice_id, kind=kind.value,
        status=WaiverStatus.PENDING_SIGNATURE.value,
        requirement=Requirement.REQUIRED_BEFORE_SEND.value, amount=found.totals.this_period,
        through_date=parties.period_end, exceptions="", title=kind.label,
        body=_statements.wording(parties), code=new_code(), signer_id=signer_id,
        replaces_id=None if standing is None else standing.id, created_at=now,
        statement=text))
    await waivers.add_event(session, row.id or 0, "requested", now, signer_email)
    await outbox.enqueue(session, [
        waiver_mail("waiver_requested", row, signer_id, inbound_domain, now),
        waiver_event(WAIVER_REQUESTED, row, parties.company_id, now)])
    return row


async def refresh_statement(session: AsyncSession, invoice_id: int, now: datetime,
                            inbound_domain: str) -> LienWaiver | None:
    """After an invoice's sub-tier lines change while it is under review (the
    administrator completing them): its sworn statement follows them. The signer is the
    standing statement's, else whoever sent the invoice, else its first contact."""
    parties = await waivers.parties(session, invoice_id)
    invoice = await invoices.invoice_row(session, invoice_id)
    if parties is None or invoice is None:
        return None
    standing = [row for row in await waivers.waivers_of_invoice(session, invoice_id)
                if row.kind == WaiverKind.SWORN_STATEMENT.value
                and row.status != WaiverStatus.VOID.value]
    signer_id = standing[-1].signer_id if standing else (
        None if invoice.on_behalf else invoice.created_by_id)
    if signer_id is None:
        contacts = await invoices.contact_ids(session, invoice.commitment_id)
        signer_id = contacts[0] if contacts else None
    signer = None if signer_id is None else await people.person_row(session, signer_id)
    if signer is None:
        return None
    return await keep_statement(session, parties, standing[-1] if standing else None,
                                signer.id or 0, signer.email, now, inbound_domain)


async def unsigned_required(session: AsyncSession, invoice_id: int) -> list[LienWaiver]:
    """The invoice's waivers required before Send that are not signed yet."""
    return [row for row in await waivers.waivers_of_invoice(session, invoice_id)
            if row.requirement == Requirement.REQUIRED_BEFORE_SEND.value
            and row.status != WaiverStatus.VOID.value and row.signed_pdf is None]


async def unsigned_statement(session: AsyncSession, invoice_id: int) -> bool:
    """Whether the invoice's sworn statement waits for its signature (it is required
    before the invoice is approved, as before Send)."""
    return any(row.kind == WaiverKind.SWORN_STATEMENT.value and row.signed_pdf is None
               and row.status != WaiverStatus.VOID.value
               for row in await waivers.waivers_of_invoice(session, invoice_id))


async def requires_signing_before_send(session: AsyncSession, project_id: int,
                                       billing_type: str, *,
                                       invoice_id: int | None = None) -> bool:
    """The policy requires a waiver before Send, or the invoice needs a sworn statement."""
    if invoice_id is not None and await _statements.figures(session, invoice_id) is not None:
        return True
    return any(rule.requirement == Requirement.REQUIRED_BEFORE_SEND.value
               for rule in await waivers.policy(session, project_id, billing_type))
