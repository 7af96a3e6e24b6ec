"""The channels' tables in dvcbot's database (DVCBOT_DATABASE_URL).

- `zalo_oa_tokens`: the Zalo OA access token and its one-time refresh token, with a lease so
  that only one process refreshes at a time.
- `channel_outbox`: answers that could not be delivered (Zalo 7-day window, quota, network),
  kept for a later retry and for the volunteers' hand-off report.
- `telegram_callbacks`: button payloads under an opaque key (bot.channels.buttons), so that a
  button still works after a restart and on every replica.
- `channel_counts`: daily counters the operator report shows, e.g. Telegram answers that may
  have reached a citizen twice (Telegram has no idempotency key).
- `channel_secrets`: secrets the replicas must share and nobody has to configure (the web chat's
  session signing key when DVCBOT_WEBCHAT_SECRET is unset).

SQLAlchemy Core, 2.0 style. The tables are created on first use.
"""

from __future__ import annotations


from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Engine

from bot import storage
from bot.core import tz

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

channel_counts = Table(
    "channel_counts", metadata,
    Column("channel", String(16), primary_key=True),
    Column("name", String(32), primary_key=True),
    Column("day", String(10), primary_key=True),      # YYYY-MM-DD (Vietnam day)
    Column("count", Integer, nullable=False, default=0),
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


def today() -> str:
    """Today in Vietnam (UTC+7), as the report counts days: YYYY-MM-DD."""
    return tz.today().isoformat()


def count(channel: str, name: str, url: str | None = None, by: int = 1) -> None:
    """Add `by` to today's counter `name` of `channel`."""
    from sqlalchemy import insert, update
    from sqlalchemy.exc import IntegrityError

    t = channel_counts
    day = today()
    key = (t.c.channel == channel) & (t.c.name == name) & (t.c.day == day)
    eng = engine(url)
    for _ in range(2):
        try:
            with eng.begin() as conn:
                if conn.execute(update(t).where(key).values(count=t.c.count + by)).rowcount:
                    return
                conn.execute(insert(t).values(channel=channel, name=name, day=day, count=by))
                return
        except IntegrityError:
            continue  # another process inserted the row first: add to it


def counts(channel: str, since: str, until: str, url: str | None = None) -> dict[str, int]:
    """{name: total} of `channel`'s counters from day `since` to `until` (YYYY-MM-DD)."""
    from sqlalchemy import func, select

    t = channel_counts
    with engine(url).connect() as conn:
        rows = conn.execute(select(t.c.name, func.sum(t.c.count))
                            .where(t.c.channel == channel, t.c.day >= since, t.c.day <= until)
                            .group_by(t.c.name)).all()
    return {name: int(total or 0) for name, total in rows}
