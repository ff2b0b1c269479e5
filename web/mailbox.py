"""The development mailbox in the browser: GET /dev/mail and one message's views.

Only when the application runs with the embedded mailbox (deps.mailbox); otherwise every
route answers 404. No sign-in: invoice contacts read their invites here in a demo.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from mailer.dev_mailbox_store import DevMailbox, StoredMail
from web.keys import deps_of
from web.render import not_found, page, render
from web.routing import add_routes
from web.session import current_admin

# The HTML part is someone else's markup: no script may run, nothing may be loaded but
# images, and it may only be framed by our own message page. `sandbox` also applies when
# the part is opened on its own; links still open (in a new tab, or the top window on a
# click).
MAIL_HTML_POLICY = "; ".join((
    "default-src 'none'",
    "img-src data: https: http:",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    "sandbox allow-popups allow-popups-to-escape-sandbox "
    "allow-top-navigation-by-user-activation",
))
LIST_LIMIT = 200

routes = web.RouteTableDef()


def mailbox_of(request: web.Request) -> DevMailbox | None:
    return deps_of(request).mailbox


async def stored_mail(request: web.Request) -> StoredMail | None:
    mailbox = mailbox_of(request)
    if mailbox is None:
        return None
    try:
        return await asyncio.to_thread(mailbox.get, request.match_info["id"])
    except (ValueError, KeyError):
        return None


@routes.get("/dev/mail")
@page
async def mail_list(request: web.Request) -> web.StreamResponse:
    mailbox = mailbox_of(request)
    if mailbox is None:
        return not_found(request)
    messages = await asyncio.to_thread(mailbox.list, LIST_LIMIT)
    await current_admin(request)  # the navigation shows the admin's links when signed in
    return render(request, "mail_list.html.j2", messages=messages)


@routes.get("/dev/mail/{id}")
@page
async def mail_view(request: web.Request) -> web.StreamResponse:
    mail = await stored_mail(request)
    if mail is None:
        return not_found(request)
    await current_admin(request)
    return render(request, "mail_view.html.j2", mail=mail,
                  subject=next((v for k, v in mail.headers if k.lower() == "subject"), ""))


@routes.get("/dev/mail/{id}/html")
@page
async def mail_html(request: web.Request) -> web.StreamResponse:
    mail = await stored_mail(request)
    if mail is None or mail.html is None:
        return not_found(request)
    return web.Response(text=mail.html, content_type="text/html", headers={
        "Content-Security-Policy": MAIL_HTML_POLICY,
        # Superseded by frame-ancestors where browsers know it; for the others.
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "no-referrer",
    })


@routes.get("/dev/mail/{id}/raw")
@page
async def mail_raw(request: web.Request) -> web.StreamResponse:
    mail = await stored_mail(request)
    if mail is None:
        return not_found(request)
    # The id is checked by the mailbox (digits, a letter or two, hex): safe in a header.
    return web.Response(body=mail.raw, content_type="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="{mail.id}.eml"'})


def register(app: web.Application) -> None:
    add_routes(app, routes)
