"""Alembic's environment for dvcbot: run by bot.migrations, which hands it a connection that
already holds the migration lock (see bot/migrations/__init__.py). No alembic.ini."""

from __future__ import annotations

from alembic import context

from bot import storage

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=storage.schema_metadata(),
    # SQLite changes a column by copying the table: autogenerate writes batch operations
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
