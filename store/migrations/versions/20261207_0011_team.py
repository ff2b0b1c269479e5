"""team: administrators' invitations and password resets, sign-in history

Sign-in links get a purpose (a contact's sign-in, an administrator's invitation, a
password reset), so a link is spent only for what it was mailed for; every attempt at the
administrators' sign-in form is recorded (never a password or a token).

Revision ID: 0011
Revises: 0015
Create Date: 2026-12-07 14:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import store.types


revision = '0011'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sign_in_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=30),
                                      nullable=False, server_default='sign-in'))
    op.create_table('sign_in_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', store.types.UtcDateTime(), nullable=False),
    sa.Column('email_tried', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('client_address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('user_agent', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_attempt_company_id_id', ['company_id', 'id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempt_person_id'), ['person_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_attempt_person_id'))
        batch_op.drop_index('ix_sign_in_attempt_company_id_id')
    op.drop_table('sign_in_attempt')
    # Before 0011 every link signed a contact in: invitations and resets must not become
    # sign-in links. Invited and removed administrators keep their rows (roles other than
    # "admin", which the older code ignores).
    op.execute("DELETE FROM sign_in_link WHERE purpose <> 'sign-in'")
    # A plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop the table.
    op.drop_column('sign_in_link', 'purpose')
