"""Sub-tier waiver queries: an invoice's sub-tier bills, which waivers are a sub-tier's,
and the project's policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.sub_tier_policy import SubTierWaiverPolicy, SubTierWaiverRule
from domain.sub_tier_waivers import SubTierBill
from domain.sub_tiers import SubTierBilling, SubTierStatus
from store import tables, waivers
from store.tables import LienWaiver, SubTier, SubTierLine, SubTierWaiver
from store.waivers import WaiverParties


async def policy_of_project(session: AsyncSession, project_id: int) -> SubTierWaiverPolicy:
    project = await session.get(tables.Project, project_id)
    if project is None:
        return SubTierWaiverPolicy()
    return SubTierWaiverPolicy(SubTierWaiverRule(project.sub_tier_waiver_rule),
                               project.sub_tier_waiver_threshold)


async def bills_of(session: AsyncSession, invoice_id: int) -> list[SubTierBill]:
    """What each sub-tier billed on the invoice (removed sub-tiers too), in id order."""
    query = (select(SubTier, SubTierLine)
             .join(SubTierLine, SubTierLine.sub_tier_id == SubTier.id)
             .where(SubTierLine.invoice_id == invoice_id).order_by(SubTier.id))
    return [SubTierBill(tier.id or 0, tier.company_name, line.amount_billed,
                        line.billing == SubTierBilling.FINAL.value, SubTierStatus(tier.status),
                        tier.waiver_email)
            for tier, line in (await session.execute(query)).all()]


async def link(session: AsyncSession, waiver_id: int, sub_tier_id: int) -> None:
    session.add(SubTierWaiver(waiver_id=waiver_id, sub_tier_id=sub_tier_id))
    await session.flush()


async def sub_tiers_of_waivers(session: AsyncSession,
                               waiver_ids: Sequence[int]) -> dict[int, tables.SubTier]:
    """The sub-tier of each waiver asked of one (contact waivers are absent)."""
    if not waiver_ids:
        return {}
    query = (select(SubTierWaiver.waiver_id, SubTier)
             .join(SubTier, SubTier.id == SubTierWaiver.sub_tier_id)
             .where(SubTierWaiver.waiver_id.in_(list(waiver_ids))))
    return {waiver_id: tier for waiver_id, tier in (await session.execute(query)).all()}


async def sub_tier_of_waiver(session: AsyncSession, waiver_id: int) -> tables.SubTier | None:
    return (await sub_tiers_of_waivers(session, [waiver_id])).get(waiver_id)


async def waivers_of_invoices(session: AsyncSession, invoice_ids: Sequence[int],
                              ) -> list[tuple[LienWaiver, tables.SubTier]]:
    """The sub-tier waivers asked with these invoices (void ones too), in id order."""
    if not invoice_ids:
        return []
    query = (select(LienWaiver, SubTier)
             .join(SubTierWaiver, SubTierWaiver.waiver_id == LienWaiver.id)
             .join(SubTier, SubTier.id == SubTierWaiver.sub_tier_id)
             .where(LienWaiver.invoice_id.in_(list(invoice_ids))).order_by(LienWaiver.id))
    return [(row, tier) for row, tier in (await session.execute(query)).all()]


async def hirer_name(session: AsyncSession, tier: tables.SubTier, contract_company: str) -> str:
    """Who hired the sub-tier: another sub-tier, or the contract company."""
    if tier.hired_by_id is None:
        return contract_company
    hirer = await session.get(SubTier, tier.hired_by_id)
    return contract_company if hirer is None else hirer.company_name


async def parties_of_waiver(session: AsyncSession, row: LienWaiver) -> WaiverParties | None:
    """Who a waiver names: for a sub-tier's, the sub-tier is the claimant and its hirer
    the customer; for the contact's, the contract company and the general contractor."""
    found = await waivers.parties(session, row.invoice_id)
    tier = await sub_tier_of_waiver(session, row.id or 0)
    if found is None or tier is None:
        return found
    return replace(found, claimant=tier.company_name,
                   customer=await hirer_name(session, tier, found.claimant))


async def mail_extras(session: AsyncSession,
                      waiver_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """For a sub-tier waiver's mail: the sub-tier's name and the project's dictionary."""
    if not waiver_ids:
        return {}
    query = (select(SubTierWaiver.waiver_id, SubTier.company_name, tables.Project.terminology)
             .join(SubTier, SubTier.id == SubTierWaiver.sub_tier_id)
             .join(tables.Commitment, tables.Commitment.id == SubTier.commitment_id)
             .join(tables.Project, tables.Project.id == tables.Commitment.project_id)
             .where(SubTierWaiver.waiver_id.in_(list(waiver_ids))))
    return {waiver_id: (name, terminology)
            for waiver_id, name, terminology in (await session.execute(query)).all()}
