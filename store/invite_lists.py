"""A period's invites read a page at a time: which of the project's commitments match a
filter (status, search), one page of their ids in key order, every matching id (to
invite "all matching"), and the counts per status of the whole period.

Keyset: ordered by commitment id, a page is `id > after ORDER BY id LIMIT n + 1` on the
index (project_id, id) (migration 0012), whatever its depth.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from domain.listing import InviteFilter, PageRequest, StatusFilter
from domain.model import InviteStatus
from store import tables
from store.invites import SENT_INVOICE_STATUSES

LIKE_ESCAPE = "\\"


def like_pattern(search: str) -> str:
    """`search` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = (search.lower().replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
               .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))
    return f"%{escaped}%"


class folded(FunctionElement[str]):
    """lower() of every script: PostgreSQL's own; on SQLite, whose lower() folds ASCII
    only, Python's (registered on each connection by store/engine.py)."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _folded(element: folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"itb_lower({compiler.process(element.clauses, **kw)})"


def _contains(column: Any, pattern: str) -> ColumnElement[bool]:
    # Folded on both sides: LIKE is case-sensitive on PostgreSQL (on SQLite for non-ASCII).
    return folded(column).like(pattern, escape=LIKE_ESCAPE)


def _invite_in(period_id: int, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(tables.Invite.billing_period_id == period_id,
                          tables.Invite.commitment_id == tables.Commitment.id, *conditions)


def _status_condition(period_id: int, status: StatusFilter) -> ColumnElement[bool]:
    if status is StatusFilter.NOT_INVITED:
        return ~_invite_in(period_id)
    if status is StatusFilter.SUBMITTED:
        return exists().where(tables.Invoice.billing_period_id == period_id,
                              tables.Invoice.commitment_id == tables.Commitment.id,
                              tables.Invoice.status.in_(SENT_INVOICE_STATUSES))
    return _invite_in(period_id, tables.Invite.status == status.value)


def _search_condition(search: str) -> ColumnElement[bool]:
    pattern = like_pattern(search)
    company = exists().where(tables.Company.id == tables.Commitment.contract_company_id,
                             _contains(tables.Company.name, pattern))
    contact = exists().where(
        tables.InvoiceContact.commitment_id == tables.Commitment.id,
        tables.Person.id == tables.InvoiceContact.person_id,
        or_(_contains(tables.Person.name, pattern), _contains(tables.Person.email, pattern)))
    return or_(_contains(tables.Commitment.number, pattern),
               _contains(tables.Commitment.title, pattern), company, contact)


def matching(project_id: int, period_id: int, wanted: InviteFilter) -> Select[Any]:
    """The ids of the project's commitments that `wanted` keeps (unordered)."""
    conditions = [tables.Commitment.project_id == project_id]
    if wanted.status is not None:
        conditions.append(_status_condition(period_id, wanted.status))
    if wanted.search:
        conditions.append(_search_condition(wanted.search))
    query: Select[Any] = select(tables.Commitment.id).where(and_(*conditions))
    return query


def page_query(project_id: int, period_id: int, wanted: InviteFilter,
               page: PageRequest) -> Select[Any]:
    """Up to `limit + 1` matching ids in the page's direction (the extra one says whether
    another page follows)."""
    query = matching(project_id, period_id, wanted)
    if page.before is not None:
        query = query.where(tables.Commitment.id < page.before).order_by(
            tables.Commitment.id.desc())
    else:
        if page.after is not None:
            query = query.where(tables.Commitment.id > page.after)
        query = query.order_by(tables.Commitment.id)
    return query.limit(page.limit + 1)


async def page_of_ids(session: AsyncSession, project_id: int, period_id: int,
                      wanted: InviteFilter, page: PageRequest) -> list[int]:
    return list((await session.execute(page_query(project_id, period_id, wanted, page)))
                .scalars())


async def count_matching(session: AsyncSession, project_id: int, period_id: int,
                         wanted: InviteFilter) -> int:
    query = select(func.count()).select_from(matching(project_id, period_id, wanted).subquery())
    return int((await session.execute(query)).scalar_one())


async def all_matching_ids(session: AsyncSession, project_id: int, period_id: int,
                           wanted: InviteFilter) -> list[int]:
    query = matching(project_id, period_id, wanted).order_by(tables.Commitment.id)
    return list((await session.execute(query)).scalars())


def count_statements(project_id: int, period_id: int) -> tuple[Select[Any], ...]:
    """The project's commitments, the period's invites per status, its invoices sent:
    each counted from an index alone ((project_id, id), (billing_period_id, status))."""
    return (
        select(func.count()).select_from(tables.Commitment).where(
            tables.Commitment.project_id == project_id),
        select(tables.Invite.status, func.count()).where(
            tables.Invite.billing_period_id == period_id).group_by(tables.Invite.status),
        select(func.count()).select_from(tables.Invoice).where(
            tables.Invoice.billing_period_id == period_id,
            tables.Invoice.status.in_(SENT_INVOICE_STATUSES)))


async def status_counts(session: AsyncSession, project_id: int,
                        period_id: int) -> dict[str, int]:
    """The whole period's counts per status (and of invoices sent), counted in the
    database. Their cost grows with the period (a page's items do not)."""
    commitments, invites, sent = count_statements(project_id, period_id)
    total = (await session.execute(commitments)).scalar_one()
    counts = {status.value: 0 for status in InviteStatus}
    for status, count in (await session.execute(invites)).all():
        counts[status] = count
    counts[InviteStatus.NOT_INVITED.value] = total - sum(
        count for status, count in counts.items() if status != InviteStatus.NOT_INVITED.value)
    counts["submitted"] = (await session.execute(sent)).scalar_one()
    return counts
