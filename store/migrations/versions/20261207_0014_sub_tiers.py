"""sub-tiers

The companies under a commitment's contract company (a tree: `hired_by_id`), what each
billed on an invoice, and the certificate that an invoice has no sub-tiers.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-07 13:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import store.types


revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table('sub_tier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('hired_by_id', sa.Integer(), nullable=True),
    sa.Column('company_name', text(length=200), nullable=False),
    sa.Column('kind_of_work', text(length=200), nullable=False),
    sa.Column('tier_type', text(length=20), nullable=False),
    sa.Column('phone', text(length=40), nullable=False),
    sa.Column('address', text(length=300), nullable=False),
    sa.Column('city', text(length=100), nullable=False),
    sa.Column('state', text(length=100), nullable=False),
    sa.Column('zip_code', text(length=20), nullable=False),
    sa.Column('country', text(length=100), nullable=False),
    sa.Column('estimated_contract_amount', store.types.ExactDecimal(14, 2), nullable=True),
    sa.Column('waiver_email', text(length=254), nullable=False),
    sa.Column('status', text(length=20), nullable=False),
    sa.Column('created_at', store.types.UtcDateTime(), nullable=False),
    sa.Column('updated_at', store.types.UtcDateTime(), nullable=False),
    sa.Column('removed_at', store.types.UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], ),
    sa.ForeignKeyConstraint(['hired_by_id'], ['sub_tier.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sub_tier', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sub_tier_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('sub_tier_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('sub_tier_id', sa.Integer(), nullable=False),
    sa.Column('amount_billed', store.types.ExactDecimal(14, 2), nullable=False),
    sa.Column('billing', text(length=10), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['sub_tier_id'], ['sub_tier.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('invoice_id', 'sub_tier_id')
    )
    with op.batch_alter_table('sub_tier_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sub_tier_line_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sub_tier_line_sub_tier_id'), ['sub_tier_id'], unique=False)

    op.create_table('no_sub_tiers_certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('certified_at', store.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('invoice_id')
    )


def downgrade() -> None:
    op.drop_table('no_sub_tiers_certificate')
    with op.batch_alter_table('sub_tier_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sub_tier_line_sub_tier_id'))
        batch_op.drop_index(batch_op.f('ix_sub_tier_line_invoice_id'))
    op.drop_table('sub_tier_line')
    with op.batch_alter_table('sub_tier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sub_tier_commitment_id'))
    op.drop_table('sub_tier')
