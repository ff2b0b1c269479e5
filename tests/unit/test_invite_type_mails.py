"""The confirmation mails say the invite's type: the notice of a No to the administrator
and the bot's confirmation of a Yes or a No, in English and French."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.bootstrap import TEMPLATES_DIR
from app.use_cases.mail_out._answer_notices import notice_context
from domain.invoice_types import InviteType
from mailer.render import MailRenderer
from tests.support.invite_types import MAIL_WORDS
from tests.support.mail_contexts import ANSWERED, invite_facts

LANGUAGES = (("en-US", 0, "Invoice type: "), ("fr-CA", 1, "Type de facture : "))


@pytest.mark.parametrize("kind", list(InviteType))
@pytest.mark.parametrize(("locale", "language", "label"), LANGUAGES)
def test_the_declined_notice_names_the_type(kind: InviteType, locale: str, language: int,
                                            label: str) -> None:
    facts = replace(invite_facts(locale), invoice_type=kind)
    mail = MailRenderer(TEMPLATES_DIR).render("declined_notice", notice_context(
        facts, ANSWERED, "https://itb.example/admin/invites/7"))
    words = MAIL_WORDS[kind.value][language]
    assert f"{label}{words}" in mail.text
    assert words in mail.html


@pytest.mark.parametrize("variant", ["accepted", "declined"])
@pytest.mark.parametrize(("locale", "language", "label"), LANGUAGES)
def test_the_bots_confirmation_names_the_type(variant: str, locale: str, language: int,
                                              label: str) -> None:
    context = {"variant": variant, "contact_name": "Priya Shah", "commitment_number": "SC-003",
               "subject": "Re: invitation", "reason": "", "locale": locale,
               "sign_in_url": "https://itb.example/c/sign-in/x", "invoice_type": "final"}
    mail = MailRenderer(TEMPLATES_DIR).render("inbound_reply", context)
    words = MAIL_WORDS["final"][language]
    assert f"{label}{words}" in mail.text
    assert words in mail.html
    unknown = MailRenderer(TEMPLATES_DIR).render("inbound_reply", {**context,
                                                                   "invoice_type": ""})
    assert label not in unknown.text  # an answer not matched to an invite says no type
