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
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terminology', sa.String(length=30), nullable=False,
                                      server_default='general_contractor'))
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop tables that other
    # tables' rows reference, which SQLite refuses with foreign keys on.
    op.drop_column('person', 'language')
    op.drop_column('project', 'terminology')
