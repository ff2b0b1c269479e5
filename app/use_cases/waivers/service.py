"""Lien waivers: the templates and policy administrators set, the signer's page (view,
sign, share, release), the administrator's review, and the public verification by code.

Waivers are generated in the invoice's transaction (generation.py) and released by
payments (release.py); every change here is one transaction with its outbox rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.links import WaiverLink
from app.use_cases.context import UseCaseContext
from app.use_cases.waivers import _documents, _setup, _signing, _statements
from app.use_cases.waivers._rows import (
    WAIVER_REQUESTED,
    WAIVER_SIGNED,
    record,
    waiver_event,
    waiver_mail,
)
from app.use_cases.waivers.generation import new_code, void
from app.use_cases.waivers.release import release
from app.use_cases.waivers.sub_tier_requests import (
    lines_of_invoice,
    payment_holds,
    request_mail_template,
    sub_tier_final_received,
)
from documents.sworn_statement import render_sworn_statement
from domain.errors import Conflict, InvalidInput, NotFound
from domain.invoice_records import BillingType
from domain.model import Administrator
from domain.sub_tier_waivers import SubTierWaiverLine
from domain.text_rules import control_character_problem
from domain.waivers import (
    UNSIGNED_STATUSES,
    Requirement,
    SignerView,
    Signing,
    WaiverKind,
    WaiverRecord,
    WaiverStatus,
)
from store import invoices, outbox, people, sub_tier_waivers, waivers
from store.tables import LienWaiver, WaiverTemplate
from store.waivers import WaiverParties


@dataclass(frozen=True)
class Verification:
    """What the public verification page says about a code."""

    waiver: WaiverRecord
    project_name: str
    claimant: str
    matches: bool | None  # whether an uploaded file is the signed one (None: none given)


class Waivers:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx, self.jobs = ctx, jobs

    # The signer, by link -------------------------------------------------------------
    async def view(self, link: WaiverLink) -> SignerView:
        async with self.ctx.sessions() as session:
            row, parties = await _signing.signers_waiver(session, link)
            signer = await people.person_row(session, row.signer_id)
            # A sub-tier's signer has no invoice to go back to.
            back = (0 if await sub_tier_waivers.sub_tier_of_waiver(session, row.id or 0)
                    else parties.commitment_id)
            return SignerView(await self._record(session, row), row.title, row.body,
                              _documents.facts(row, parties), signer.name if signer else "",
                              back, (signer.language if signer else None) or parties.locale,
                              parties.terminology)

    async def pdf_for_signer(self, link: WaiverLink) -> bytes:
        async with self.ctx.sessions() as session:
            row, parties = await _signing.signers_waiver(session, link)
            return _documents.pdf(row, parties, await waivers.events_of(session, row.id or 0))

    async def sign(self, link: WaiverLink, signing: Signing) -> WaiverRecord:
        signing = signing.validated()
        async with self.ctx.sessions.begin() as session:
            row, parties = await _signing.signers_waiver(session, link)
            now = self.ctx.clock()
            await _signing.sign(session, row, parties, signing, now)
            await outbox.enqueue(session, [waiver_event(WAIVER_SIGNED, row, parties.company_id,
                                                        now)])
            result = await self._record(session, row)
        await self.jobs.wake_webhooks()
        return result

    async def release_by_signer(self, link: WaiverLink) -> WaiverRecord:
        async with self.ctx.sessions.begin() as session:
            row, parties = await _signing.signers_waiver(session, link)
            if not (row.held and row.released_at is None):
                raise Conflict("this waiver is not held", code="not_held")
            reviewer = await invoices.invoice_administrator(
                session, parties.commitment_id, 0, parties.company_id)
            await release(session, row, row.signed_name or "the signer", parties.company_id,
                          reviewer, self.ctx.settings.inbound_domain, self.ctx.clock())
            result = await self._record(session, row)
        await self._wake()
        return result

    async def forward(self, link: WaiverLink, name: str, email: str) -> WaiverRecord:
        """Share signature authority: the request goes to a colleague (recorded); the
        forwarding person's link stops working."""
        name, email = name.strip(), email.strip().lower()
        if not name or control_character_problem(name) or len(name) > 200:
            raise InvalidInput("give your colleague's name (up to 200 characters)",
                               words="waiver_colleague_name")
        if "@" not in email or len(email) > 254 or control_character_problem(email):
            raise InvalidInput("give your colleague's email address",
                               words="waiver_colleague_email")
        async with self.ctx.sessions.begin() as session:
            row, parties = await _signing.signers_waiver(session, link)
            if row.signed_pdf is not None:
                raise Conflict("this waiver is already signed", code="already_signed")
            now = self.ctx.clock()
            before = await people.person_row(session, row.signer_id)
            colleague = await waivers.person_in_company(session, parties.claimant_id, email,
                                                        name, now)
            row.signer_id, row.link_version = colleague.id or 0, row.link_version + 1
            await session.flush()
            await waivers.add_event(session, row.id or 0, "forwarded", now,
                                    before.email if before else "the signer",
                                    f"to {name} <{email}>")
            await outbox.enqueue(session, [
                waiver_mail(await request_mail_template(session, row), row, colleague.id or 0,
                            self.ctx.settings.inbound_domain, now)])
            result = await self._record(session, row)
        await self._wake()
        return result

    async def upload_notarized(self, link: WaiverLink, filename: str,
                               data: bytes) -> WaiverRecord:
        """The notarized scan of a signed waiver that needs a notary: kept with its
        SHA-256, and the waiver goes to the administrator's review."""
        async with self.ctx.sessions.begin() as session:
            row, _ = await _signing.signers_waiver(session, link)
            await _signing.keep_notarized(session, row, filename, data, self.ctx.clock())
            return await self._record(session, row)

    async def notarized_for_admin(self, admin: Administrator,
                                  waiver_id: int) -> tuple[bytes, str]:
        async with self.ctx.sessions() as session:
            row, _ = await self._admins(session, admin, waiver_id)
            if row.notarized_scan is None or row.notarized_type is None:
                raise NotFound(f"lien waiver {waiver_id} has no notarized scan")
            return row.notarized_scan, row.notarized_type

    # The administrator ---------------------------------------------------------------
    async def list_for_invoice(self, admin: Administrator, invoice_id: int) -> list[WaiverRecord]:
        async with self.ctx.sessions() as session:
            if await invoices.company_of_invoice(session, invoice_id) != admin.company_id:
                raise NotFound(f"invoice {invoice_id} not found")
            return [await self._record(session, row)
                    for row in await waivers.waivers_of_invoice(session, invoice_id)]

    async def waiting_by_invoice(self, admin: Administrator,
                                 invoice_ids: list[int]) -> dict[int, int]:
        """How many waivers each invoice still waits on (unsigned, not void)."""
        async with self.ctx.sessions() as session:
            rows = await waivers.waivers_of_invoices(session, invoice_ids)
            ours = {invoice_id for invoice_id in {row.invoice_id for row in rows}
                    if await invoices.company_of_invoice(session, invoice_id)
                    == admin.company_id}
            waiting: dict[int, int] = {}
            for row in rows:
                if row.invoice_id in ours and WaiverStatus(row.status) in UNSIGNED_STATUSES:
                    waiting[row.invoice_id] = waiting.get(row.invoice_id, 0) + 1
            return waiting

    async def sub_tier_waivers(self, admin: Administrator,
                               invoice_id: int) -> list[SubTierWaiverLine]:
        """Each sub-tier of the invoice with its waivers and their state."""
        async with self.ctx.sessions() as session:
            if await invoices.company_of_invoice(session, invoice_id) != admin.company_id:
                raise NotFound(f"invoice {invoice_id} not found")
            return await self._sub_tier_lines(session, invoice_id)

    async def sub_tier_waivers_for_contact(self, contact_id: int,
                                           invoice_id: int) -> list[SubTierWaiverLine]:
        """The same, for the invoice's contact (the invoice form)."""
        async with self.ctx.sessions() as session:
            invoice = await invoices.invoice_row(session, invoice_id)
            if invoice is None or not await invoices.is_contact_of(session, contact_id,
                                                                   invoice.commitment_id):
                raise NotFound(f"invoice {invoice_id} not found")
            return await self._sub_tier_lines(session, invoice_id)

    async def payment_holds(self, admin: Administrator,
                            invoice_ids: list[int]) -> dict[int, list[str]]:
        """The invoices whose payment is held, with the sub-tiers it waits on."""
        async with self.ctx.sessions() as session:
            held = await payment_holds(session, invoice_ids)
            return {invoice_id: names for invoice_id, names in held.items()
                    if await invoices.company_of_invoice(session, invoice_id)
                    == admin.company_id}

    async def _sub_tier_lines(self, session: AsyncSession,
                              invoice_id: int) -> list[SubTierWaiverLine]:
        records = {row.id or 0: await self._record(session, row)
                   for row in await waivers.waivers_of_invoice(session, invoice_id)}
        return await lines_of_invoice(session, invoice_id, records)

    async def pdf_for_admin(self, admin: Administrator, waiver_id: int) -> bytes:
        async with self.ctx.sessions() as session:
            row, parties = await self._admins(session, admin, waiver_id)
            return _documents.pdf(row, parties, await waivers.events_of(session, waiver_id))

    async def sworn_statement_for_admin(self, admin: Administrator, invoice_id: int) -> bytes:
        """The invoice's sworn statement: the signed one once signed, else the one waiting
        for its signature, else (not sent yet) a preview of the figures as they stand."""
        async with self.ctx.sessions() as session:
            parties = await waivers.parties(session, invoice_id)
            if parties is None or parties.company_id != admin.company_id:
                raise NotFound(f"invoice {invoice_id} not found")
            return await _sworn_statement(session, parties)

    async def sworn_statement_for_contact(self, contact_id: int, invoice_id: int) -> bytes:
        async with self.ctx.sessions() as session:
            parties = await waivers.parties(session, invoice_id)
            if parties is None or not await invoices.is_contact_of(
                    session, contact_id, parties.commitment_id):
                raise NotFound(f"invoice {invoice_id} not found")
            return await _sworn_statement(session, parties)

    async def contact_has_sworn_statement(self, contact_id: int, invoice_id: int) -> bool:
        """Whether the contact's invoice has a sworn statement to download."""
        async with self.ctx.sessions() as session:
            parties = await waivers.parties(session, invoice_id)
            if parties is None or not await invoices.is_contact_of(
                    session, contact_id, parties.commitment_id):
                return False
            return bool(await _standing_statements(session, invoice_id)) or (
                await _statements.figures(session, invoice_id) is not None)

    async def approve(self, admin: Administrator, waiver_id: int) -> WaiverRecord:
        async with self.ctx.sessions.begin() as session:
            row, _ = await self._admins(session, admin, waiver_id)
            if row.status != WaiverStatus.SIGNED.value:
                raise Conflict("only a signed waiver can be approved", code="not_signed")
            row.status = WaiverStatus.APPROVED.value
            await waivers.add_event(session, waiver_id, "approved", self.ctx.clock(),
                                    admin.email)
            await sub_tier_final_received(session, row)
            return await self._record(session, row)

    async def revise(self, admin: Administrator, waiver_id: int, reason: str) -> WaiverRecord:
        """Revise and resubmit: the signed waiver is voided with the reason and a new one
        (same figures) is mailed to the signer to sign again."""
        reason = reason.strip()
        if not reason or len(reason) > 2000 or control_character_problem(reason,
                                                                           multi_line=True):
            raise InvalidInput("say in the reason what the signer should change")
        async with self.ctx.sessions.begin() as session:
            old, parties = await self._admins(session, admin, waiver_id)
            if old.status not in (WaiverStatus.SIGNED.value, WaiverStatus.AWAITING_NOTARY.value):
                raise Conflict("only a signed waiver can be sent back", code="not_signed")
            now = self.ctx.clock()
            await waivers.add_event(session, waiver_id, "returned", now, admin.email, reason)
            await void(session, old, admin.email, "returned for revision", now)
            row = await waivers.add_waiver(session, LienWaiver(
                **old.model_dump(exclude={"id", "status", "code", "held", "signed_name",
                                          "signed_title", "signed_at", "signed_pdf",
                                          "signed_sha256", "released_at", "review_note",
                                          "replaces_id", "created_at", "link_version"}),
                status=WaiverStatus.PENDING_SIGNATURE.value, code=new_code(),
                review_note=reason, replaces_id=old.id, created_at=now))
            signer = await people.person_row(session, row.signer_id)
            await waivers.add_event(session, row.id or 0, "requested", now,
                                    signer.email if signer else "the signer", reason)
            tier = await sub_tier_waivers.sub_tier_of_waiver(session, old.id or 0)
            if tier is not None:
                await sub_tier_waivers.link(session, row.id or 0, tier.id or 0)
            await outbox.enqueue(session, [
                waiver_mail(await request_mail_template(session, row), row, row.signer_id,
                            self.ctx.settings.inbound_domain, now,
                            note=f"The administrator asked you to sign again: {reason}"),
                waiver_event(WAIVER_REQUESTED, row, parties.company_id, now)])
            result = await self._record(session, row)
        await self._wake()
        return result

    async def add_template(self, admin: Administrator, *, name: str, kind: WaiverKind,
                           state: str, body: str, needs_notary: bool,
                           e_signature_allowed: bool) -> WaiverTemplate:
        """A company's own wording (statutory text with blanks), as a new version."""
        async with self.ctx.sessions.begin() as session:
            return await _setup.add_template(
                session, admin, name=name, kind=kind, state=state, body=body,
                needs_notary=needs_notary, e_signature_allowed=e_signature_allowed,
                now=self.ctx.clock())

    async def set_policy(self, admin: Administrator, project_id: int, billing_type: BillingType,
                         kind: WaiverKind, requirement: Requirement,
                         template_id: int | None) -> None:
        async with self.ctx.sessions.begin() as session:
            await _setup.set_policy(session, admin, project_id, billing_type, kind,
                                    requirement, template_id)

    # Anyone with a code --------------------------------------------------------------
    async def verify(self, code: str, data: bytes | None = None) -> Verification:
        async with self.ctx.sessions() as session:
            row = await waivers.waiver_by_code(session, code.strip().upper())
            parties = None if row is None else await sub_tier_waivers.parties_of_waiver(session,
                                                                                row)
            if row is None or parties is None:
                raise NotFound("no waiver has this code")
            matches = None
            if data is not None:
                matches = row.signed_sha256 == hashlib.sha256(data).hexdigest()
            return Verification(await self._record(session, row), parties.project_name,
                                parties.claimant, matches)

    async def _admins(self, session: AsyncSession, admin: Administrator,
                      waiver_id: int) -> tuple[LienWaiver, WaiverParties]:
        row = await waivers.waiver(session, waiver_id)
        parties = None if row is None else await sub_tier_waivers.parties_of_waiver(session,
                                                                                row)
        if row is None or parties is None or parties.company_id != admin.company_id:
            raise NotFound(f"lien waiver {waiver_id} not found")
        return row, parties

    async def _record(self, session: AsyncSession, row: LienWaiver) -> WaiverRecord:
        signer = await people.person_row(session, row.signer_id)
        tier = await sub_tier_waivers.sub_tier_of_waiver(session, row.id or 0)
        return record(row, signer.email if signer else "",
                      sub_tier_id=None if tier is None else tier.id)

    async def _wake(self) -> None:
        await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()


async def _standing_statements(session: AsyncSession, invoice_id: int) -> list[LienWaiver]:
    return [row for row in await waivers.waivers_of_invoice(session, invoice_id)
            if row.kind == WaiverKind.SWORN_STATEMENT.value
            and row.status != WaiverStatus.VOID.value]


async def _sworn_statement(session: AsyncSession, parties: WaiverParties) -> bytes:
    standing = await _standing_statements(session, parties.invoice_id)
    if standing:
        row = standing[-1]
        return _documents.pdf(row, parties, await waivers.events_of(session, row.id or 0))
    found = await _statements.figures(session, parties.invoice_id)
    if found is None:
        raise NotFound(f"invoice {parties.invoice_id} has no sworn statement: only an invoice "
                       "of a project in Michigan (state MI) that lists sub-tiers has one",
                       code="no_sworn_statement")
    return render_sworn_statement(_statements.preview(parties, found))
