"""The signer's side of a waiver: finding it from a signing link, signing it (the clean
PDF rendered once and kept with its SHA-256), and the held-until-paid lock."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import WaiverLink
from app.use_cases.waivers import _documents
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.waivers import (
    UNSIGNED_STATUSES,
    Signing,
    WaiverKind,
    WaiverStatus,
    held_until_paid,
)
from store import payments, people, sub_tier_waivers, waivers
from store.tables import LienWaiver
from store.waivers import WaiverParties

REPLACED = ("This link no longer works: the request was sent again, shared with a "
            "colleague, or the waiver was replaced. Use the newest email about it.")


async def signers_waiver(session: AsyncSession,
                         link: WaiverLink) -> tuple[LienWaiver, WaiverParties]:
    row = await waivers.waiver(session, link.waiver_id)
    parties = None if row is None else await sub_tier_waivers.parties_of_waiver(session, row)
    if row is None or parties is None:
        raise NotFound("this waiver does not exist")
    if row.signer_id != link.signer_id or row.link_version != link.link_version:
        raise Forbidden(REPLACED, code="link_replaced")
    if row.status == WaiverStatus.VOID.value:
        raise Forbidden("This waiver was voided; a newer one replaces it.", code="void")
    return row, parties


async def sign(session: AsyncSession, row: LienWaiver, parties: WaiverParties,
               signing: Signing, now: datetime) -> None:
    """Record the signature and its evidence; raises Conflict for a second signature."""
    if WaiverStatus(row.status) not in UNSIGNED_STATUSES or row.signed_pdf is not None:
        raise Conflict("this waiver is already signed; a signed waiver cannot be signed "
                       "again", code="already_signed")
    signer = await people.person_row(session, row.signer_id)
    sent_to = signer.email if signer is not None else "the signer"
    await waivers.add_event(session, row.id or 0, "signed", now,
                            f"{signing.full_name}, {signing.title}",
                            f"link sent to {sent_to}; consented to sign electronically",
                            signing.ip_address, signing.user_agent)
    paid = (await payments.paid_totals(session, [row.paid_invoice_id]))[row.paid_invoice_id]
    row.signed_name, row.signed_title, row.signed_at = signing.full_name, signing.title, now
    row.held = held_until_paid(WaiverKind(row.kind), row.amount, paid)
    events = await waivers.events_of(session, row.id or 0)
    data = _documents.render(row, parties, events, signed=True, held=False)
    row.signed_pdf, row.signed_sha256 = data, hashlib.sha256(data).hexdigest()
    row.status = (WaiverStatus.AWAITING_NOTARY if row.needs_notary
                  else WaiverStatus.SIGNED).value
    await session.flush()


NOTARY_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg",
                "jpeg": "image/jpeg"}
MAX_SCAN = 900 * 1024  # page bodies are limited to 1 MiB (web/app.py)


async def keep_notarized(session: AsyncSession, row: LienWaiver, filename: str, data: bytes,
                         now: datetime) -> None:
    """Keep the notarized scan with its SHA-256; the waiver goes to review."""
    content_type = NOTARY_TYPES.get(filename.rsplit(".", 1)[-1].lower())
    if content_type is None or not data:
        raise InvalidInput("upload the notarized scan as a PDF, PNG or JPEG file", code="scan",
                           words="waiver_scan_type")
    if len(data) > MAX_SCAN:
        raise InvalidInput("the scan is larger than 900 KiB; scan it at a lower resolution",
                           code="scan", words="waiver_scan_too_large")
    if row.status != WaiverStatus.AWAITING_NOTARY.value:
        raise Conflict("this waiver does not wait for a notarized copy",
                       code="not_awaiting_notary", words="waiver_not_awaiting_notary")
    row.notarized_scan, row.notarized_type = data, content_type
    row.notarized_sha256 = hashlib.sha256(data).hexdigest()
    row.status = WaiverStatus.SIGNED.value
    await session.flush()
    await waivers.add_event(session, row.id or 0, "notary_uploaded", now,
                            row.signed_name or "the signer", f"SHA-256 {row.notarized_sha256}")
