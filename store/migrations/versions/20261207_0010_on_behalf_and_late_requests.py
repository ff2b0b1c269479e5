"""on behalf and late requests

Late submission requests (a contact asks for more time after the due date; an
administrator grants or refuses) and the invite's own due date once one is granted.
Invoices entered on a contact's behalf already record who entered them
(`invoice.created_by_id` with `on_behalf`), so they need no column.

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-07 14:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import store.types


revision = '0010'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('late_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invite_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('open_key', sa.Integer(), nullable=True),
    sa.Column('requested_at', store.types.UtcDateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', store.types.UtcDateTime(), nullable=True),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('new_due_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['invite_id'], ['invite.id'], ),
    sa.ForeignKeyConstraint(['requested_by_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('open_key')
    )
    with op.batch_alter_table('late_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_late_request_invite_id'), ['invite_id'],
                              unique=False)
    # A plain ADD COLUMN (nullable, no default): no table copy on SQLite.
    op.add_column('invite', sa.Column('extended_due_date', sa.Date(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop `invite`, which
    # other tables' rows reference, and SQLite refuses that with foreign keys on.
    op.drop_column('invite', 'extended_due_date')
    with op.batch_alter_table('late_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_late_request_invite_id'))
    op.drop_table('late_request')
