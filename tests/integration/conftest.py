"""The real assistant for integration tests: a trained model, the action server and the
Rasa server started by `dvcbot run` exactly as `make run` starts them, talked to over HTTP.

The model is trained once per test session (skipped when models/ is already up to date).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot.channels.rest import rest_sender
from bot.paths import REPO_ROOT
from bot.tokens import bearer_header, rasa_api_params
from bot.training import train

START_TIMEOUT = 420


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Assistant:
    """A citizen's view of the running assistant: send a message, read the replies."""

    rasa_url: str
    portal_url: str
    state_dir: Path
    process: subprocess.Popen

    def say(self, text: str, sender: str, metadata: dict | None = None) -> list[dict]:
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=120,
                              headers=bearer_header(state=self.state_dir))
        assert response.status_code == 200, response.text[:300]
        return response.json()

    def replies(self, text: str, sender: str) -> list[str]:
        """Every text the bot answered, the privacy notice of a first contact included."""
        return [m.get("text") or "" for m in self.say(text, sender)]

    def texts(self, text: str, sender: str) -> list[str]:
        """The answer to `text`: what the bot said, less the privacy notice of a first contact
        (bot/privacy.yml; test_the_privacy_notice_comes_at_first_contact_only checks it)."""
        from bot.privacy import notice

        return [t for t in self.replies(text, sender) if t != notice()]

    def portal(self, path: str, body: dict) -> None:
        """Tell the portal simulator to misbehave or change a dossier (its control API)."""
        httpx.post(f"{self.portal_url}{path}", json=body, timeout=10).raise_for_status()

    def tracker(self, sender: str) -> dict:
        """A REST conversation as Rasa keeps it (HTTP API)."""
        return httpx.get(f"{self.rasa_url}/conversations/{rest_sender(sender)}/tracker",
                         params=rasa_api_params(self.state_dir), timeout=30).json()

    def bot_said(self, sender: str) -> list[str]:
        """Everything the bot said in a conversation, from Rasa's tracker (HTTP API)."""
        tracker = self.tracker(sender)
        return [e.get("text") or "" for e in tracker.get("events", []) if e.get("event") == "bot"]

    def logs(self) -> str:
        parts = []
        for path in (self.state_dir / "logs").glob("*.log"):
            parts.append(path.read_text(errors="replace"))
        return "\n".join(parts)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    return train(quiet=True)


@contextmanager
def running_assistant(model: Path, state: Path,
                      extra_env: dict[str, str] | None = None) -> Iterator[Assistant]:
    """`dvcbot run` with its state in `state`, stopped on leaving; `extra_env` switches on
    more (e.g. the Telegram and Zalo channels, pointed at fake platform servers)."""
    ready = state / "ready.json"
    env = dict(os.environ, DVCBOT_STATE_DIR=str(state),
               DVCBOT_DATABASE_URL=f"sqlite:///{state / 'dvcbot.sqlite3'}",
               DVCBOT_TEAMS_FILE=str(state / "teams.yml"),
               DVCBOT_POLL_INTERVAL="1")
    env.pop("DVCBOT_PORTAL_URL", None)
    env.update(extra_env or {})
    command = [sys.executable, "-m", "bot.cli", "run", "--no-chat",
               "--model", str(model),
               "--rasa-port", str(free_port()), "--actions-port", str(free_port()),
               "--simulator-port", str(free_port()), "--ready-file", str(ready)]
    output = open(state / "runner.log", "wb")
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                               stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("dvcbot run did not start:\n" + (state / "runner.log").read_text(errors="replace")[-4000:])
        time.sleep(0.5)
    info = json.loads(ready.read_text())
    try:
        yield Assistant(info["rasa_url"], info["portal_url"], state, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
        output.close()


@pytest.fixture(scope="session")
def assistant(trained_model: Path, tmp_path_factory: pytest.TempPathFactory):
    with running_assistant(trained_model, tmp_path_factory.mktemp("dvcbot-state")) as running:
        yield running


@pytest.fixture
def citizen() -> str:
    """A fresh conversation id for each test."""
    return f"test-{uuid.uuid4().hex[:10]}"
