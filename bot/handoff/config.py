"""Settings of the volunteer hand-off, all from environment variables (see README).

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
DVCBOT_HANDOFF_MEDIA_WAIT_MINUTES   how long a citizen's voice note offered to a volunteer waits
                                    (by reference) for the ticket to open (default 30)
DVCBOT_HANDOFF_MEDIA_MAX_BYTES      the largest Zalo voice note downloaded to relay it to the
                                    volunteers' Telegram chat (default 10000000; Telegram takes
                                    up to 50 MB from a bot)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bot import storage
from bot.paths import REPO_ROOT, state_dir

DEFAULT_TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_ZALO_API_BASE_URL = "https://openapi.zalo.me"


class SettingError(ValueError):
    """A setting is malformed; the message names the variable."""


def _env_number(name: str, default: float, minimum: float = 0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise SettingError(f"{name}={raw} must be at least {minimum:g}")
    return value


def database_url(url: str | None = None) -> str:
    """DVCBOT_DATABASE_URL; a relative SQLite path is taken from the repository root."""
    return storage.database_url(url)


def teams_file(path: str | os.PathLike | None = None) -> Path:
    raw = path or os.environ.get("DVCBOT_TEAMS_FILE")
    if raw:
        p = Path(raw).expanduser()
        return p if p.is_absolute() else REPO_ROOT / p
    return state_dir() / "teams.yml"


def telegram_base_url(raw: str | None = None) -> str:
    """A python-telegram-bot base_url (the token is appended) from TELEGRAM_API_BASE_URL, which
    may be given as "http://host:port", "http://host:port/bot" or with "{token}" in it."""
    value = (raw or os.environ.get("TELEGRAM_API_BASE_URL") or "").strip()
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
        return cls(
            database_url=database_url(),
            teams_file=teams_file(),
            telegram_token=os.environ.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
            telegram_base_url=telegram_base_url(),
            zalo_base_url=(os.environ.get("ZALO_API_BASE_URL", "").strip().rstrip("/")
                           or DEFAULT_ZALO_API_BASE_URL),
            reannounce_minutes=_env_number("DVCBOT_HANDOFF_REANNOUNCE_MINUTES", 15, 0.01),
            escalate_after=int(_env_number("DVCBOT_HANDOFF_ESCALATE_AFTER", 2, 0)),
            expire_hours=_env_number("DVCBOT_HANDOFF_EXPIRE_HOURS", 24, 0.01),
            rating_hours=_env_number("DVCBOT_HANDOFF_RATING_HOURS", 24, 0.01),
            watch_seconds=_env_number("DVCBOT_HANDOFF_WATCH_SECONDS", 60, 0.1),
            media_wait_minutes=int(_env_number("DVCBOT_HANDOFF_MEDIA_WAIT_MINUTES", 30, 1)),
            media_max_bytes=int(_env_number("DVCBOT_HANDOFF_MEDIA_MAX_BYTES", 10_000_000, 1000)),
        )
