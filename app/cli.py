"""The `invite-to-bill` command line. Settings are read here, once, and passed down."""

from __future__ import annotations

import argparse
import asyncio
import errno
import getpass
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import asdict
from typing import Any

from app.import_cli import import_arguments
from app.remind_cli import cmd_remind, remind_arguments
from app.settings import Settings, SettingsError, load_settings

log = logging.getLogger("itb.cli")
Command = Callable[[Settings, argparse.Namespace], Awaitable[int]]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="invite-to-bill", description=(
        "Invite subcontractors to bill: signed Yes/No invites, reminders, invoices."))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("serve", help="web + inbound SMTP + jobs in one process")
    sub.add_parser("web", help="the HTTP server only")
    sub.add_parser("worker", help="an arq worker on Redis (outbox, reminders, webhooks)")
    sub.add_parser("smtp", help="the inbound SMTP server only")
    sub.add_parser("migrate", help="upgrade the database to the newest schema")
    demo = sub.add_parser("demo", help="load the demo company, project and period")
    demo.add_argument("--json", action="store_true", help="print the result as JSON")
    demo.add_argument("--commitments", type=int, metavar="N",
                      help="also build a load-test project with N commitments (bulk insert)")
    admin = sub.add_parser("create-admin", help="create an administrator (asks a password)")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", required=True)
    admin.add_argument("--company", default="My Company", help="the upstream company's name")
    send = sub.add_parser("send-invites", help="send a batch of invites, with a progress bar")
    send.add_argument("--period", type=int, required=True, help="billing period id")
    which = send.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every commitment of the project")
    which.add_argument("--commitment", type=int, action="append", metavar="ID",
                       help="a commitment id (repeat for several)")
    send.add_argument("--resend-answered", action="store_true",
                      help="also send again to commitments that already answered")
    send.add_argument("--type", dest="invoice_type", default="work_and_materials",
                      choices=["work_and_materials", "retainage_release",
                               "work_materials_and_retainage", "final"],
                      help="what the contacts are invited to bill (default: "
                           "work_and_materials); a resend replaces the invite's type")
    send.add_argument("--as", dest="as_email", metavar="EMAIL",
                      help="the administrator recorded as Invited By (default: the first "
                           "administrator of the project's company)")
    remind_arguments(sub.add_parser("remind", help="run the reminder scan, print what it queues"))
    import_arguments(sub.add_parser("import", help="import commitments from a CSV or XLSX file"))
    token = sub.add_parser("api-token", help="issue an API token (shown once)")
    token.add_argument("--email", required=True)
    token.add_argument("--label", default="")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"invite-to-bill: configuration error: {exc}", file=sys.stderr)
        return 2
    from app.logs import configure_logging

    configure_logging(settings.log_level, json_lines=settings.is_production)
    command = COMMANDS[args.command]
    try:
        return run_async(command(settings, args))
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"invite-to-bill: {exc.strerror or exc}. Another process listens there; "
              "choose other ports with ITB_HTTP_PORT, ITB_DEV_MAILBOX_PORT or "
              "ITB_INBOUND_PORT.", file=sys.stderr)
        return 2


def run_async(coroutine: Coroutine[Any, Any, int]) -> int:
    """Run on uvloop where it is installed (measured: ~6% less CPU per mail delivered);
    the tasks a command leaves behind are cancelled until they end (app/shutdown.py)."""
    from app.shutdown import finishing_leftover_tasks

    command = finishing_leftover_tasks(coroutine)
    try:
        import uvloop
    except ImportError:
        return asyncio.run(command)
    return uvloop.run(command)


async def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from store.engine import create_engine
    from store.migrate import current_revision, upgrade_to_head

    engine = create_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
        print(f"database at revision {await current_revision(engine)}")
    finally:
        await engine.dispose()
    return 0


async def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build
    from app.use_cases.demo import Demo

    container = await build(settings, connect_redis=False)
    try:
        if args.commitments:
            result = await Demo(container.ctx).load_large(args.commitments)
        else:
            result = await Demo(container.ctx).load()
    finally:
        await container.aclose()
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(f"Demo loaded. Open {result.base_url}/ and sign in as {result.admin_email} "
              f"with password {result.admin_password}\n"
              f"API token: {result.api_token}\n"
              f"Project {result.project_id}, billing period {result.billing_period_id}, "
              f"{len(result.commitment_ids)} commitments.")
    return 0


async def cmd_create_admin(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build
    from domain.errors import DomainError

    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Repeat: "):
        print("the passwords differ", file=sys.stderr)
        return 1
    container = await build(settings, connect_redis=False)
    try:
        admin = await container.access.create_admin(email=args.email, name=args.name,
                                                    password=password, company_name=args.company)
    except DomainError as exc:
        print(f"invite-to-bill: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await container.aclose()
    print(f"administrator {admin.email} (id {admin.person_id}) is ready")
    return 0


async def cmd_api_token(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build
    from domain.errors import DomainError

    container = await build(settings, connect_redis=False)
    try:
        token = await container.access.issue_api_token(args.email, args.label)
    except DomainError as exc:
        print(f"invite-to-bill: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await container.aclose()
    print(token)
    print("Store it now: it is shown once and kept only as a hash.", file=sys.stderr)
    return 0


async def cmd_send_invites(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build
    from app.send_invites_cli import send_invites

    container = await build(settings)
    try:
        return await send_invites(
            container, args.period, None if args.all else args.commitment,
            resend_answered=args.resend_answered, as_email=args.as_email,
            invoice_type=args.invoice_type,
            # Without Redis no worker is told; this process delivers the batch itself.
            deliver_here=settings.redis_url is None)
    finally:
        await container.aclose()


async def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from app.bootstrap import build
    from app.import_cli import run_import

    container = await build(settings, connect_redis=False)
    try:
        return await run_import(container, args)
    finally:
        await container.aclose()


async def cmd_serve(settings: Settings, _: argparse.Namespace) -> int:
    from app.processes import serve

    await serve(settings)
    return 0


async def cmd_web(settings: Settings, _: argparse.Namespace) -> int:
    from app.processes import web_process

    await web_process(settings)
    return 0


async def cmd_worker(settings: Settings, _: argparse.Namespace) -> int:
    from app.processes import worker

    return await worker(settings)


async def cmd_smtp(settings: Settings, _: argparse.Namespace) -> int:
    from app.processes import smtp

    return await smtp(settings)


COMMANDS: dict[str, Command] = {
    "serve": cmd_serve, "web": cmd_web, "worker": cmd_worker, "smtp": cmd_smtp,
    "migrate": cmd_migrate, "demo": cmd_demo, "create-admin": cmd_create_admin,
    "api-token": cmd_api_token, "send-invites": cmd_send_invites, "remind": cmd_remind,
    "import": cmd_import,
}
