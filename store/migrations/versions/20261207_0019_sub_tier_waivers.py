"""sub-tier waivers

A project's sub-tier waiver policy (the rule: none | conditional | unconditional_previous |
both, and the threshold under which none is asked; existing projects ask none), and which
sub-tier a lien waiver is asked of (sub_tier_waiver; the waiver itself is a lien_waiver).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 17:00:00
"""
from alembic import op
import sqlalchemy as sa
import store.types


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: batch mode would copy and drop a table other tables reference.
    op.add_column('project', sa.Column('sub_tier_waiver_rule', sa.String(length=30),
                                       nullable=False, server_default='none'))
    op.add_column('project', sa.Column('sub_tier_waiver_threshold',
                                       store.types.ExactDecimal(14, 2), nullable=False,
                                       server_default='0'))
    op.create_table('sub_tier_waiver',
    sa.Column('waiver_id', sa.Integer(), nullable=False),
    sa.Column('sub_tier_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sub_tier_id'], ['sub_tier.id'], ),
    sa.ForeignKeyConstraint(['waiver_id'], ['lien_waiver.id'], ),
    sa.PrimaryKeyConstraint('waiver_id')
    )
    op.create_index(op.f('ix_sub_tier_waiver_sub_tier_id'), 'sub_tier_waiver',
                    ['sub_tier_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sub_tier_waiver_sub_tier_id'), table_name='sub_tier_waiver')
    op.drop_table('sub_tier_waiver')
    # Plain DROP COLUMN (SQLite 3.35+), as in 0018.
    op.drop_column('project', 'sub_tier_waiver_threshold')
    op.drop_column('project', 'sub_tier_waiver_rule')
