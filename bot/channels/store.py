"""The channels' tables in dvcbot's database (DVCBOT_DATABASE_URL).

- `zalo_oa_tokens`: the Zalo OA access token and its one-time refresh token, with a lease so
  that only one process refreshes at a time.
- `channel_outbox`: answers that could not be delivered (Zalo 7-day window, quota, network),
  kept for a later retry and for the volunteers' hand-off report.
- `telegram_callbacks`: button payloads under an opaque key (bot.channels.buttons), so that a
  button still works after a restart and on every replica.
- `channel_secrets`: secrets the replicas must share and nobody has to configure (the web chat's
  session signing key when DVCBOT_WEBCHAT_SECRET is unset).

SQLAlchemy Core, 2.0 style. The tables are created on first use.
"""

from __future__ import annotations


from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Engine

from bot import storage

metadata = MetaData()

zalo_oa_tokens = Table(
    "zalo_oa_tokens", metadata,
    Column("app_id", String(64), primary_key=True),
    Column("access_token", Text, nullable=True),
    Column("refresh_token", Text, nullable=True),
    Column("expires_at", Float, nullable=True),   # unix time; NULL = unknown
    Column("updated_at", Float, nullable=False),
    Column("version", Integer, nullable=False, default=0),
    Column("lease_owner", String(64), nullable=True),
    Column("lease_until", Float, nullable=True),
)

channel_outbox = Table(
    "channel_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("recipient_id", String(128), nullable=False),
    Column("message_json", Text, nullable=False),
    Column("status", String(16), nullable=False),     # pending, delivered, failed
    Column("error_code", Integer, nullable=True),
    Column("reason", String(200), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", Float, nullable=False),
    Column("next_attempt_at", Float, nullable=True),  # NULL: wait until the citizen writes
    Column("delivered_at", Float, nullable=True),
)
Index("ix_channel_outbox_pending", channel_outbox.c.channel, channel_outbox.c.status,
      channel_outbox.c.recipient_id)

telegram_callbacks = Table(
    "telegram_callbacks", metadata,
    Column("key", String(32), primary_key=True),
    Column("payload", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)

channel_secrets = Table(
    "channel_secrets", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)


def database_url(url: str | None = None) -> str:
    return storage.database_url(url)


def engine(url: str | None = None) -> Engine:
    """The shared engine for this database URL, with the channel tables created."""
    return storage.engine_for(url, metadata)


def dispose_all() -> None:
    """Close every engine (tests use a new database file each time)."""
    storage.dispose_all()


def shared_secret(name: str, url: str | None = None) -> str:
    """The secret called `name` in the database, made (random, 256 bits) on first use; every
    process and replica sharing the database gets the same one."""
    import secrets
    import time

    from sqlalchemy import insert, select
    from sqlalchemy.exc import IntegrityError

    eng = engine(url)
    query = select(channel_secrets.c.value).where(channel_secrets.c.name == name)
    with eng.connect() as conn:
        row = conn.execute(query).first()
    if row is not None:
        return row[0]
    try:
        with eng.begin() as conn:
            conn.execute(insert(channel_secrets).values(
                name=name, value=secrets.token_urlsafe(32), created_at=time.time()))
    except IntegrityError:
        pass  # another process made it first: use theirs
    with eng.connect() as conn:
        return conn.execute(query).one()[0]
