"""Writing an invoice's sub-tier lines, or the certificate that there are none, in the
caller's transaction (the sub-tier pages and API, and an administrator's on-behalf entry)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import Conflict, InvalidInput, NotFound, Worded
from domain.sub_tiers import SubTierBilling, SubTierLine, SubTierStatus, billed_amount
from store import sub_tiers
from store.tables import Invoice


@dataclass(frozen=True)
class EnteredLine:
    """One sub-tier's amount as typed, and progress or final."""

    sub_tier_id: int
    amount: object
    billing: str


class SubTierLinesInvalid(InvalidInput):
    """`problems` maps sub-tier ids to what is wrong with their line."""

    def __init__(self, problems: dict[int, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


async def bill_lines(session: AsyncSession, invoice: Invoice,
                     entered: Sequence[EnteredLine]) -> None:
    """Every listed sub-tier's amount (0.00 allowed, never blank), progress or final; a
    final one is then expected to send its final waiver. SubTierLinesInvalid names each
    wrong line; nothing is written then."""
    listed = {tier.id: tier for tier in
              await sub_tiers.of_commitment(session, invoice.commitment_id)}
    if not listed:
        raise InvalidInput("this commitment has no sub-tiers; add them, or certify "
                           "that there are none", words="sub_tier_none_listed")
    given = {line.sub_tier_id: line for line in entered}
    unknown = sorted(set(given) - set(listed))
    if unknown:
        raise NotFound(f"sub-tier {unknown[0]} not found")
    problems: dict[int, str] = {}
    lines = []
    for tier_id, tier in listed.items():
        line = given.get(tier_id)
        try:
            amount = billed_amount(None if line is None else line.amount,
                                   tier.fields.company_name)
            billing = SubTierBilling(line.billing if line else "")
        except InvalidInput as error:
            problems[tier_id] = (Worded(error.message, error.words, error.values)
                                 if error.words else error.message)
            continue
        except ValueError:
            problems[tier_id] = Worded(f"{tier.fields.company_name}: choose progress or final.",
                                       "sub_tier_billing_kind",
                                       {"company": tier.fields.company_name})
            continue
        lines.append(SubTierLine(tier_id, amount, billing))
    if problems:
        raise SubTierLinesInvalid(problems)
    await sub_tiers.write_lines(session, invoice.id or 0, lines)
    finals = [line.sub_tier_id for line in lines
              if line.billing is SubTierBilling.FINAL
              and listed[line.sub_tier_id].status is SubTierStatus.ACTIVE]
    await sub_tiers.set_status(session, finals, SubTierStatus.FINAL_EXPECTED)


async def certify(session: AsyncSession, invoice: Invoice, person_id: int,
                  now: datetime) -> None:
    """Certify No Sub-Tiers: who and when are recorded; any lines are cleared."""
    if await sub_tiers.of_commitment(session, invoice.commitment_id):
        raise Conflict("sub-tiers are listed on this commitment; remove them before "
                       "certifying that there are none", code="sub_tiers_listed",
                       words="sub_tier_listed")
    await sub_tiers.certify_none(session, invoice.id or 0, person_id, now)
