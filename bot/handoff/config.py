"""Settings of the volunteer hand-off: the `handoff` and `telegram` sections of
bot.core.settings (every variable, its default and meaning: README, "Configuration")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from bot import storage
from bot.core.settings import HandoffSettings as HandoffSection, settings
from bot.messaging.config import DEFAULT_TELEGRAM_API_BASE_URL, TelegramConfig, ZaloConfig
from bot.paths import REPO_ROOT, state_dir


def database_url(url: str | None = None) -> str:
    """DVCBOT_DATABASE_URL; a relative SQLite path is taken from the repository root."""
    return storage.database_url(url)


def teams_file(path: str | os.PathLike | None = None) -> Path:
    raw = path or settings().handoff.teams_file
    if raw:
        p = Path(raw).expanduser()
        return p if p.is_absolute() else REPO_ROOT / p
    return state_dir() / "teams.yml"


@dataclass
class HandoffSettings:
    database_url: str = field(default_factory=database_url)
    teams_file: Path = field(default_factory=teams_file)
    telegram_token: str | None = None
    telegram_base_url: str = DEFAULT_TELEGRAM_API_BASE_URL
    zalo: ZaloConfig = field(default_factory=ZaloConfig)
    reannounce_minutes: float = HandoffSection.reannounce_minutes
    escalate_after: int = HandoffSection.escalate_after
    expire_hours: float = HandoffSection.expire_hours
    rating_hours: float = HandoffSection.rating_hours
    watch_seconds: float = HandoffSection.watch_seconds
    media_wait_minutes: int = HandoffSection.media_wait_minutes
    media_max_bytes: int = HandoffSection.media_max_bytes

    @classmethod
    def from_env(cls) -> "HandoffSettings":
        telegram = TelegramConfig.from_env()
        handoff = settings().handoff
        return cls(
            database_url=database_url(),
            teams_file=teams_file(),
            telegram_token=telegram.token,
            telegram_base_url=telegram.api_base_url,
            zalo=ZaloConfig.from_env(),
            **{f.name: getattr(handoff, f.name) for f in fields(cls)
               if f.name != "teams_file" and hasattr(handoff, f.name)},
        )
