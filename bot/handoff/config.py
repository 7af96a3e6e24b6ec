"""Settings of the volunteer hand-off: the `handoff` and `telegram` sections of
bot.core.settings (every variable, its default and meaning: README, "Configuration")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bot import storage
from bot.core.settings import settings
from bot.paths import REPO_ROOT, state_dir

DEFAULT_TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_ZALO_API_BASE_URL = "https://openapi.zalo.me"


def database_url(url: str | None = None) -> str:
    """DVCBOT_DATABASE_URL; a relative SQLite path is taken from the repository root."""
    return storage.database_url(url)


def teams_file(path: str | os.PathLike | None = None) -> Path:
    raw = path or settings().handoff.teams_file
    if raw:
        p = Path(raw).expanduser()
        return p if p.is_absolute() else REPO_ROOT / p
    return state_dir() / "teams.yml"


def telegram_base_url(raw: str | None = None) -> str:
    """A python-telegram-bot base_url (the token is appended) from TELEGRAM_API_BASE_URL, which
    may be given as "http://host:port", "http://host:port/bot" or with "{token}" in it."""
    value = (raw or settings().telegram.api_base_url or "").strip()
    if not value:
        return DEFAULT_TELEGRAM_API_BASE_URL
    if "{token}" in value:
        return value
    value = value.rstrip("/")
    return value if value.endswith("/bot") else value + "/bot"


@dataclass
class HandoffSettings:
    database_url: str = field(default_factory=database_url)
    teams_file: Path = field(default_factory=teams_file)
    telegram_token: str | None = None
    telegram_base_url: str = DEFAULT_TELEGRAM_API_BASE_URL
    zalo_base_url: str = DEFAULT_ZALO_API_BASE_URL
    reannounce_minutes: float = 15
    escalate_after: int = 2
    expire_hours: float = 24
    rating_hours: float = 24
    watch_seconds: float = 60
    media_wait_minutes: int = 30
    media_max_bytes: int = 10_000_000

    @classmethod
    def from_env(cls) -> "HandoffSettings":
        current = settings()
        handoff = current.handoff
        return cls(
            database_url=database_url(),
            teams_file=teams_file(),
            telegram_token=current.telegram.bot_token,
            telegram_base_url=telegram_base_url(),
            zalo_base_url=(current.zalo.api_base_url or DEFAULT_ZALO_API_BASE_URL).rstrip("/"),
            reannounce_minutes=handoff.reannounce_minutes,
            escalate_after=handoff.escalate_after,
            expire_hours=handoff.expire_hours,
            rating_hours=handoff.rating_hours,
            watch_seconds=handoff.watch_seconds,
            media_wait_minutes=handoff.media_wait_minutes,
            media_max_bytes=handoff.media_max_bytes,
        )
