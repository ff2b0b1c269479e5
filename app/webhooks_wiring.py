"""Building the webhook side of the service: receiving, subscriptions, bounces, the worker."""

from __future__ import annotations

from dataclasses import dataclass

from app.jobs import JobQueue
from app.use_cases.bounces import Bounces
from app.use_cases.commitment_sync import CommitmentSync
from app.use_cases.context import UseCaseContext
from app.use_cases.inbound_commands import InboundCommands
from app.use_cases.inbound_processing import InboundProcessing
from app.use_cases.inbound_webhooks import InboundWebhooks
from app.use_cases.invites import Invites
from app.use_cases.projects import Projects
from app.use_cases.webhook_delivery import WebhookDelivery
from app.use_cases.webhook_fanout import EventFanOut
from app.use_cases.webhook_sources import WebhookSources
from app.use_cases.webhook_subscriptions import WebhookSubscriptions
from app.use_cases.webhook_work import WebhookWork
from webhooks.outbound_http import WebhookPoster


@dataclass
class Webhooks:
    inbound: InboundWebhooks
    subscriptions: WebhookSubscriptions
    sources: WebhookSources
    bounces: Bounces
    # The worker's job: process received events, fan out events, deliver webhooks.
    work: WebhookWork


def build_webhooks(ctx: UseCaseContext, jobs: JobQueue, projects: Projects, invites: Invites,
                   *, version: str = "0") -> Webhooks:
    allow_private = ctx.settings.webhook_allow_private
    user_agent = f"invite-to-bill-webhooks/{version}"
    bounces = Bounces(ctx, jobs)
    commands = InboundCommands(ctx, projects, invites, CommitmentSync(ctx), bounces)
    delivery = WebhookDelivery(ctx, jobs, lambda: WebhookPoster(allow_private=allow_private,
                                                                user_agent=user_agent))
    work = WebhookWork(InboundProcessing(ctx, commands), EventFanOut(ctx), delivery)
    return Webhooks(inbound=InboundWebhooks(ctx, jobs),
                    subscriptions=WebhookSubscriptions(ctx, jobs),
                    sources=WebhookSources(ctx), bounces=bounces, work=work)
