"""list indexes

Keyset pages of the big lists: a project's commitments and a period's invoices, in id
order after a key, read from an index on (parent, id) whatever the page's depth (a
period's invites page through the project's commitments; their lookup by (period,
commitment) is the invite table's unique constraint). Each replaces the index on the
parent alone, which it serves as well: with both, PostgreSQL read a project's rows by
the parent's index and sorted them, a cost that grows with the project. And (period,
status) on invites and invoices: the counts per status that every page of a period shows
are counted from those indexes without reading the rows.

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-07 14:00:00
"""
from alembic import op


revision = '0012'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_commitment_project_id_id', 'commitment', ['project_id', 'id'])
    op.drop_index('ix_commitment_project_id', table_name='commitment')
    op.create_index('ix_invoice_billing_period_id_id', 'invoice', ['billing_period_id', 'id'])
    op.drop_index('ix_invoice_billing_period_id', table_name='invoice')
    op.create_index('ix_invite_billing_period_id_status', 'invite',
                    ['billing_period_id', 'status'])
    op.create_index('ix_invoice_billing_period_id_status', 'invoice',
                    ['billing_period_id', 'status'])


def downgrade() -> None:
    op.drop_index('ix_invoice_billing_period_id_status', table_name='invoice')
    op.drop_index('ix_invite_billing_period_id_status', table_name='invite')
    op.create_index('ix_invoice_billing_period_id', 'invoice', ['billing_period_id'])
    op.drop_index('ix_invoice_billing_period_id_id', table_name='invoice')
    op.create_index('ix_commitment_project_id', 'commitment', ['project_id'])
    op.drop_index('ix_commitment_project_id_id', table_name='commitment')
