"""Every table of the service. Importing this package registers them all on the metadata."""

from sqlmodel import SQLModel

from store.tables.access import RateLimitCounter, SignInAttempt, SignInLink
from store.tables.directory import DirectoryMerge
from store.tables.imports import CommitmentImport
from store.tables.inbound import InboundMessage
from store.tables.invites import Invite, InviteBatch, InviteEvent
from store.tables.invoices import Attachment, Invoice, InvoiceLine
from store.tables.late_requests import LateRequest as LateRequest
from store.tables.org import ApiToken, Company, Person
from store.tables.outbox import OutboxMessage
from store.tables.projects import BillingPeriod, Commitment, InvoiceContact, Project, SovLine
from store.tables.sub_tiers import NoSubTiersCertificate, SubTier, SubTierLine, SubTierWaiver
from store.tables.waivers import LienWaiver, Payment, WaiverEvent, WaiverPolicy, WaiverTemplate
from store.tables.webhooks import (
    ReceivedWebhook,
    WebhookDelivery,
    WebhookSource,
    WebhookSubscription,
)

metadata = SQLModel.metadata

__all__ = [
    "ApiToken", "Attachment", "BillingPeriod", "Commitment", "CommitmentImport", "Company",
    "DirectoryMerge", "InboundMessage",
    "Invite", "InviteBatch", "InviteEvent", "Invoice", "InvoiceContact", "InvoiceLine",
    "NoSubTiersCertificate",
    "OutboxMessage", "Person", "Project", "RateLimitCounter", "ReceivedWebhook", "SignInLink",
    "SovLine", "SubTier", "SubTierLine",
    "WebhookDelivery", "WebhookSource", "WebhookSubscription", "metadata",
]
__all__ += ["SignInAttempt"]
# The lien waivers part (appended so merges with other parts stay line-local).
__all__ += ["LienWaiver", "Payment", "WaiverEvent", "WaiverPolicy", "WaiverTemplate"]
# The sub-tier waivers part.
__all__ += ["SubTierWaiver"]
