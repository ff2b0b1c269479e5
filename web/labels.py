"""The words pages show for statuses, shared by the administrator's, the contact's and the
answer pages."""

from __future__ import annotations

from domain.invoice_records import InvoiceStatus
from domain.invoice_types import LABELS as INVITE_TYPE_WORDS
from domain.invoice_types import InviteType
from domain.model import InviteStatus

STATUS_LABELS = {
    InviteStatus.NOT_INVITED: "Not Invited",
    InviteStatus.INVITED: "Invited",
    InviteStatus.ACCEPTED: "Accepted",
    InviteStatus.DECLINED: "Declined",
}
INVOICE_STATUS_LABELS = {
    InvoiceStatus.DRAFT: "Draft", InvoiceStatus.UNDER_REVIEW: "Under Review",
    InvoiceStatus.APPROVED: "Approved", InvoiceStatus.APPROVED_AS_NOTED: "Approved as Noted",
    InvoiceStatus.REVISE_AND_RESUBMIT: "Revise and Resubmit",
    InvoiceStatus.PENDING_OWNER_APPROVAL: "Pending Owner Approval", InvoiceStatus.PAID: "Paid",
}
# Keyed by the value too, so templates can look up a stored string.
INVITE_TYPE_LABELS: dict[str, str] = {kind.value: INVITE_TYPE_WORDS[kind] for kind in InviteType}


# A sub-tier's lien waivers on an invoice, together (domain/sub_tier_waivers.py).
