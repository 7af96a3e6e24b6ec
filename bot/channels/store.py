"""The channels' tables in dvcbot's database (DVCBOT_DATABASE_URL).

- `zalo_oa_tokens`: the Zalo OA access token and its one-time refresh token, with a lease so
  that only one process refreshes at a time.
- `channel_outbox`: answers that could not be delivered (Zalo 7-day window, quota, network),
  kept for a later retry and for the volunteers' hand-off report.
- `telegram_callbacks`: button payloads too long for Telegram's 64-byte callback_data, under a
  short key, so that a button still works after a restart.

SQLAlchemy Core, 2.0 style. The tables are created on first use.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text, create_engine
from sqlalchemy.engine import Engine, make_url

from bot.paths import REPO_ROOT

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

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url(url: str | None = None) -> str:
    """DVCBOT_DATABASE_URL with a relative SQLite path made relative to the repository root."""
    raw = url or os.environ.get("DVCBOT_DATABASE_URL") or "sqlite:///var/dvcbot.sqlite3"
    parsed = make_url(raw)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.is_absolute():
            path = REPO_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        parsed = parsed.set(database=str(path))
    return parsed.render_as_string(hide_password=False)


def engine(url: str | None = None) -> Engine:
    """One engine per database URL, with the channel tables created."""
    resolved = database_url(url)
    with _lock:
        existing = _engines.get(resolved)
        if existing is not None:
            return existing
        kwargs: dict = {"future": True}
        if resolved.startswith("sqlite"):
            # Several processes (Rasa, the Telegram poller, `dvcbot zalo`) share the file.
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        created = create_engine(resolved, **kwargs)
        metadata.create_all(created, checkfirst=True)
        _engines[resolved] = created
        return created


def dispose_all() -> None:
    """Close every engine (tests use a new database file each time)."""
    with _lock:
        for item in _engines.values():
            item.dispose()
        _engines.clear()
