"""What administrators set up before waivers are generated: their own templates (checked,
versioned) and each project's policy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.waivers.wording import check_template
from domain.errors import InvalidInput, NotFound
from domain.invoice_records import BillingType
from domain.model import Administrator
from domain.waivers import Requirement, WaiverKind
from store import waivers
from store.tables import WaiverTemplate


async def add_template(session: AsyncSession, admin: Administrator, *, name: str,
                       kind: WaiverKind, state: str, body: str, needs_notary: bool,
                       e_signature_allowed: bool, now: datetime) -> WaiverTemplate:
    check_template(body)
    state = state.strip().upper()
    if len(state) != 2 or not state.isalpha():
        raise InvalidInput("state is a two-letter code such as CA")
    version = await waivers.next_template_version(session, admin.company_id, kind.value, state)
    return await waivers.add_template(session, WaiverTemplate(
        company_id=admin.company_id, name=name.strip()[:200] or kind.label, kind=kind.value,
        state=state, version=version, body=body, needs_notary=needs_notary,
        e_signature_allowed=e_signature_allowed, created_at=now))


async def set_policy(session: AsyncSession, admin: Administrator, project_id: int,
                     billing_type: BillingType, kind: WaiverKind, requirement: Requirement,
                     template_id: int | None) -> None:
    if await waivers.project_company(session, project_id) != admin.company_id:
        raise NotFound(f"project {project_id} not found")
    if template_id is not None:
        chosen = await waivers.template(session, template_id)
        if chosen is None or chosen.company_id != admin.company_id:
            raise NotFound(f"waiver template {template_id} not found")
        if chosen.kind != kind.value:
            raise InvalidInput(f"template {template_id} is for another kind of waiver")
    await waivers.set_policy(session, project_id, billing_type.value, kind.value,
                             requirement.value, template_id)
