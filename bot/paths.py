"""Where things live on disk. Every path is relative to the repository root unless overridden."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def state_dir() -> Path:
    """Runtime state (SQLite databases, generated configs, logs): DVCBOT_STATE_DIR or var/."""
    path = Path(os.environ.get("DVCBOT_STATE_DIR") or REPO_ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir() -> Path:
    return Path(os.environ.get("DVCBOT_MODELS_DIR") or REPO_ROOT / "models")


def latest_model(directory: Path | None = None) -> Path | None:
    """The newest trained model archive, or None."""
    directory = directory or models_dir()
    if not directory.is_dir():
        return None
    archives = sorted(directory.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return archives[-1] if archives else None
