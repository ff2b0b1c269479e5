"""terminology

A project's dictionary of terms (general_contractor | owner | specialty_contractor; the
existing rows keep today's words) and a person's preferred language (NULL: the project's
locale), which decides the language of the mail they receive.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07 14:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: batch mode would copy and drop tables that other tables' rows
    # reference, which SQLite refuses with foreign keys on (an upgrade over existing rows).
    op.add_column('project', sa.Column('terminology', sa.String(length=30), nullable=False,
                                  server_default='general_contractor'))
    op.add_column('person', sa.Column('language', sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop tables that other
    # tables' rows reference, which SQLite refuses with foreign keys on.
    op.drop_column('person', 'language')
    op.drop_column('project', 'terminology')
