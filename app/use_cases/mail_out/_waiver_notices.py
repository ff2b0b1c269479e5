"""Mail about lien waivers and payments: `waiver_requested` (the signing link, to the
signer), `waiver_released` (to the administrator), `payment_sent` (to each contact)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkSigner, WaiverLink, waiver_token, waiver_url
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, NotSendable, OutgoingMail, Rows
from domain.money import format_money
from mailer import i18n
from mailer.i18n import format_date, strings_for
from mailer.i18n import format_money as written_money
from store import answers, mail_facts, payments, sub_tier_waivers, waivers


def waiver_contexts(settings: SharedSettings, signer: LinkSigner,
                    link: str | None) -> ContextBuilder:
    """`link` None: the mail carries the signer's own signing link (waiver_requested);
    otherwise a page of the administrator's, formatted with the invoice id."""

    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        facts = await waivers.waiver_mail_facts(
            session, [int(row["payload"].get("waiver_id") or 0) for row in rows])
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            fact = facts.get(int(row["payload"].get("waiver_id") or 0))
            if recipient is None or fact is None:
                built[row["id"]] = NotSendable("the waiver or its recipient no longer exists")
                continue
            if link is None:
                token = waiver_token(signer, WaiverLink(
                    fact.waiver_id, row["person_id"], int(row["payload"].get("link_version", 1))))
                url = waiver_url(settings.base_url, token)
            else:
                url = settings.base_url + link.format(invoice_id=fact.invoice_id)
            # The recipient's own language over the project's (the kind is worded by the
            # template: waiver_kind_<kind> of mail.po).
            locale = recipient.language or fact.locale
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": locale, "terminology": fact.terminology,
                         "project_name": fact.project_name, "kind": fact.kind,
                         "amount": written_money(Decimal(str(fact.amount)), locale),
                         "through_date": format_date(fact.through_date, locale),
                         "code": fact.code, "invoice_number": fact.invoice_number,
                         "commitment_number": fact.commitment_number,
                         "claimant": fact.claimant, "name": recipient.name,
                         "note": str(row["payload"].get("note") or ""), "url": url})
        return built

    return build


def payment_sent_contexts(settings: SharedSettings) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        invoice_ids = [int(row["payload"].get("invoice_id") or 0) for row in rows]
        facts = await mail_facts.invoice_mail_facts(session, invoice_ids)
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            fact = facts.get(int(row["payload"].get("invoice_id") or 0))
            found = [p for p in await payments.payments_of(session, fact.invoice_id)
                     if p.id == row["payload"].get("payment_id")] if fact else []
            if recipient is None or fact is None or not found:
                built[row["id"]] = NotSendable("the payment or its recipient no longer exists")
                continue
            payment = found[0]
            # The contact's own language over the project's; the method is worded by the
            # template (payment_method_<method> of mail.po).
            locale = recipient.language or fact.locale
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": locale, "terminology": fact.terminology,
                         "project_name": fact.project_name,
                         "invoice_number": fact.number,
                         "commitment_number": fact.commitment_number,
                         "amount": written_money(payment.amount, locale),
                         "amount_plain": format_money(payment.amount),
                         "paid_on": format_date(payment.paid_on, locale),
                         "method": payment.method, "reference": payment.reference or "",
                         "name": recipient.name,
                         "url": f"{settings.base_url}/c/commitments/{fact.commitment_id}"})
        return built

    return build


def sub_tier_waiver_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    """`sub_tier_waiver_requested`: the signing link, to a sub-tier's waiver signer, in
    the project's language and words (the signer has no account)."""

    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        ids = [int(row["payload"].get("waiver_id") or 0) for row in rows]
        facts = await waivers.waiver_mail_facts(session, ids)
        extras = await sub_tier_waivers.mail_extras(session, ids)
        built: Built = {}
        for row, waiver_id in zip(rows, ids, strict=True):
            recipient, fact = people.get(row["person_id"]), facts.get(waiver_id)
            extra = extras.get(waiver_id)
            if recipient is None or fact is None or extra is None:
                built[row["id"]] = NotSendable("the waiver or its recipient no longer exists")
                continue
            token = waiver_token(signer, WaiverLink(
                fact.waiver_id, row["person_id"], int(row["payload"].get("link_version", 1))))
            words = strings_for(fact.locale, extra[1])
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": fact.locale, "terminology": extra[1],
                         "project_name": fact.project_name,
                         "kind": words[f"waiver_kind_{fact.kind}"],
                         "amount": i18n.format_money(Decimal(str(fact.amount)), fact.locale),
                         "through_date": i18n.format_date(fact.through_date, fact.locale),
                         "code": fact.code, "invoice_number": fact.invoice_number,
                         "commitment_number": fact.commitment_number,
                         "contract_company": fact.claimant, "claimant": extra[0],
                         "reminder": bool(row["payload"].get("reminder")),
                         "note": str(row["payload"].get("note") or ""),
                         "url": waiver_url(settings.base_url, token)})
        return built

    return build
