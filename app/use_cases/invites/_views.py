"""The read side of invites (a period's statuses and counts, one invite's log, a batch),
read in the session the Invites service opens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.invoice_types import InviteType
from domain.listing import InviteFilter, PageRequest, cut
from domain.model import (
    Administrator,
    BatchProgress,
    Commitment,
    InviteRecord,
    InviteStatus,
    PeriodInvites,
)
from domain.reminders import wants_reminders
from store import invite_lists, invites, mapping, outbox, periods, projects
from store.tables import Invite


async def period_invites(session: AsyncSession, admin: Administrator, period_id: int,
                         wanted: InviteFilter | None = None,
                         page: PageRequest | None = None) -> PeriodInvites:
    """The period's counts (always of the whole period) and its commitments' invites: the
    page asked for of those `wanted` keeps (every one without a page)."""
    found = await periods.period_with_project(session, admin.company_id, period_id)
    if found is None:
        raise NotFound(f"billing period {period_id} not found")
    period, project = found
    wanted = wanted or InviteFilter()
    next_after = previous_before = matching = None
    if page is None:
        ids = await invite_lists.all_matching_ids(session, project.id, period_id, wanted)
    else:
        keys = await invite_lists.page_of_ids(session, project.id, period_id, wanted, page)
        ids, next_after, previous_before = cut(keys, page)
        matching = (len(ids) if page.after is None and page.before is None and
                    next_after is None else
                    await invite_lists.count_matching(session, project.id, period_id, wanted))
    commitments = await projects.commitments(session, ids=ids) if ids else []
    invite_of = await invites.invite_rows_of_period(session, period_id, ids)
    submitted = await invites.commitments_with_sent_invoice(session, period_id, ids)
    items = tuple(_record(commitment, invite_of.get(commitment.id), period_id,
                          invoice_sent=commitment.id in submitted,
                          period_open=period.status == "open")
                  for commitment in commitments if commitment.id is not None)
    counts = await invite_lists.status_counts(session, project.id, period_id)
    return PeriodInvites(mapping.billing_period(period), counts, items,
                         next_after=next_after, previous_before=previous_before,
                         matching=matching)


async def matching_commitment_ids(session: AsyncSession, admin: Administrator,
                                  period_id: int, wanted: InviteFilter) -> list[int]:
    """Every commitment of the period's project that `wanted` keeps, in id order."""
    found = await periods.period_with_project(session, admin.company_id, period_id)
    if found is None:
        raise NotFound(f"billing period {period_id} not found")
    return await invite_lists.all_matching_ids(session, found[1].id, period_id, wanted)


def _record(commitment: Commitment, invite: Invite | None, period_id: int, *,
            invoice_sent: bool, period_open: bool) -> InviteRecord:
    assert commitment.id is not None
    return InviteRecord(
        invite_id=invite.id if invite else None, commitment_id=commitment.id,
        commitment_number=commitment.number, commitment_title=commitment.title,
        contract_company=commitment.contract_company,
        status=InviteStatus(invite.status) if invite else InviteStatus.NOT_INVITED,
        invoice_submitted=invoice_sent,
        invited_at=invite.invited_at if invite else None,
        answered_at=invite.answered_at if invite else None,
        contacts=commitment.invoice_contacts, billing_period_id=period_id,
        next_reminder_at=next_reminder_shown(invite, commitment, invoice_sent=invoice_sent,
                                             period_open=period_open),
        extended_due_date=invite.extended_due_date if invite else None,
        invoice_type=InviteType(invite.invoice_type) if invite else None)


async def invite(session: AsyncSession, admin: Administrator, invite_id: int) -> InviteRecord:
    invite = await invites.invite_row(session, invite_id)
    found = invite and await periods.period_with_project(
        session, admin.company_id, invite.billing_period_id)
    if invite is None or not found:
        raise NotFound(f"invite {invite_id} not found")
    commitment = (await projects.commitments(session, ids=[invite.commitment_id]))[0]
    events = await invites.event_log(session, invite_id)
    submitted = invite.commitment_id in await invites.commitments_with_sent_invoice(
        session, invite.billing_period_id, [invite.commitment_id])
    return InviteRecord(
        invite_id=invite.id, commitment_id=invite.commitment_id,
        commitment_number=commitment.number, commitment_title=commitment.title,
        contract_company=commitment.contract_company, status=InviteStatus(invite.status),
        invoice_submitted=submitted, invited_at=invite.invited_at,
        answered_at=invite.answered_at, contacts=commitment.invoice_contacts,
        billing_period_id=invite.billing_period_id, events=events,
        next_reminder_at=next_reminder_shown(invite, commitment,
                                             invoice_sent=submitted,
                                             period_open=found[0].status == "open"),
        extended_due_date=invite.extended_due_date,
        invoice_type=InviteType(invite.invoice_type))


async def batch(session: AsyncSession, admin: Administrator, batch_id: int) -> BatchProgress:
    row = await invites.batch_row(session, batch_id)
    found = row and await periods.period_with_project(session, admin.company_id,
                                                      row.billing_period_id)
    if row is None or not found:
        raise NotFound(f"batch {batch_id} not found")
    progress = await outbox.batch_progress(session, batch_id)
    assert row.id is not None
    return BatchProgress(
        batch_id=row.id, billing_period_id=row.billing_period_id, invited=row.invited,
        skipped=tuple(row.skipped), queued=progress.get("pending", 0),
        sent=progress.get("sent", 0),
        failed=progress.get("failed", 0) + progress.get("dead", 0),
        created_at=row.created_at)


def next_reminder_shown(invite: Invite | None, commitment: Commitment, *,
                        invoice_sent: bool, period_open: bool) -> datetime | None:
    """The scan's next instant for the invite, when it would send something then.

    The scan clears an invite's instant lazily (when it next looks at it), so an invite
    answered No or whose contacts all bounced may still have one; the dashboard shows
    only what would really go out.
    """
    if invite is None or not period_open:
        return None
    deliverable = any(contact.deliverable for contact in commitment.invoice_contacts)
    if not wants_reminders(InviteStatus(invite.status), invoice_sent=invoice_sent,
                           deliverable=deliverable):
        return None
    return invite.next_reminder_at
