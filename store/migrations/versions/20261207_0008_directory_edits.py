"""directory edits

Merges of duplicate contract companies and people are recorded (`directory_merge`): the
merged row is deleted, so its name and address are kept here to show what became of it.
A commitment can be closed (`commitment.status = 'closed'`, the column exists already) and
records when (`commitment.closed_at`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 14:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from store.types import UtcDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'directory_merge',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_company_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('kept_id', sa.Integer(), nullable=False),
        sa.Column('merged_id', sa.Integer(), nullable=False),
        sa.Column('merged_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('merged_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column('moved', sa.JSON(), nullable=False),
        sa.Column('merged_by_id', sa.Integer(), nullable=True),
        sa.Column('at', UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['owner_company_id'], ['company.id']),
        sa.ForeignKeyConstraint(['merged_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_directory_merge_owner_company_id', 'directory_merge',
                    ['owner_company_id'])
    op.add_column('commitment', sa.Column('closed_at', UtcDateTime(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+), as 0006 does: batch mode would copy `commitment`,
    # which other tables' rows reference.
    op.drop_column('commitment', 'closed_at')
    op.drop_index('ix_directory_merge_owner_company_id', table_name='directory_merge')
    op.drop_table('directory_merge')
