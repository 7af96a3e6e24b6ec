"""`make run` as an operator runs it, stopped as a terminal or a service manager stops it:
closing the terminal (SIGHUP), or SIGTERM to the whole process group twice in a row (systemd,
`kill -- -PGID`; make also forwards it). Afterwards no process it started is left and its ports
are free, so the next `make run` starts. Real processes, real signals, bounded polling."""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import subprocess
import termios
import time

import pytest

from bot.paths import REPO_ROOT
from bot.ops.process import group_members, port_in_use
from tests.integration.conftest import START_TIMEOUT, free_port


def wait_for(condition, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {what} after {timeout:.0f} s")
        time.sleep(0.1)


def groups_left(groups: set[int]) -> list[int]:
    return [pid for group in groups for pid in group_members(group)]


@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM twice to the process group"])
def test_make_run_stops_everything_it_started(trained_model, tmp_path, how):
    state = tmp_path / "var"
    ports = {"DVCBOT_RASA_PORT": free_port(), "DVCBOT_ACTIONS_PORT": free_port(),
             "DVCBOT_SIMULATOR_PORT": free_port()}
    env = dict(os.environ, DVCBOT_STATE_DIR=str(state), DVCBOT_TEAMS_FILE=str(tmp_path / "teams.yml"),
               DVCBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}",
               DVCBOT_MODELS_DIR=str(trained_model.parent), **{k: str(v) for k, v in ports.items()})
    for name in ("DVCBOT_PORTAL_URL", "TELEGRAM_BOT_TOKEN", "DVCBOT_TELEGRAM_POLLING"):
        env.pop(name, None)
    master, slave = os.openpty()                 # the operator's terminal

    def in_the_terminal() -> None:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    make = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=REPO_ROOT, env=env,
                            stdin=slave, stdout=slave, stderr=slave, preexec_fn=in_the_terminal)
    os.close(slave)
    seen = bytearray()

    def read_terminal() -> bytes:
        while select.select([master], [], [], 0)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen.extend(chunk)
        return bytes(seen)
    try:
        wait_for(lambda: b"dvcbot: ready" in read_terminal() or make.poll() is not None,
                 "ready", START_TIMEOUT)
        assert make.poll() is None, read_terminal().decode(errors="replace")[-3000:]
        started = json.loads((state / "run.pids.json").read_text())
        assert {s["name"] for s in started} >= {"portal-simulator", "action-server", "rasa-server"}
        groups = {s["pid"] for s in started}     # each service leads its own process group

        if how == "terminal closed":
            os.close(master)
            master = None
        else:
            os.killpg(make.pid, signal.SIGTERM)
            os.killpg(make.pid, signal.SIGTERM)
        wait_for(lambda: make.poll() is not None, "make stopped", 120)
        wait_for(lambda: not groups_left(groups), "every service stopped", 60)
        for name, port in ports.items():
            wait_for(lambda: not port_in_use(port), f"{name} {port} free", 30)
        assert not (state / "run.pids.json").exists()
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
        if master is not None:
            os.close(master)
