"""Every mail the service sends: the template names and the builders of their contexts.

A new kind of mail writes its builder (see app/use_cases/mail_out/contexts.py) and
registers it here.
"""

from __future__ import annotations

from app.links import LinkSigner
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out._answer_notices import declined_notice_contexts
from app.use_cases.mail_out._bot_replies import inbound_reply_contexts
from app.use_cases.mail_out._bounce_notices import bounce_notice_contexts
from app.use_cases.mail_out._invoice_notices import (
    invoice_returned_contexts,
    invoice_submitted_contexts,
)
from app.use_cases.mail_out._late_request_mails import (
    late_decided_contexts,
    late_request_contexts,
)
from app.use_cases.mail_out._period_opened_notices import period_opened_contexts
from app.use_cases.mail_out._reminder_mails import reminder_contexts
from app.use_cases.mail_out._sign_in_links import sign_in_link_contexts
from app.use_cases.mail_out._team_mails import admin_invitation_contexts, password_reset_contexts
from app.use_cases.mail_out._waiver_notices import (
    payment_sent_contexts,
    sub_tier_waiver_contexts,
    waiver_contexts,
)
from app.use_cases.mail_out._webhook_stopped_notices import webhook_stopped_contexts
from app.use_cases.mail_out.contexts import MailContexts, invite_contexts


def default_mail_contexts(settings: SharedSettings, signer: LinkSigner) -> MailContexts:
    contexts = MailContexts()
    contexts.register("invite", invite_contexts(settings, signer))
    contexts.register("declined_notice", declined_notice_contexts(settings))
    contexts.register("sign_in_link", sign_in_link_contexts(settings, signer))
    contexts.register("reminder", reminder_contexts(settings, signer))
    contexts.register("bounce_notice", bounce_notice_contexts(settings))
    contexts.register("webhook_stopped", webhook_stopped_contexts())
    contexts.register("inbound_reply", inbound_reply_contexts(settings, signer))
    contexts.register("invoice_submitted", invoice_submitted_contexts(settings))
    contexts.register("invoice_returned", invoice_returned_contexts(settings))
    contexts.register("admin_invitation", admin_invitation_contexts(settings, signer))
    contexts.register("password_reset", password_reset_contexts(settings, signer))
    contexts.register("late_request", late_request_contexts(settings, signer))
    contexts.register("late_decided", late_decided_contexts(settings, signer))
    contexts.register("period_opened", period_opened_contexts(settings))
    contexts.register("waiver_requested", waiver_contexts(settings, signer, None))
    contexts.register("waiver_released", waiver_contexts(settings, signer,
                                                         "/admin/invoices/{invoice_id}"))
    contexts.register("payment_sent", payment_sent_contexts(settings))
    contexts.register("sub_tier_waiver_requested", sub_tier_waiver_contexts(settings, signer))
    return contexts
