"""The reminder mail: the invite's content and fresh Yes/No links, worded for before or
after the due date, marked automatic and threaded under the invite.

Registered for the template "reminder" in app/use_cases/mail_out/catalog.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkSigner
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import (
    Built,
    ContextBuilder,
    NotSendable,
    Rows,
    mail_to_invite_contact,
)
from domain.reminders import ReminderKind
from store.mail_facts import invite_mail_facts
from store.reminders import invite_message_ids


def thread_headers(invite_message_ids: list[str]) -> dict[str, str]:
    """RFC 3834 marks the mail automatic (auto-responders stay quiet), and RFC 5322
    threading puts it under the invite mails this contact received: In-Reply-To names the
    latest, References all of them, the original first."""
    headers = {"Auto-Submitted": "auto-generated"}
    if invite_message_ids:
        headers["In-Reply-To"] = invite_message_ids[-1]
        headers["References"] = " ".join(invite_message_ids)
    return headers


def reminder_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    """One reminder per (invite, contact); the payload says which kind and for which day."""

    async def build(session: AsyncSession, rows: Rows) -> Built:
        pairs = [(row["invite_id"], row["person_id"]) for row in rows]
        facts = await invite_mail_facts(session, pairs)
        threads = await invite_message_ids(session, pairs)
        built: Built = {}
        for row in rows:
            pair = (row["invite_id"], row["person_id"])
            found = facts.get(pair)
            if found is None:
                built[row["id"]] = NotSendable("the contact is no longer on the commitment")
                continue
            # Signed now, with the invite's current version: a reminder's links are fresh.
            built[row["id"]] = mail_to_invite_contact(
                settings, signer, found, resend=False, wording=_wording(row["payload"]),
                headers=thread_headers(threads.get(pair, [])))
        return built

    return build


def _wording(payload: Mapping[str, object]) -> dict[str, bool]:
    return {"past_due": payload.get("kind") == ReminderKind.AFTER_DUE.value,
            "answered_yes": bool(payload.get("answered_yes"))}
