"""invite types

The invoice type an invite asks for (work and materials, retainage release, work,
materials and retainage, final), and the "close short" choice of a final invoice's line.
Existing invites were all for work and materials.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-07 14:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invoice_type', sa.String(length=30), nullable=False,
                                      server_default='work_and_materials'))
    with op.batch_alter_table('invoice_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_short', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop the tables, which
    # other tables' rows reference, and SQLite refuses that with foreign keys on.
    op.drop_column('invoice_line', 'closed_short')
    op.drop_column('invite', 'invoice_type')
