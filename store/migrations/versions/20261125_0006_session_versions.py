"""session versions

A server-side version per person, carried in the signed session cookie and bumped at
sign-out and password change, so an old cookie stops working at once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 15:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='1'))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop `person`, which
    # other tables' rows reference, and SQLite refuses that with foreign keys on.
    op.drop_column('person', 'session_version')
