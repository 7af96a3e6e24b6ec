"""State files are private: the `dvcbot` command (and so every process `dvcbot run` starts)
works under umask 077, makes the state directory 700 and its files 600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from bot.paths import REPO_ROOT


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_command_makes_the_state_private_and_creates_private_files(tmp_path):
    state = tmp_path / "var"
    state.mkdir(mode=0o755)
    state.chmod(0o755)
    old = state / "credentials.active.yml"
    old.write_text("TELEGRAM_BOT_TOKEN: x\n")
    old.chmod(0o644)
    env = dict(os.environ, DVCBOT_STATE_DIR=str(state), PYTHONPATH=str(REPO_ROOT))
    env.pop("DVCBOT_DATABASE_URL", None)
    child_log = state / "child.log"
    code = "\n".join([
        "import subprocess, sys",
        "from bot.cli import main",
        "from bot import storage",
        "from bot.handoff.store import metadata",
        "main(['--help'])",
        "storage.engine_for(None, metadata)",                 # creates var/dvcbot.sqlite3
        f"subprocess.run([sys.executable, '-c', \"open({str(child_log)!r}, 'a')\"], check=True)",
    ])
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert mode(state) == 0o700 and mode(old) == 0o600
    assert mode(state / "dvcbot.sqlite3") == 0o600            # created by this process
    assert mode(state / "child.log") == 0o600                 # created by a child it started
