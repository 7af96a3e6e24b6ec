"""Baseline: dvcbot's tables as the release at commit b3ba9e5 made them (each store's create_all).

Revision ID: 0001
Revises:
Create Date: 2026-12-01

A database of that release, or of an earlier one, has no alembic_version; upgrading it is this
revision too: only the tables and indexes it lacks are created, and its rows stay as they are.
A database where some store never ran (tables are made on first use there) gets the rest.
Two repairs for databases older than that release:
- citizens with two active hand-off tickets (possible before uq_handoff_tickets_active_sender):
  the ticket a volunteer claimed, else the newest, stays; the others are closed (reason
  "duplicate"), so that the unique index can be made;
- knowledge tables of an older layout (a column missing) are dropped and made anew: they hold
  only what the knowledge YAML says, and the next start loads it again (knowledge.base).
Any other table that lacks a column of this schema stops the upgrade, naming table and columns.

The tables are written out here, not imported from the stores: a revision is the schema of its
day, whatever the code says later.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ACTIVE_TICKET = sa.text("status IN ('open', 'claimed')")

schema = sa.MetaData()

sa.Table(
    "handoff_assisted_log", schema,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("telegram_id", sa.BigInteger(), nullable=False),
    sa.Column("commune", sa.String(length=64), nullable=True),
    sa.Column("action", sa.String(length=32), nullable=False),
    sa.Column("target", sa.String(length=128), nullable=True),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("outcome", sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint("id"),
)

sa.Table(
    "handoff_thread", schema,
    sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column("message_id", sa.Integer(), autoincrement=False, nullable=False),
    sa.Column("ticket_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint("chat_id", "message_id"),
    sa.Index("ix_handoff_thread_ticket_id", "ticket_id"),
)

sa.Table(
    "handoff_tickets", schema,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("commune", sa.String(length=64), nullable=True),
    sa.Column("procedure", sa.String(length=64), nullable=True),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("sender_id", sa.String(length=128), nullable=False),
    sa.Column("messages_json", sa.Text(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("claimed_by", sa.BigInteger(), nullable=True),
    sa.Column("claimed_by_name", sa.String(length=128), nullable=True),
    sa.Column("relay_chat_id", sa.BigInteger(), nullable=True),
    sa.Column("relay_message_id", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("claimed_at", sa.DateTime(), nullable=True),
    sa.Column("closed_at", sa.DateTime(), nullable=True),
    sa.Column("closed_reason", sa.String(length=16), nullable=True),
    sa.Column("last_activity_at", sa.DateTime(), nullable=False),
    sa.Column("announcements", sa.Integer(), nullable=False),
    sa.Column("last_announced_at", sa.DateTime(), nullable=True),
    sa.Column("escalated_at", sa.DateTime(), nullable=True),
    sa.Column("rating_requested", sa.Integer(), nullable=False),
    sa.Column("rating", sa.Integer(), nullable=True),
    sa.Column("rated_at", sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_handoff_tickets_sender", "channel", "sender_id", "status"),
    sa.Index("ix_handoff_tickets_status", "status", "last_announced_at"),
    sa.Index("uq_handoff_tickets_active_sender", "channel", "sender_id", unique=True,
             sqlite_where=ACTIVE_TICKET, postgresql_where=ACTIVE_TICKET),
)

sa.Table(
    "handoff_webchat_outbox", schema,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("sender_id", sa.String(length=128), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_handoff_webchat_outbox_sender_id", "sender_id"),
)

sa.Table(
    "channel_counts", schema,
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("name", sa.String(length=32), nullable=False),
    sa.Column("day", sa.String(length=10), nullable=False),
    sa.Column("count", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("channel", "name", "day"),
)

sa.Table(
    "channel_outbox", schema,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("recipient_id", sa.String(length=128), nullable=False),
    sa.Column("message_json", sa.Text(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("error_code", sa.Integer(), nullable=True),
    sa.Column("reason", sa.String(length=200), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.Float(), nullable=False),
    sa.Column("next_attempt_at", sa.Float(), nullable=True),
    sa.Column("delivered_at", sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_channel_outbox_pending", "channel", "status", "recipient_id"),
)

sa.Table(
    "channel_secrets", schema,
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.Column("created_at", sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint("name"),
)

sa.Table(
    "telegram_callbacks", schema,
    sa.Column("key", sa.String(length=32), nullable=False),
    sa.Column("payload", sa.Text(), nullable=False),
    sa.Column("created_at", sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)

sa.Table(
    "zalo_oa_tokens", schema,
    sa.Column("app_id", sa.String(length=64), nullable=False),
    sa.Column("access_token", sa.Text(), nullable=True),
    sa.Column("refresh_token", sa.Text(), nullable=True),
    sa.Column("expires_at", sa.Float(), nullable=True),
    sa.Column("updated_at", sa.Float(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("lease_owner", sa.String(length=64), nullable=True),
    sa.Column("lease_until", sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint("app_id"),
)

sa.Table(
    "entry_point_counts", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("source", sa.String(length=64), nullable=False),
    sa.Column("commune", sa.String(length=64), nullable=False),
    sa.Column("team", sa.String(length=64), nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("count", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("day", "source", "commune", "team", "channel",
                        name="uq_entry_point_counts"),
)

sa.Table(
    "privacy_notices", schema,
    sa.Column("conversation_key", sa.String(length=64), nullable=False),
    sa.Column("shown_at", sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint("conversation_key"),
)

sa.Table(
    "dossier_subscriptions", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("channel", sa.String(length=64), nullable=False),
    sa.Column("code", sa.String(length=64), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("expires_at", sa.DateTime(), nullable=False),
    sa.Column("ended_at", sa.DateTime(), nullable=True),
    sa.Column("end_reason", sa.String(length=32), nullable=True),
    sa.Column("last_status", sa.String(length=255), nullable=True),
    sa.Column("last_status_text", sa.String(length=255), nullable=True),
    sa.Column("last_checked_at", sa.DateTime(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("sender_id", "channel", "code", name="uq_dossier_subscription"),
)

sa.Table(
    "dossier_notifications", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("subscription_id", sa.Integer(), nullable=False),
    sa.Column("sender_id", sa.String(length=255), nullable=False),
    sa.Column("channel", sa.String(length=64), nullable=False),
    sa.Column("code", sa.String(length=64), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("status_text", sa.String(length=255), nullable=True),
    sa.Column("status_key", sa.String(length=32), nullable=True),
    sa.Column("procedure", sa.String(length=500), nullable=True),
    sa.Column("appointment_date", sa.String(length=10), nullable=True),
    sa.Column("final", sa.Boolean(), nullable=False),
    sa.Column("state", sa.String(length=16), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
    sa.Column("sent_at", sa.DateTime(), nullable=True),
    sa.Column("rendered_at", sa.DateTime(), nullable=True),
    sa.Column("last_error", sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(["subscription_id"], ["dossier_subscriptions.id"]),
    sa.PrimaryKeyConstraint("id"),
)

sa.Table(
    "dossier_guess_failures", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("code_key", sa.String(length=32), nullable=False),
    sa.Column("conversation_key", sa.String(length=32), nullable=False),
    sa.Column("client_key", sa.String(length=32), nullable=True),
    sa.Column("reason", sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_dossier_guess_failures_at", "at"),
    sa.Index("ix_dossier_guess_failures_client_key", "client_key"),
    sa.Index("ix_dossier_guess_failures_code_key", "code_key"),
    sa.Index("ix_dossier_guess_failures_conversation_key", "conversation_key"),
)

sa.Table(
    "security_alerts", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=False),
    sa.Column("subject_key", sa.String(length=32), nullable=False),
    sa.Column("detail", sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_security_alerts_at", "at"),
)

sa.Table(
    "kb_legal_document", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("number", sa.String(length=64), nullable=False),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("replaced_by", sa.String(length=64), nullable=True),
    sa.Column("replaced_on", sa.Date(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("number"),
)

sa.Table(
    "kb_meta", schema,
    sa.Column("key", sa.String(length=64), nullable=False),
    sa.Column("value", sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint("key"),
)

sa.Table(
    "kb_old_district", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("folded", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
)

sa.Table(
    "kb_procedure", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("key", sa.String(length=64), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("summary", sa.Text(), nullable=True),
    sa.Column("ma_tthc", sa.String(length=32), nullable=True),
    sa.Column("ma_tthc_status", sa.String(length=16), nullable=False),
    sa.Column("portal_link", sa.Text(), nullable=False),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("documents_complete", sa.Boolean(), nullable=False),
    sa.Column("documents_note", sa.Text(), nullable=True),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("key"),
)

sa.Table(
    "kb_source", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("citation", sa.Text(), nullable=False),
    sa.Column("url", sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("citation"),
)

sa.Table(
    "kb_agency", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("level", sa.Text(), nullable=True),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_agency_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_alias", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("folded", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_alias_folded", "folded"),
    sa.Index("ix_kb_alias_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_benefit", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case", sa.Text(), nullable=True),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_benefit_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_channel", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=True),
    sa.Column("place", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_channel_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_commune", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("key", sa.String(length=64), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("province", sa.Text(), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("key"),
)

sa.Table(
    "kb_deadline", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("days", sa.Integer(), nullable=True),
    sa.Column("day_unit", sa.Text(), nullable=True),
    sa.Column("counted_from", sa.Text(), nullable=True),
    sa.Column("late_text", sa.Text(), nullable=True),
    sa.Column("late_source", sa.Text(), nullable=True),
    sa.Column("late_quote", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_deadline_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_eligibility", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_eligibility_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_fee", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case", sa.Text(), nullable=True),
    sa.Column("amount", sa.Integer(), nullable=True),
    sa.Column("per", sa.Text(), nullable=True),
    sa.Column("max_amount", sa.Integer(), nullable=True),
    sa.Column("online_amount", sa.Integer(), nullable=True),
    sa.Column("exemptions", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_fee_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_form", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("number", sa.Text(), nullable=True),
    sa.Column("circular", sa.Text(), nullable=True),
    sa.Column("where_to_get", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_form_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_legal_basis", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("doc", sa.Text(), nullable=False),
    sa.Column("articles", sa.Text(), nullable=True),
    sa.Column("url", sa.Text(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_legal_basis_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_not_required", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_not_required_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_notice", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_notice_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_online_step", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
)

sa.Table(
    "kb_online_submission", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("available", sa.String(length=16), nullable=True),
    sa.Column("level", sa.Text(), nullable=True),
    sa.Column("via", sa.Text(), nullable=True),
    sa.Column("link", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_online_submission_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_processing_time", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case", sa.Text(), nullable=True),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("max_days", sa.Integer(), nullable=True),
    sa.Column("day_unit", sa.Text(), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_processing_time_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_required_document", schema,
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("ask", sa.Text(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.Column("effective_from", sa.Date(), nullable=True),
    sa.Column("effective_to", sa.Date(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("src_file", sa.Text(), nullable=True),
    sa.Column("src_line", sa.Integer(), nullable=True),
    sa.Column("field", sa.Text(), nullable=True),
    sa.Column("quote", sa.Text(), nullable=True),
    sa.Column("copy_ref", sa.Text(), nullable=True),
    sa.Column("conditions", sa.Text(), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("copies", sa.Integer(), nullable=True),
    sa.Column("kind", sa.String(length=32), nullable=True),
    sa.Column("procedure_id", sa.Integer(), nullable=False),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["procedure_id"], ["kb_procedure.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_required_document_procedure_id", "procedure_id"),
)

sa.Table(
    "kb_district_commune", schema,
    sa.Column("district_id", sa.Integer(), nullable=False),
    sa.Column("commune_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["commune_id"], ["kb_commune.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["district_id"], ["kb_old_district.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("district_id", "commune_id"),
)

sa.Table(
    "kb_former_unit", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("commune_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("folded", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["commune_id"], ["kb_commune.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
    sa.Index("ix_kb_former_unit_commune_id", "commune_id"),
    sa.Index("ix_kb_former_unit_folded", "folded"),
)

sa.Table(
    "kb_office", schema,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("commune_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("address", sa.Text(), nullable=True),
    sa.Column("phone", sa.Text(), nullable=True),
    sa.Column("hours", sa.Text(), nullable=True),
    sa.Column("source_id", sa.Integer(), nullable=True),
    sa.Column("verified_on", sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(["commune_id"], ["kb_commune.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["source_id"], ["kb_source.id"]),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("commune_id"),
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    present = set(inspector.get_table_names())
    outdated = {}
    for table in schema.sorted_tables:
        if table.name in present:
            columns = {column["name"] for column in inspector.get_columns(table.name)}
            missing = sorted(c.name for c in table.columns if c.name not in columns)
            if missing:
                outdated[table.name] = missing
    foreign = {name: columns for name, columns in outdated.items() if not name.startswith("kb_")}
    if foreign:
        raise RuntimeError("; ".join(f"table {name} lacks column(s) {', '.join(columns)}"
                                     for name, columns in foreign.items())
                           + ": it was not made by dvcbot (or by a release before any of these "
                           "columns existed); rename it or move it to another database")
    if outdated:
        for table in reversed(schema.sorted_tables):
            if table.name.startswith("kb_") and table.name in present:
                table.drop(bind)
                present.discard(table.name)
    schema.create_all(bind, checkfirst=True)  # a new table comes with its indexes
    for table in schema.sorted_tables:
        if table.name not in present:
            continue
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda i: i.name):
            if index.name not in indexes:
                if index.name == "uq_handoff_tickets_active_sender":
                    _close_duplicate_tickets(bind)
                index.create(bind)


def _close_duplicate_tickets(bind: sa.engine.Connection) -> None:
    tickets = schema.tables["handoff_tickets"]
    active = tickets.c.status.in_(("open", "claimed"))
    rows = bind.execute(sa.select(tickets.c.id, tickets.c.channel, tickets.c.sender_id,
                                  tickets.c.status).where(active)).all()
    by_citizen: dict[tuple[str, str], list] = {}
    for row in rows:
        by_citizen.setdefault((row.channel, row.sender_id), []).append(row)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for group in by_citizen.values():
        keep = max(group, key=lambda row: (row.status == "claimed", row.id))
        extra = [row.id for row in group if row.id != keep.id]
        if extra:
            bind.execute(sa.update(tickets).where(tickets.c.id.in_(extra))
                         .values(status="closed", closed_at=now, closed_reason="duplicate"))


def downgrade() -> None:
    schema.drop_all(op.get_bind(), checkfirst=True)
