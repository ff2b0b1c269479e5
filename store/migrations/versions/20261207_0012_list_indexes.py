"""list indexes

Keyset pages of the big lists: a project's commitments and a period's invoices, in id
order after a key, read from an index on (parent, id) whatever the page's depth (a
period's invites page through the project's commitments; their lookup by (period,
commitment) is the invite table's unique constraint).

Revision ID: 0012
Revises: 0006
Create Date: 2026-12-07 14:00:00
"""
from alembic import op


revision = '0012'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_commitment_project_id_id', 'commitment', ['project_id', 'id'])
    op.create_index('ix_invoice_billing_period_id_id', 'invoice', ['billing_period_id', 'id'])


def downgrade() -> None:
    op.drop_index('ix_invoice_billing_period_id_id', table_name='invoice')
    op.drop_index('ix_commitment_project_id_id', table_name='commitment')
