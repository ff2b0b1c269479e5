"""project period defaults

A project's default billing-period days (start day, end day, due day; the weekday weekly
periods start on) and its automatic periods (monthly, weekly or never; whether the
invites go out too). Existing projects get 1 / last / 25 and no automation.

Revision ID: 0007
Revises: 0010
Create Date: 2026-12-07 13:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0010'
branch_labels = None
depends_on = None

COLUMNS = ('period_start_day', 'period_end_day', 'period_due_day', 'period_week_start',
           'period_cadence', 'period_send_invites')


def upgrade() -> None:
    # Plain ADD COLUMN: batch mode would copy and drop tables that other tables' rows
    # reference, which SQLite refuses with foreign keys on (an upgrade over existing rows).
    op.add_column('project', sa.Column('period_start_day', sa.Integer(), nullable=False,
                                  server_default='1'))
    op.add_column('project', sa.Column('period_end_day', sqlmodel.sql.sqltypes.AutoString(length=4),
                                  nullable=False, server_default='last'))
    op.add_column('project', sa.Column('period_due_day', sqlmodel.sql.sqltypes.AutoString(length=4),
                                  nullable=False, server_default='25'))
    op.add_column('project', sa.Column('period_week_start', sa.Integer(), nullable=False,
                                  server_default='1'))
    op.add_column('project', sa.Column('period_cadence', sqlmodel.sql.sqltypes.AutoString(length=10),
                                  nullable=False, server_default='never'))
    op.add_column('project', sa.Column('period_send_invites', sa.Boolean(), nullable=False,
                                  server_default=sa.false()))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop `project`, which
    # other tables' rows reference, and SQLite refuses that with foreign keys on.
    for name in reversed(COLUMNS):
        op.drop_column('project', name)
