"""lien waivers and payments

Waiver templates (per company, kind and state, versioned), each project's waiver policy,
the lien waivers generated with invoices (wording and figures fixed, the signed PDF and
its SHA-256), their audit trail, and the payments recorded against approved invoices.

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-07 13:35:59
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import store.types


revision = '0013'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('waiver_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('needs_notary', sa.Boolean(), nullable=False),
    sa.Column('e_signature_allowed', sa.Boolean(), nullable=False),
    sa.Column('created_at', store.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('company_id', 'kind', 'state', 'version')
    )
    with op.batch_alter_table('waiver_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiver_template_company_id'), ['company_id'], unique=False)

    op.create_table('waiver_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('billing_type', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('requirement', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.ForeignKeyConstraint(['template_id'], ['waiver_template.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'billing_type', 'kind')
    )
    with op.batch_alter_table('waiver_policy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiver_policy_project_id'), ['project_id'], unique=False)

    op.create_table('lien_waiver',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('paid_invoice_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('requirement', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('amount', store.types.ExactDecimal(14, 2), nullable=False),
    sa.Column('through_date', sa.Date(), nullable=False),
    sa.Column('exceptions', sa.Text(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=True),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('needs_notary', sa.Boolean(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('signer_id', sa.Integer(), nullable=False),
    sa.Column('link_version', sa.Integer(), nullable=False),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.Column('signed_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('signed_title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('signed_at', store.types.UtcDateTime(), nullable=True),
    sa.Column('signed_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('signed_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('released_at', store.types.UtcDateTime(), nullable=True),
    sa.Column('notarized_scan', sa.LargeBinary(), nullable=True),
    sa.Column('notarized_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('notarized_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('review_note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('created_at', store.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['paid_invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['replaces_id'], ['lien_waiver.id'], ),
    sa.ForeignKeyConstraint(['signer_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['template_id'], ['waiver_template.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('lien_waiver', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lien_waiver_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lien_waiver_paid_invoice_id'), ['paid_invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lien_waiver_signer_id'), ['signer_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('amount', store.types.ExactDecimal(14, 2), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', store.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('invoice_id', 'external_id')
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('waiver_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waiver_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('at', store.types.UtcDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('ip_address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('user_agent', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['waiver_id'], ['lien_waiver.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('waiver_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiver_event_waiver_id'), ['waiver_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('waiver_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiver_event_waiver_id'))

    op.drop_table('waiver_event')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_invoice_id'))

    op.drop_table('payment')
    with op.batch_alter_table('lien_waiver', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lien_waiver_signer_id'))
        batch_op.drop_index(batch_op.f('ix_lien_waiver_paid_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_lien_waiver_invoice_id'))

    op.drop_table('lien_waiver')
    with op.batch_alter_table('waiver_policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiver_policy_project_id'))

    op.drop_table('waiver_policy')
    with op.batch_alter_table('waiver_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiver_template_company_id'))

    op.drop_table('waiver_template')
