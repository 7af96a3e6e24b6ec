"""Channel inbox, rate windows and web chat turns (the channel pipeline), outbox claims (the
shared senders), voice notes waiting for a ticket (the hand-off) and dossier reminders; a
notification kind may be 32 characters ("reminder_due_tomorrow").

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 16:02:36.203639
"""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('handoff_pending_media',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('sender_id', sa.String(length=128), nullable=False),
    sa.Column('media_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('handoff_pending_media', schema=None) as batch_op:
        batch_op.create_index('ix_handoff_pending_media_sender', ['channel', 'sender_id'], unique=False)

    op.create_table('channel_inbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('platform_id', sa.String(length=160), nullable=False),
    sa.Column('sender_id', sa.String(length=128), nullable=False),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('received_at', sa.Float(), nullable=False),
    sa.Column('answered_at', sa.Float(), nullable=True),
    sa.Column('lease_owner', sa.String(length=64), nullable=True),
    sa.Column('lease_until', sa.Float(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'platform_id', name='uq_channel_inbox_platform_id')
    )
    with op.batch_alter_table('channel_inbox', schema=None) as batch_op:
        batch_op.create_index('ix_channel_inbox_unanswered', ['answered_at', 'lease_until'], unique=False)

    op.create_table('channel_rate_windows',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('window_start', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('webchat_turns',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('message_json', sa.Text(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('answered_at', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('webchat_turns', schema=None) as batch_op:
        batch_op.create_index('ix_webchat_turns_conversation', ['conversation_id', 'id'], unique=False)

    op.create_table('dossier_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('appointment_date', sa.String(length=10), nullable=False),
    sa.Column('notification_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['notification_id'], ['dossier_notifications.id'], ),
    sa.ForeignKeyConstraint(['subscription_id'], ['dossier_subscriptions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subscription_id', 'kind', 'appointment_date', name='uq_dossier_reminder')
    )
    with op.batch_alter_table('channel_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', sa.Float(), nullable=True))

    with op.batch_alter_table('dossier_notifications', schema=None) as batch_op:
        batch_op.alter_column('kind',
               existing_type=sa.VARCHAR(length=16),
               type_=sa.String(length=32),
               existing_nullable=False)



def downgrade() -> None:
    with op.batch_alter_table('dossier_notifications', schema=None) as batch_op:
        batch_op.alter_column('kind',
               existing_type=sa.String(length=32),
               type_=sa.VARCHAR(length=16),
               existing_nullable=False)

    with op.batch_alter_table('channel_outbox', schema=None) as batch_op:
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')

    op.drop_table('dossier_reminders')
    with op.batch_alter_table('webchat_turns', schema=None) as batch_op:
        batch_op.drop_index('ix_webchat_turns_conversation')

    op.drop_table('webchat_turns')
    op.drop_table('channel_rate_windows')
    with op.batch_alter_table('channel_inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_channel_inbox_unanswered')

    op.drop_table('channel_inbox')
    with op.batch_alter_table('handoff_pending_media', schema=None) as batch_op:
        batch_op.drop_index('ix_handoff_pending_media_sender')

    op.drop_table('handoff_pending_media')
