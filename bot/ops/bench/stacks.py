"""The servers a benchmark talks to: dvcbot exactly as `dvcbot run` starts it, and Rasa's own
starter bot (`rasa init`) as the reference, each on free loopback ports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Optional

import httpx

from bot.ops.bench import procs
from bot.ops.cluster import Cluster, ClusterConfig, ClusterError
from bot.ops.process import Process, free_port, quiet_env
from bot.paths import REPO_ROOT


class StackError(RuntimeError):
    pass


@dataclass
class Running:
    """A started stack: where to send messages and which processes to watch."""

    name: str
    url: str
    process: Optional[Process]
    pids: dict[str, int] = field(default_factory=dict)   # role -> pid (rasa server, action server)
    state: Path | None = None

    def stop(self, grace: float = 60) -> None:
        if self.process is not None:
            self.process.stop(grace)


def _wait_ready(process: Process, ready: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if not process.alive():
            raise StackError(f"{what} exited during start-up:\n" + process.log_tail(60))
        if time.monotonic() > deadline:
            raise StackError(f"{what} not ready after {timeout:.0f} s; see {process.log_path}")
        time.sleep(0.5)


def start_dvcbot(model: Path, state: Path, timeout: float = 600) -> Running:
    """`dvcbot run --no-chat` on free ports with its own state directory."""
    state.mkdir(parents=True, exist_ok=True)
    ready = state / "ready.json"
    ready.unlink(missing_ok=True)
    rasa_port = free_port()
    env = quiet_env(dict(os.environ, DVCBOT_STATE_DIR=str(state),
                         DVCBOT_DATABASE_URL=f"sqlite:///{state / 'dvcbot.sqlite3'}",
                         PYTHONPATH=os.pathsep.join(
                             p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)))
    env.pop("DVCBOT_PORTAL_URL", None)
    command = [sys.executable, "-m", "bot.cli", "run", "--no-chat", "--model", str(model),
               "--rasa-port", str(rasa_port), "--actions-port", str(free_port()),
               "--simulator-port", str(free_port()), "--ready-file", str(ready)]
    process = Process("dvcbot run", command, None, env, state / "runner.log")
    process.start()
    running = Running("dvcbot", f"http://127.0.0.1:{rasa_port}", process, state=state)
    try:
        _wait_ready(process, ready.exists, timeout, "dvcbot run")
        info = json.loads(ready.read_text())
        running.url = info["rasa_url"]
        pid = process.pid() or 0
        rasa = procs.find_descendant(pid, "rasa", "run", "--port", str(rasa_port))
        actions = procs.find_descendant(pid, "bot.action_server")
        if rasa:
            running.pids["rasa server"] = rasa
        if actions:
            running.pids["action server"] = actions
    except BaseException:
        running.stop()
        raise
    return running


# ----------------------------------------------------------------------------- reference


def rasa_version() -> str:
    return version("rasa")


def prepare_reference(cache: Path, retrain: bool = False) -> tuple[Path, float, bool]:
    """Rasa's starter bot, created and trained with `rasa init --no-prompt`.

    Returns (project directory, training seconds, trained now?). The project and its training
    time are kept in `cache` (per Rasa version) so that a re-run does not train again unless
    `retrain`.
    """
    project = cache.resolve() / f"starter-rasa-{rasa_version()}"
    meta = project / "dvcbot-bench.json"
    if not retrain and meta.exists() and list((project / "models").glob("*.tar.gz")):
        return project, float(json.loads(meta.read_text())["training_seconds"]), False
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    env = quiet_env(dict(os.environ))
    started = time.monotonic()
    # `rasa init --no-prompt` writes the starter project and trains its model
    result = subprocess.run([sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir",
                             str(project)], cwd=project.parent, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0 or not list((project / "models").glob("*.tar.gz")):
        raise StackError("rasa init failed:\n" + (result.stdout + result.stderr)[-3000:])
    meta.write_text(json.dumps({"training_seconds": round(seconds, 1), "rasa": rasa_version()}))
    return project, seconds, True


def start_reference(project: Path, state: Path, timeout: float = 600) -> Running:
    """The starter bot as `rasa run --enable-api` serves it (its own endpoints/credentials)."""
    state.mkdir(parents=True, exist_ok=True)
    port = free_port()
    model = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)[-1]
    command = [sys.executable, "-m", "rasa", "run", "--model", str(model), "--enable-api",
               "--interface", "127.0.0.1", "--port", str(port),
               "--endpoints", str(project / "endpoints.yml"),
               "--credentials", str(project / "credentials.yml")]
    process = Process("starter bot", command, None, quiet_env(dict(os.environ)),
                      state / "reference.log", cwd=project)
    process.start()
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(url + "/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    running = Running("starter bot", url, process, {"rasa server": process.pid() or 0}, state)
    try:
        _wait_ready(process, ready, timeout, "the starter bot")
    except BaseException:
        running.stop()
        raise
    return running


class ClusterRunning(Running):
    """One replica of the scale-out harness (bot/ops/cluster.py) as a benchmark stack."""

    def __init__(self, cluster) -> None:
        super().__init__("dvcbot", cluster.url, None,  # type: ignore[arg-type]
                         {"rasa server": cluster.replicas[0].pid(),
                          "action server": cluster.actions.pid()}, cluster.state)
        self.cluster = cluster

    def stop(self, grace: float = 60) -> None:
        self.cluster.down()


def start_single_replica(model: Path, state: Path, tracker_type: str | None = None) -> ClusterRunning:
    """The same servers as `dvcbot run` (no dossier poller), started by the scale-out
    harness so that the tracker store class can be chosen (e.g. to measure a proposed one)."""
    state.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(ClusterConfig.with_free_ports(
        state, replicas=1, tracker="sqlite", lock="memory", kb_database="sqlite", balancer="none",
        model=model, tracker_type=tracker_type))
    try:
        cluster.up()
    except (ClusterError, OSError) as error:
        cluster.down()
        raise StackError(str(error)) from error
    return ClusterRunning(cluster)
