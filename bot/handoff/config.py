"""Settings of the volunteer hand-off, from the environment through bot.core.settings (see README).

DVCBOT_DATABASE_URL                 tickets live in dvcbot's database (default
                                    sqlite:///<repo>/var/dvcbot.sqlite3; a relative SQLite path is
                                    taken from the repository root)
DVCBOT_TEAMS_FILE                   volunteers and officials (default <state dir>/teams.yml, i.e.
                                    var/teams.yml; holds personal ids, never committed)
TELEGRAM_BOT_TOKEN                  the bot that posts tickets to the volunteer groups
TELEGRAM_API_BASE_URL               Bot API base (default https://api.telegram.org/bot)
ZALO_API_BASE_URL                   Zalo OA API base (default https://openapi.zalo.me)
DVCBOT_HANDOFF_REANNOUNCE_MINUTES   re-post an unclaimed ticket after this long (default 15)
DVCBOT_HANDOFF_ESCALATE_AFTER       re-announcements before the officials get a private message
                                    (default 2)
DVCBOT_HANDOFF_EXPIRE_HOURS         a ticket with no activity for this long is closed and the
                                    citizen is given back to the bot (default 24)
DVCBOT_HANDOFF_RATING_HOURS         how long a 1-5 reply after /xong counts as a rating (default 24)
DVCBOT_HANDOFF_WATCH_SECONDS        how often `python -m bot.handoff.watcher` looks (default 60)
"""

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
        )
