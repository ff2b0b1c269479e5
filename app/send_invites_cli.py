"""`invite-to-bill send-invites`: queue a batch, then show its delivery as a progress bar."""

from __future__ import annotations

import asyncio
import sys

from app.bootstrap import Container
from app.progress import ProgressBar
from domain.commands import SendInvites
from domain.errors import DomainError
from domain.invoice_types import parse_invite_type
from domain.model import Channel

POLL_SECONDS = 0.2  # how often the bar is redrawn; delivery itself is not waited on by time
STALL_SECONDS = 60  # with Redis and no worker running, nothing moves: say so and stop


async def send_invites(container: Container, period_id: int, commitment_ids: list[int] | None,
                       *, resend_answered: bool, as_email: str | None,
                       deliver_here: bool, invoice_type: str | None = None) -> int:
    """Exit status: 0 when at least one invite was queued, 1 when nothing could be sent."""
    try:
        admin = await container.access.admin_acting_on_period(period_id, as_email)
        result = await container.invites.send(admin, SendInvites(
            period_id, None if commitment_ids is None else tuple(commitment_ids),
            resend_answered=resend_answered, channel=Channel.CLI,
            invoice_type=parse_invite_type(invoice_type)))
    except DomainError as exc:
        print(f"invite-to-bill: {exc.message}", file=sys.stderr)
        return 1
    for skipped in result.skipped:
        print(f"skipped commitment {skipped.commitment_id}: {skipped.message}",
              file=sys.stderr)
    print(f"batch {result.batch_id}: {result.invited} invited, {result.resent} resent, "
          f"{result.messages} messages queued", file=sys.stderr)
    if result.messages == 0:
        return 1
    delivering = asyncio.create_task(container.delivery.deliver_due()) if deliver_here else None
    bar = ProgressBar(result.messages, "sending")
    loop = asyncio.get_running_loop()
    last_change, last_done = loop.time(), -1
    while True:
        progress = await container.invites.batch(admin, result.batch_id)
        done = progress.sent + progress.failed
        bar.update(done, f"({progress.failed} failed)" if progress.failed else "")
        if progress.done:
            break
        if done != last_done:
            last_change, last_done = loop.time(), done
        elif loop.time() - last_change > STALL_SECONDS:
            print("\nno progress for a minute: is a worker running? The messages stay "
                  "queued in the outbox.", file=sys.stderr)
            break
        if delivering is not None and delivering.done():
            await delivering  # surface an error; retries wait in the outbox for a worker
            delivering = None
            if progress.queued:
                print("\nsome messages wait for a retry; a running worker will send them",
                      file=sys.stderr)
                break
        await asyncio.sleep(POLL_SECONDS)
    bar.finish()
    if delivering is not None:
        await delivering
    return 0
