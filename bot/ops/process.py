"""Child services: one `Process` class for `dvcbot run` (bot/runner.py), the scale-out cluster
(bot/ops/cluster.py) and the benchmarks (bot/ops/bench/stacks.py).

A `Process` runs in its own session (process group), writes to its own log, may answer on a
health URL and may leave a pidfile so that another command (`cluster down`) can stop it. It is
stopped one way only, `stop_process_group`: SIGTERM to the whole group, SIGKILL after a grace
period, and any member left behind by a leader that ended first is ended too.

`quiet_env` is the one place for the variables that keep Rasa, TensorFlow and SQLAlchemy from
phoning home or flooding the logs.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import httpx

from bot.paths import REPO_ROOT

# the signals that stop `dvcbot run`: Ctrl-C, systemd / kill, the terminal closing
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",            # no analytics calls from Rasa
    "TF_CPP_MIN_LOG_LEVEL": "2",                  # TensorFlow's start-up chatter
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",       # SQLAlchemy 1.4's 2.0 migration warning
}


def quiet_env(env: dict[str, str]) -> dict[str, str]:
    """`env` with QUIET_ENV's defaults (a value the environment already sets is kept)."""
    return {**QUIET_ENV, **env}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port: int, host: str = "127.0.0.1", timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def pid_alive(pid: int) -> bool:
    """A running process (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def group_members(group: int) -> list[int]:
    """Running (not zombie) processes of a process group (Linux /proc; [] elsewhere)."""
    members = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(proc.name))
    return members


def _end_group(group: int, grace: float) -> None:
    for signum in (signal.SIGTERM, signal.SIGKILL):
        if not group_members(group):
            return
        try:
            os.killpg(group, signum)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while group_members(group) and time.monotonic() < deadline:
            time.sleep(0.05)


def stop_process_group(process: subprocess.Popen | int, grace: float,
                       first: int = signal.SIGTERM) -> None:
    """Signal (`first`, SIGTERM by default) the process group a process leads (started with
    start_new_session=True), then SIGKILL it if it has not ended within `grace` seconds.
    Members left behind by a leader that has already ended (it crashed, or did not wait for
    its own children) are ended too. `process` is a Popen of this process, or the pid of a
    group leader started by another (a pidfile's)."""
    popen = process if isinstance(process, subprocess.Popen) else None
    group = popen.pid if popen is not None else int(process)
    if popen is None or popen.poll() is None:
        try:
            os.killpg(group, first)
        except ProcessLookupError:
            return
        if popen is not None:
            try:
                popen.wait(grace)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(group, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                popen.wait()
    _end_group(group, grace)


def wait_until_serving(health_url: str | None, alive: Callable[[], bool], timeout: float,
                       poll: float = 0.5) -> str | None:
    """Poll `health_url` until it answers: None when serving (or there is no URL to poll),
    "exited" when alive() turns false first, "timeout" after `timeout` seconds."""
    if health_url is None:
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            return "exited"
        try:
            # any answer short of a server error means the process is serving
            if httpx.get(health_url, timeout=2.0).status_code < 500:
                return None
        except httpx.HTTPError:
            pass
        time.sleep(poll)
    return "timeout"


def _child_setup(signal_mask: set) -> Callable[[], None]:
    """The preexec_fn of a child tied to this process: restore the signal mask (stop signals
    are blocked around Popen) and, on Linux, ask for SIGTERM when this process dies, even by
    SIGKILL when no `finally` runs."""
    prctl = None
    if sys.platform.startswith("linux"):
        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            prctl = None
    parent = os.getpid()

    def preexec() -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
        if prctl is not None:
            prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)
    return preexec


@dataclass
class Process:
    """A child service in its own process group.

    `port`: the TCP port it listens on (`dvcbot run` checks it is free first). `pidfile`: where
    its pid is kept, so that a later command finds and stops it. `detached`: it outlives this
    process (`cluster up` returns, the servers keep running); otherwise it gets SIGTERM when
    this process dies, and a stop signal cannot arrive between its start and its record."""

    name: str
    command: list[str]
    health_url: Optional[str]
    env: dict[str, str]
    log_path: Path
    process: Optional[subprocess.Popen] = None
    port: Optional[int] = None
    pidfile: Optional[Path] = None
    detached: bool = False
    cwd: Path = REPO_ROOT

    def start(self) -> None:
        if self.alive():
            return
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        mask = None if self.detached else signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    self.command, cwd=self.cwd, env=self.env, stdout=log,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                    preexec_fn=None if mask is None else _child_setup(mask))
        finally:
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if self.pidfile is not None:
            self.pidfile.parent.mkdir(parents=True, exist_ok=True)
            self.pidfile.write_text(f"{self.process.pid}\n")

    def pid(self) -> Optional[int]:
        """The running process's pid: started here, or found through the pidfile."""
        if self.process is not None:
            return self.process.pid if self.process.poll() is None else None
        if self.pidfile is None:
            return None
        try:
            pid = int(self.pidfile.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if pid_alive(pid) else None

    def alive(self) -> bool:
        return self.pid() is not None

    def wait_serving(self, timeout: float, poll: float = 0.5) -> Optional[str]:
        """None once the health URL answers; "exited" or "timeout" otherwise."""
        return wait_until_serving(self.health_url, self.alive, timeout, poll)

    def stop(self, grace: float = 10.0, first: int = signal.SIGTERM) -> None:
        """Stop its process group; a leader that already ended may have left members behind,
        which are ended too."""
        if self.process is not None:
            stop_process_group(self.process, grace, first)
        else:
            pid = self.pid()
            if pid is not None:
                stop_process_group(pid, grace, first)
        if self.pidfile is not None:
            self.pidfile.unlink(missing_ok=True)
            self.process = None

    def kill(self) -> None:
        """Stop abruptly (SIGKILL), as a crash would."""
        self.stop(grace=0.0, first=signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
