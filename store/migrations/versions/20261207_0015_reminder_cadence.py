"""reminder cadence

Per project, reminders before the due date either on fixed days (as until now) or every
1, 2 or 3 days counted from the invite (NULL keeps the fixed days).

Revision ID: 0015
Revises: 0006
Create Date: 2026-12-07 14:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_every_days_before', sa.Integer(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop `project`, which
    # other tables' rows reference, and SQLite refuses that with foreign keys on.
    op.drop_column('project', 'reminder_every_days_before')
