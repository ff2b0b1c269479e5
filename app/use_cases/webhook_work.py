"""The webhook worker's run: process received events, fan events out, deliver webhooks.

One job for all three, because each feeds the next (a received `invites.requested` writes
`invite.sent` events, which fan out to deliveries). A run repeats until a pass finds
nothing due.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.use_cases.webhooks_in.processing import WebhookEventProcessing
from app.use_cases.webhooks_out.delivery import WebhookDelivery
from app.use_cases.webhooks_out.fanout import EventFanOut


@dataclass
class WebhookRun:
    received: int = 0  # inbound events processed
    events: int = 0  # events fanned out
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


class WebhookWork:
    def __init__(self, inbound: WebhookEventProcessing, fanout: EventFanOut,
                 delivery: WebhookDelivery) -> None:
        self.inbound = inbound
        self.fanout = fanout
        self.delivery = delivery

    async def run_due(self) -> WebhookRun:
        run = WebhookRun()
        while True:
            received = await self.inbound.process_due()
            events = 0
            while handled := (await self.fanout.fan_out_due()).events:
                events += handled
            report = await self.delivery.deliver_due()
            run.received += received
            run.events += events
            run.sent += report.sent
            run.retried += report.retried
            run.failed += report.failed
            if not (received or events or report.sent or report.retried or report.failed):
                return run
