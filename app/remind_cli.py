"""`invite-to-bill remind [--on YYYY-MM-DDTHH:MM] [--dry-run]`: the reminder scan as of a
moment, with what it queued (or would queue) per project."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from domain.reminders import ReminderKind

if TYPE_CHECKING:  # the command line imports this module before it knows the command
    from app.bootstrap import Container
    from app.settings import Settings
    from app.use_cases.reminders.service import QueuedReminder, ReminderRun

KIND_WORDS = {ReminderKind.BEFORE_DUE: "before the due date",
              ReminderKind.AFTER_DUE: "after the due date"}


def moment(value: str) -> datetime:
    """`--on`: an ISO 8601 date and time; UTC unless it carries an offset."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a moment like 2026-11-22T08:00 (UTC) or "
            "2026-11-22T08:00-06:00") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def remind_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=moment, metavar="YYYY-MM-DDTHH:MM",
                        help="scan as of this moment (UTC unless an offset is given, e.g. "
                             "2026-11-22T08:00-06:00); default: now")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be queued; write nothing")


async def cmd_remind(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build

    container = await build(settings)
    try:
        return await remind(container, args.on, dry_run=args.dry_run,
                            deliver_here=settings.redis_url is None)
    finally:
        await container.aclose()


async def remind(container: Container, at: datetime | None, *, dry_run: bool,
                 deliver_here: bool, out: TextIO = sys.stdout) -> int:
    """Always 0: finding nothing due is a normal outcome."""
    run = await container.reminders.scan(at, dry_run=dry_run)
    print_run(run, out)
    if run.queued and not dry_run:
        if deliver_here:  # no Redis: no worker was told, so this process sends them
            report = await container.delivery.deliver_due()
            print(f"delivered {report.sent} mail(s)"
                  + (f", {report.failed} failed" if report.failed else "")
                  + (f", {report.retried} to retry by a running worker" if report.retried
                     else ""), file=out)
        else:
            print("the workers were told; they send the mail from the outbox", file=out)
    return 0


def print_run(run: ReminderRun, out: TextIO) -> None:
    verb = "would queue" if run.dry_run else "queued"
    when = f"{run.at:%Y-%m-%d %H:%M} UTC"
    new = [reminder for reminder in run.reminders if reminder.new]
    if not new:
        print(f"No reminders due as of {when}"
              + (" (dry run: nothing written)." if run.dry_run else "."), file=out)
        return
    by_project: dict[tuple[int, str, str], list[QueuedReminder]] = defaultdict(list)
    for reminder in new:
        by_project[(reminder.project_id, reminder.project_name,
                    reminder.project_number)].append(reminder)
    print(f"Reminders as of {when}: {verb} {len(new)} in {len(by_project)} project(s)"
          + (" (dry run: nothing written)." if run.dry_run else "."), file=out)
    for (_, name, number), reminders in by_project.items():
        commitments: dict[str, list[QueuedReminder]] = defaultdict(list)
        for reminder in reminders:
            commitments[f"{reminder.commitment_number} {reminder.commitment_title}"].append(
                reminder)
        first = reminders[0]
        print(f"{name} ({number}): {len(reminders)} reminder(s) to {len(commitments)} "
              f"commitment(s), {KIND_WORDS[first.kind]} (due {first.due_date:%Y-%m-%d}, "
              f"local date {first.local_date:%Y-%m-%d})", file=out)
        for commitment, items in commitments.items():
            print(f"  {commitment}: {', '.join(item.contact_email for item in items)}",
                  file=out)
