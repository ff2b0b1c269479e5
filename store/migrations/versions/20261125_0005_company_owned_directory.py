"""company-owned directory

Contract companies and their people belong to the upstream company that uses them
(issue #11). A contract company that commitments of several upstream companies use is
split: the upstream company with the lowest id keeps the row, every other one gets a copy,
and likewise each person of it. Every row that points at a person or a contract company
through a commitment (the commitment itself, invoice contacts, invites, invite events,
invoices, outbox messages of an invite) then points at its own upstream company's copy.
Rows with no commitment behind them (sign-in links) keep the original person.

The downgrade drops the columns; the copies stay (they are ordinary rows by then).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 15:30:00
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_BY_PROJECT = "JOIN commitment c ON c.id = {commitment} JOIN project p ON p.id = c.project_id"
# (table, person column, the owning upstream company of each row, reached by a commitment)
PERSON_REFERENCES = (
    ("invoice_contact", "person_id", "invoice_contact r " + _BY_PROJECT.format(
        commitment="r.commitment_id")),
    ("invite", "invited_by_id", "invite r " + _BY_PROJECT.format(commitment="r.commitment_id")),
    ("invite", "answered_by_id", "invite r " + _BY_PROJECT.format(commitment="r.commitment_id")),
    ("invite_event", "person_id", "invite_event r JOIN invite i ON i.id = r.invite_id "
     + _BY_PROJECT.format(commitment="i.commitment_id")),
    ("invoice", "created_by_id", "invoice r " + _BY_PROJECT.format(
        commitment="r.commitment_id")),
    ("outbox_message", "person_id", "outbox_message r JOIN invite i ON i.id = r.invite_id "
     + _BY_PROJECT.format(commitment="i.commitment_id")),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN keeps the table (batch mode would copy, drop and rename it, which
        # SQLite refuses while other tables' rows point at it); a REFERENCES clause is
        # allowed there when the column's default is NULL.
        op.execute("ALTER TABLE company ADD COLUMN owner_company_id INTEGER "
                   "REFERENCES company (id)")
    else:
        op.add_column('company', sa.Column('owner_company_id', sa.Integer(),
                                           sa.ForeignKey('company.id'), nullable=True))
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'external_source', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True))
        batch_op.create_index(batch_op.f('ix_company_owner_company_id'), ['owner_company_id'],
                              unique=False)
    split_shared_rows(op.get_bind())


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        # Only a copy of the table can lose a referencing column, and other tables' rows
        # point at the table meanwhile, so the checks must be off. SQLite ignores that
        # inside a transaction, and one is open when an earlier step of the same run wrote
        # alembic_version (the sqlite3 module opens one before DML only): then say so
        # rather than fail on the copy.
        op.execute("PRAGMA foreign_keys = OFF")
        if op.get_bind().exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("on SQLite, downgrade to 0005 first, then below it in a "
                               "second run (foreign keys cannot be switched off inside "
                               "the open transaction)")
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_owner_company_id'))
        batch_op.drop_column('external_source')
        batch_op.drop_column('owner_company_id')
    if sqlite:
        op.execute("PRAGMA foreign_keys = ON")


def split_shared_rows(bind: sa.Connection) -> None:
    meta = sa.MetaData()
    company = sa.Table('company', meta, autoload_with=bind)
    person = sa.Table('person', meta, autoload_with=bind)
    contract = {row.id: row for row in bind.execute(
        sa.select(company).where(company.c.kind == 'contract'))}
    people = {row.id: row for row in bind.execute(
        sa.select(person).where(person.c.company_id.in_(list(contract))))} if contract else {}

    uses = bind.execute(sa.text(
        "SELECT c.id, c.contract_company_id, p.company_id FROM commitment c "
        "JOIN project p ON p.id = c.project_id")).all()
    references = [(table, column, row_id, person_id, owner)
                  for table, column, source in PERSON_REFERENCES
                  for row_id, person_id, owner in bind.execute(sa.text(
                      f"SELECT r.id, r.{column}, p.company_id FROM {source} "
                      f"WHERE r.{column} IS NOT NULL")).all()
                  if person_id in people]

    company_owners: dict[int, set[int]] = defaultdict(set)
    person_owners: dict[int, set[int]] = defaultdict(set)
    for _, company_id, owner in uses:
        company_owners[company_id].add(owner)
    for _, _, _, person_id, owner in references:
        person_owners[person_id].add(owner)
        company_owners[people[person_id].company_id].add(owner)

    company_copy: dict[tuple[int, int], int] = {}
    kept_by: dict[int, int] = {}
    for company_id, row in contract.items():
        owners = sorted(company_owners[company_id])
        if not owners:
            continue  # used by nobody: no upstream company can reach it
        kept_by[company_id] = owners[0]
        company_copy[company_id, owners[0]] = company_id
        bind.execute(company.update().where(company.c.id == company_id)
                     .values(owner_company_id=owners[0]))
        for owner in owners[1:]:
            company_copy[company_id, owner] = _copy(bind, company, row,
                                                    owner_company_id=owner)

    person_copy: dict[tuple[int, int], int] = {}
    for person_id, row in people.items():
        owners = sorted(person_owners[person_id])
        if not owners:
            continue  # no commitment behind it: stays with its company's owner
        keeper = kept_by[row.company_id]
        first = keeper if keeper in owners else owners[0]
        person_copy[person_id, first] = person_id
        if first != keeper:
            bind.execute(person.update().where(person.c.id == person_id)
                         .values(company_id=company_copy[row.company_id, first]))
        for owner in owners:
            if owner != first:
                person_copy[person_id, owner] = _copy(
                    bind, person, row, company_id=company_copy[row.company_id, owner])

    for commitment_id, company_id, owner in uses:
        if company_copy.get((company_id, owner), company_id) != company_id:
            bind.execute(sa.text("UPDATE commitment SET contract_company_id = :company "
                                 "WHERE id = :id"),
                         {"company": company_copy[company_id, owner], "id": commitment_id})
    for table, column, row_id, person_id, owner in references:
        if person_copy[person_id, owner] != person_id:
            bind.execute(sa.text(f"UPDATE {table} SET {column} = :person "
                                 "WHERE id = :id"),
                         {"person": person_copy[person_id, owner], "id": row_id})


def _copy(bind: sa.Connection, table: sa.Table, row: Any, **changes: int) -> int:
    values = {key: value for key, value in row._mapping.items() if key != 'id'}
    values.update(changes)
    inserted = bind.execute(table.insert().values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])
