"""The administrator's notice that webhooks to a subscriber stopped (`webhook_stopped`):
paused after repeated failure, or disabled because the receiver answered 410 Gone."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows
from store import answers, webhook_subscriptions

# Companies have no language of their own yet; projects do, but a subscription spans them.
LOCALE = "en-US"


def webhook_stopped_contexts() -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        subscriptions = await webhook_subscriptions.subscriptions_by_id(
            session, [row["payload"].get("subscription_id", 0) for row in rows])
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            subscription = subscriptions.get(row["payload"].get("subscription_id", 0))
            if recipient is None or subscription is None:
                continue
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": LOCALE, "url": subscription.url,
                         "subscription_id": subscription.id,
                         "reason": str(row["payload"].get("reason") or "")})
        return built

    return build
