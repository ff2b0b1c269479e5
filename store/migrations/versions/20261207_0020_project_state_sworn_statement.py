"""project state and sworn statements

A project's US state (two letters, or blank: existing rows are blank), which decides the
state's documents (Michigan's sworn statement); and the figures a sworn statement was
generated with, kept on its lien_waiver row (NULL for the waivers).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 16:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: batch mode would copy and drop tables that other tables' rows
    # reference, which SQLite refuses with foreign keys on (an upgrade over existing rows).
    op.add_column('project', sa.Column('state', sa.String(length=2), nullable=False,
                                       server_default=''))
    op.add_column('lien_waiver', sa.Column('statement', sa.Text(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), for the same reason.
    op.drop_column('lien_waiver', 'statement')
    op.drop_column('project', 'state')
