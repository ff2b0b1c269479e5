"""The contact's sub-tier page, /c/commitments/{id}/sub-tiers (linked from the invoice
form): the commitment's sub-tiers (added, changed, removed), what each billed on the
period's invoice and progress or final, or Certify No Sub-Tiers. Each POST redirects back
(Post/Redirect/Get); refused input shows the form again with what was typed and the
problem next to its field. Another commitment answers 404."""

from __future__ import annotations

from aiohttp import web

from app.use_cases.sub_tiers.service import EnteredLine, SubTierLinesInvalid
from domain.contacts import ContactCommitment, SignedInContact
from domain.errors import Conflict, DomainError, InvalidInput
from domain.sub_tiers import TEXT_FIELDS, SubTier, SubTierFields, SubTierInvalid
from web.contact.invoice_form import no_open_period
from web.contact_session import require_contact
from web.csrf import Form, checked_form
from web.keys import deps_of
from web.path_params import ID_PATTERN, path_id, strict_number
from web.refusals import worded_key, worded_problems, worded_refusal
from web.render import page, render
from web.routing import add_routes

BASE = f"/c/commitments/{ID_PATTERN}/sub-tiers"
ONE = BASE + "/{sub_tier_id:[^/]{1,40}}"
FIELDS = (*TEXT_FIELDS, "tier_type", "hired_by_id", "estimated_contract_amount")
# ?saved= after a change: a message `sub_tiers.notice_<name>` of the "pages" catalogue.
NOTICES = frozenset({"added", "changed", "removed", "amounts", "certified"})

routes = web.RouteTableDef()


def _typed(form: Form) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in FIELDS}


def _fields(values: dict[str, str]) -> SubTierFields:
    hirer = values["hired_by_id"].strip()
    hired_by = None
    if hirer:
        hired_by = strict_number(hirer, "hired by")
    return SubTierFields(**{**values, "hired_by_id": hired_by})  # type: ignore[arg-type]


def _shown(tier: SubTier) -> dict[str, str]:
    fields = tier.fields
    values = {name: str(getattr(fields, name) or "") for name in FIELDS}
    values["hired_by_id"] = "" if fields.hired_by_id is None else str(fields.hired_by_id)
    return values


async def _item(request: web.Request) -> tuple[SignedInContact, ContactCommitment]:
    contact = await require_contact(request)
    item = await deps_of(request).access.commitment(contact, path_id(request, "commitment"))
    return contact, item


async def show_page(request: web.Request, contact: SignedInContact, item: ContactCommitment,
                    *, status: int = 200, values: dict[str, str] | None = None,
                    problems: dict[str, str] | None = None, amounts: dict[str, str] | None = None,
                    line_problems: dict[int, str] | None = None,
                    error: str | None = None) -> web.Response:
    if item.period_id is None:
        return no_open_period(request, item)
    tiers, invoice = await deps_of(request).sub_tiers.for_period(contact, item.commitment_id,
                                                            item.period_id)
    entered = {} if invoice is None else {tier.id: line for tier, line in invoice.lines}
    # A sent invoice: where each sub-tier's lien waivers stand.
    waiver_lines = [] if invoice is None or invoice.editable else (
        await deps_of(request).waivers.sub_tier_waivers_for_contact(contact.person_id,
                                                                    invoice.invoice_id))
    return render(request, "sub_tiers.html.j2", status=status, item=item, tiers=tiers,
                  waiver_lines=waiver_lines,
                  invoice=invoice, entered=entered, values=values or {}, problems=problems or {},
                  amounts=amounts, line_problems=line_problems or {}, error=error,
                  notice=saved if (saved := request.query.get("saved", "")) in NOTICES else None,
                  locale=item.locale, terminology=item.terminology,
                  names={tier.id: tier.fields.company_name for tier in tiers})


def _back(item: ContactCommitment, saved: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(f"/c/commitments/{item.commitment_id}/sub-tiers?saved={saved}")


@routes.get(BASE)
@page
async def sub_tier_page(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    return await show_page(request, contact, item)


@routes.post(BASE)
@page
async def add(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    values = _typed(await checked_form(request))
    try:
        await deps_of(request).sub_tiers.add(contact, item.commitment_id, _fields(values))
    except SubTierInvalid as refused:
        return await show_page(request, contact, item, status=422, values=values,
                               problems=worded_problems(refused.problems, item.locale,
                                                        item.terminology))
    raise _back(item, "added")


# Before the routes of one sub-tier, whose id segment would match these words.
async def _invoice_id(request: web.Request, contact: SignedInContact,
                      item: ContactCommitment) -> int | None:
    if item.period_id is None:
        return None
    _, invoice = await deps_of(request).sub_tiers.for_period(contact, item.commitment_id,
                                                        item.period_id)
    return None if invoice is None else invoice.invoice_id


@routes.post(BASE + "/amounts")
@page
async def amounts(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    form = await checked_form(request)
    typed = {key: str(value) for key, value in form.items()
             if key.startswith(("amount-", "billing-"))}
    invoice_id = await _invoice_id(request, contact, item)
    if invoice_id is None:
        return await show_page(request, contact, item, status=409, amounts=typed,
                               error=worded_key("sub_tier_draft_first", {},
                                                "Save the invoice as a draft first, then "
                                                "enter what each sub-tier billed.",
                                                item.locale, item.terminology))
    lines = []
    for key, value in typed.items():
        if key.startswith("amount-"):
            tier_id = strict_number(key.removeprefix("amount-"), "the sub-tier")
            lines.append(EnteredLine(tier_id, value, typed.get(f"billing-{tier_id}", "")))
    try:
        await deps_of(request).sub_tiers.bill(contact, invoice_id, lines)
    except SubTierLinesInvalid as refused:
        return await show_page(request, contact, item, status=422, amounts=typed,
                               line_problems=worded_problems(
                                   refused.problems, item.locale, item.terminology))
    except (InvalidInput, Conflict) as refused:
        return await show_page(request, contact, item, status=422, amounts=typed,
                               error=worded_refusal(refused, item.locale, item.terminology))
    raise _back(item, "amounts")


@routes.post(BASE + "/certify")
@page
async def certify(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    await checked_form(request)
    invoice_id = await _invoice_id(request, contact, item)
    if invoice_id is None:
        return await show_page(request, contact, item, status=409,
                               error=worded_key("sub_tier_draft_first_certify", {},
                                                "Save the invoice as a draft first, then "
                                                "certify.", item.locale, item.terminology))
    try:
        await deps_of(request).sub_tiers.certify_none(contact, invoice_id)
    except DomainError as refused:
        return await show_page(request, contact, item, status=409,
                               error=worded_refusal(refused, item.locale, item.terminology))
    raise _back(item, "certified")


@routes.get(ONE + "/edit")
@page
async def edit_page(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    service = deps_of(request).sub_tiers
    tier = await service.get(contact, item.commitment_id,
                             path_id(request, "sub-tier", "sub_tier_id"))
    others = [other for other in await service.of_commitment(contact, item.commitment_id)
              if other.id != tier.id]
    return render(request, "sub_tier_edit.html.j2", item=item, tier=tier, tiers=others,
                  values=_shown(tier), problems={}, locale=item.locale,
                  terminology=item.terminology)


@routes.post(ONE)
@page
async def change(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    sub_tier_id = path_id(request, "sub-tier", "sub_tier_id")
    values = _typed(await checked_form(request))
    service = deps_of(request).sub_tiers
    try:
        await service.change(contact, item.commitment_id, sub_tier_id, _fields(values))
    except SubTierInvalid as refused:
        tier = await service.get(contact, item.commitment_id, sub_tier_id)
        others = [other for other in await service.of_commitment(contact, item.commitment_id)
                  if other.id != sub_tier_id]
        return render(request, "sub_tier_edit.html.j2", status=422, item=item, tier=tier,
                      tiers=others, values=values,
                      problems=worded_problems(refused.problems, item.locale,
                                               item.terminology),
                      locale=item.locale, terminology=item.terminology)
    raise _back(item, "changed")


@routes.post(ONE + "/remove")
@page
async def remove(request: web.Request) -> web.StreamResponse:
    contact, item = await _item(request)
    await checked_form(request)
    try:
        await deps_of(request).sub_tiers.remove(contact, item.commitment_id,
                                           path_id(request, "sub-tier", "sub_tier_id"))
    except Conflict as refused:
        return await show_page(request, contact, item, status=409,
                               error=worded_refusal(refused, item.locale, item.terminology))
    raise _back(item, "removed")


def register(app: web.Application) -> None:
    add_routes(app, routes)
