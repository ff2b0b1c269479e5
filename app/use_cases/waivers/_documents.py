"""A waiver row made into its PDF: the facts, the wording, the signature and the trail.

The clean signed PDF is rendered once, at signing, and stored with its SHA-256; it is
never rendered again. Previews (unsigned) and the held version (watermarked, signature
hidden) are rendered from the same row whenever they are asked for; they are byte-stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from app.use_cases.document_words import document_words
from app.use_cases.waivers import _statements
from documents.sworn_statement import render_sworn_statement
from documents.waiver_pdf import Signature, WaiverDocument, render_waiver
from domain.waivers import WaiverKind, dollars
from store.tables import LienWaiver, WaiverEvent
from store.waivers import WaiverParties

EVENT_WORDS = {
    "requested": "Signature requested from {actor}",
    "forwarded": "Signature authority shared by {actor}",
    "signed": "Signed by {actor}",
    "released": "Released by {actor}",
    "approved": "Approved by {actor}",
    "returned": "Returned for revision by {actor}",
    "voided": "Voided by {actor}",
    "notary_uploaded": "Notarized copy uploaded by {actor}",
    "reminded": "Reminder sent to {actor}",
}


def local_time(moment: datetime, time_zone: str) -> str:
    return moment.astimezone(ZoneInfo(time_zone)).strftime("%B %-d, %Y %H:%M %Z")


def facts(row: LienWaiver, parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    if row.kind == WaiverKind.SWORN_STATEMENT.value:
        return _statements.facts(row, parties)
    return (("Claimant", parties.claimant), ("Customer", parties.customer),
            ("Project", parties.project_name),
            ("Commitment", parties.commitment_number),
            ("Invoice", parties.invoice_number),
            ("Through date", row.through_date.strftime("%B %-d, %Y")),
            ("Amount", dollars(row.amount)),
            ("Exceptions", "; ".join(row.exceptions.splitlines()) or "None"))


def _trail(events: Sequence[WaiverEvent], time_zone: str) -> list[tuple[str, str]]:
    trail = []
    for event in events:
        what = EVENT_WORDS.get(event.kind, event.kind).format(actor=event.actor)
        if event.detail:
            what += f" ({event.detail})"
        if event.ip_address:
            what += f"; address {event.ip_address}"
        if event.user_agent:
            what += f"; browser {event.user_agent}"
        trail.append((local_time(event.at, time_zone), what))
    return trail


def document(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent], *,
             signed: bool, held: bool) -> WaiverDocument:
    signature = None
    if signed and row.signed_name and row.signed_at:
        signature = Signature(row.signed_name, row.signed_title or "",
                              local_time(row.signed_at, parties.time_zone))
    return WaiverDocument(
        title=WaiverKind(row.kind).label, code=row.code, facts=facts(row, parties),
        body=row.body, words=document_words(parties.locale, parties.terminology),
        signature=signature, held=held,
        audit=_trail(events, parties.time_zone),
        verify_hint=f"Check this document at /w/verify with the code {row.code}.")


def render(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent], *,
           signed: bool, held: bool) -> bytes:
    """The row's PDF: a waiver's, or a sworn statement's (never held: nothing is paid by it)."""
    if row.kind != WaiverKind.SWORN_STATEMENT.value:
        return render_waiver(document(row, parties, events, signed=signed, held=held))
    signature = None
    if signed and row.signed_name and row.signed_at:
        signature = Signature(row.signed_name, row.signed_title or "",
                              local_time(row.signed_at, parties.time_zone))
    return render_sworn_statement(_statements.document(
        row, parties, signature, _trail(events, parties.time_zone),
        f"Check this document at /w/verify with the code {row.code}."))


def pdf(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent]) -> bytes:
    """The PDF a reader gets now: the stored signed file once it is signed and not held,
    the held version while held, a preview before signing."""
    if row.signed_pdf is not None and not (row.held and row.released_at is None):
        return row.signed_pdf
    held = row.signed_pdf is not None
    return render(row, parties, events, signed=False, held=held)
