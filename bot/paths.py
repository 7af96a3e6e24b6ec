"""Where things live on disk. Every path is relative to the repository root unless overridden."""

from __future__ import annotations

import os
from pathlib import Path

from bot.core.settings import settings

REPO_ROOT = Path(__file__).resolve().parent.parent


PRIVATE_UMASK = 0o077


def state_dir() -> Path:
    """Runtime state (SQLite databases, generated configs, logs): DVCBOT_STATE_DIR or var/.
    Created readable by its owner only (conversations and secrets live there)."""
    path = settings().paths.state_dir or REPO_ROOT / "var"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def make_private() -> None:
    """Files this process and its children create are private (umask 077: files 600,
    directories 700); the state directory is made 700 and the files directly in it 600, which
    also fixes an older installation. Called by the `dvcbot` command, so every process the
    runner starts inherits it."""
    os.umask(PRIVATE_UMASK)
    path = state_dir()
    try:
        if path.stat().st_uid == os.getuid():
            path.chmod(0o700)
            for item in path.iterdir():
                if item.is_file() and not item.is_symlink() and item.stat().st_uid == os.getuid():
                    item.chmod(item.stat().st_mode & 0o700)
    except OSError:  # not ours, or read-only: leave it, the umask still holds
        pass


def models_dir() -> Path:
    return settings().paths.models_dir or REPO_ROOT / "models"


def latest_model(directory: Path | None = None) -> Path | None:
    """The newest trained model archive, or None."""
    directory = directory or models_dir()
    if not directory.is_dir():
        return None
    archives = sorted(directory.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return archives[-1] if archives else None
