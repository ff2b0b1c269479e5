"""A waiver row made into its PDF: the facts, the wording, the signature and the trail.

The clean signed PDF is rendered once, at signing, and stored with its SHA-256; it is
never rendered again. Previews (unsigned) and the held version (watermarked, signature
hidden) are rendered from the same row whenever they are asked for; they are byte-stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import babel.dates

from app.use_cases.document_words import document_words
from app.use_cases.waivers import _statements
from documents.sworn_statement import render_sworn_statement
from documents.waiver_pdf import Signature, WaiverDocument, render_waiver
from domain.waivers import WaiverKind
from mailer.i18n import format_date
from store.tables import LienWaiver, WaiverEvent
from store.waivers import WaiverParties

EVENTS = ("requested", "forwarded", "signed", "released", "approved", "returned", "voided",
          "notary_uploaded", "reminded")  # each worded by documents.po `waiver_trail.<kind>`


def local_time(moment: datetime, time_zone: str, locale: str = "en-US") -> str:
    """November 10, 2026 09:00 CST in en-US; the locale's long date and 24-hour time
    otherwise (CLDR: "10 novembre 2026 09 h 00 CST" in fr-CA)."""
    local = moment.astimezone(ZoneInfo(time_zone))
    if locale == "en-US":
        return local.strftime("%B %-d, %Y %H:%M %Z")
    clock = babel.dates.format_time(local, "short", locale=locale.replace("-", "_"))
    return f"{format_date(local.date(), locale)} {clock} {local.tzname()}"


def facts(row: LienWaiver, parties: WaiverParties) -> tuple[tuple[str, str], ...]:
    if row.kind == WaiverKind.SWORN_STATEMENT.value:
        return _statements.facts(row, parties)
    words = _statements.words_of(parties)
    return ((words("waiver_facts.claimant"), parties.claimant),
            (words("waiver_facts.customer"), parties.customer),
            (words("waiver_facts.project"), parties.project_name),
            (words("waiver_facts.commitment"), parties.commitment_number),
            (words("waiver_facts.invoice"), parties.invoice_number),
            (words("waiver_facts.through_date"), words.date(row.through_date)),
            (words("waiver_facts.amount"), _statements.money(row.amount, words.locale)),
            (words("waiver_facts.exceptions"),
             "; ".join(row.exceptions.splitlines()) or words("waiver_facts.no_exceptions")))


def _trail(events: Sequence[WaiverEvent], parties: WaiverParties) -> list[tuple[str, str]]:
    words = _statements.words_of(parties)
    trail = []
    for event in events:
        what = (words(f"waiver_trail.{event.kind}", actor=event.actor)
                if event.kind in EVENTS else event.kind)
        if event.detail:
            what += f" ({event.detail})"
        if event.ip_address:
            what += words("waiver_trail.address", address=event.ip_address)
        if event.user_agent:
            what += words("waiver_trail.browser", browser=event.user_agent)
        trail.append((local_time(event.at, parties.time_zone, words.locale), what))
    return trail


def _signature(row: LienWaiver, parties: WaiverParties, signed: bool) -> Signature | None:
    if not (signed and row.signed_name and row.signed_at):
        return None
    return Signature(row.signed_name, row.signed_title or "",
                     local_time(row.signed_at, parties.time_zone,
                                _statements.words_of(parties).locale))


def _verify_hint(row: LienWaiver, parties: WaiverParties) -> str:
    return _statements.words_of(parties)("waiver_trail.verify_hint", code=row.code)


def document(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent], *,
             signed: bool, held: bool) -> WaiverDocument:
    return WaiverDocument(
        title=WaiverKind(row.kind).label, code=row.code, facts=facts(row, parties),
        body=row.body, words=document_words(parties.locale, parties.terminology),
        signature=_signature(row, parties, signed), held=held,
        audit=_trail(events, parties), verify_hint=_verify_hint(row, parties))


def render(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent], *,
           signed: bool, held: bool) -> bytes:
    """The row's PDF: a waiver's, or a sworn statement's (never held: nothing is paid by it)."""
    if row.kind != WaiverKind.SWORN_STATEMENT.value:
        return render_waiver(document(row, parties, events, signed=signed, held=held))
    return render_sworn_statement(_statements.document(
        row, parties, _signature(row, parties, signed), _trail(events, parties),
        _verify_hint(row, parties)))


def pdf(row: LienWaiver, parties: WaiverParties, events: Sequence[WaiverEvent]) -> bytes:
    """The PDF a reader gets now: the stored signed file once it is signed and not held,
    the held version while held, a preview before signing."""
    if row.signed_pdf is not None and not (row.held and row.released_at is None):
        return row.signed_pdf
    held = row.signed_pdf is not None
    return render(row, parties, events, signed=False, held=held)
