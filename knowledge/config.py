"""Where the knowledge base lives. Its settings come from the environment through bot.core.settings.

DVCBOT_DATABASE_URL   SQLAlchemy URL of the knowledge database
                      (default sqlite:///<repo>/var/dvcbot.sqlite3; var/ is created).
DVCBOT_KNOWLEDGE_DIR  folder with procedures/, places/, online_guide.yml, messages.yml
                      (default <repo>/knowledge/data; a relative path is taken from the repo root).
DVCBOT_PLACES_FILE    places file(s) of the locality (several separated by ':'); default: every
                      *.yml in <knowledge dir>/places/. Another province ships its own file.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot import storage
from bot.core.settings import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "knowledge" / "data"


def _repo_path(value: str | os.PathLike) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (REPO_ROOT / path)


def data_dir(value: str | os.PathLike | None = None) -> Path:
    if value is None:
        value = settings().knowledge.data_dir or DEFAULT_DATA_DIR
    return _repo_path(value).resolve()


def database_url(value: str | None = None) -> str:
    """DVCBOT_DATABASE_URL, shared with the rest of dvcbot (see bot.storage)."""
    return storage.database_url(value)


def places_files(data_directory: Path, value: str | None = None) -> list[Path]:
    raw = value if value is not None else settings().knowledge.places_file
    if raw:
        return [_repo_path(p).resolve() for p in raw.split(os.pathsep) if p.strip()]
    folder = data_directory / "places"
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
