"""Real parts for the portal tests: the portal simulator in its own process (real HTTP), a
fake Rasa HTTP API that runs the real notify action and records what citizens would
receive, and a fresh SQLite database per test."""

from __future__ import annotations

import asyncio
import os
import re
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import httpx
import pytest
from aiohttp import web

REPO_ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "dvcbot-test", "test-secret"


@dataclass
class Simulator:
    url: str
    process: subprocess.Popen

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth/token"

    def control(self, action: str, **body: Any) -> dict:
        response = httpx.post(f"{self.url}/_control/{action}", json=body, timeout=5)
        assert response.status_code == 200, response.text
        return response.json()

    def state(self) -> dict:
        return httpx.get(f"{self.url}/_control/state", timeout=5).json()

    def env(self, **extra: str) -> dict[str, str]:
        values = {"DVCBOT_PORTAL_URL": self.url, "DVCBOT_PORTAL_TOKEN_URL": self.token_url,
                  "DVCBOT_PORTAL_CLIENT_ID": CLIENT_ID, "DVCBOT_PORTAL_CLIENT_SECRET": CLIENT_SECRET}
        values.update(extra)
        return values


def start_simulator(*args: str) -> Simulator:
    process = subprocess.Popen(
        [sys.executable, "-m", "actions.portal.simulator", "--port", "0", *args],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)))
    deadline = time.monotonic() + 20
    line = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()  # type: ignore[union-attr]
            match = re.search(rb"listening on (http://\S+)", line)
            if match:
                return Simulator(match.group(1).decode(), process)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"simulator did not start: {line!r}")


@pytest.fixture(scope="session")
def simulator_process():
    sim = start_simulator("--require-auth", "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET)
    yield sim
    sim.process.terminate()
    try:
        sim.process.wait(5)
    except subprocess.TimeoutExpired:
        sim.process.kill()


@pytest.fixture
def simulator(simulator_process: Simulator) -> Simulator:
    """The simulator, re-seeded, without faults, token lifetime back to 300 s."""
    simulator_process.control("reset")
    simulator_process.control("token", ttl=300, revoke=True)
    return simulator_process


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
    monkeypatch.setenv("DVCBOT_DATABASE_URL", url)
    return url


@pytest.fixture
def portal_env(simulator: Simulator, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Simulator:
    """Configuration (environment) pointing the actions at the simulator and a fresh database."""
    for name, value in simulator.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX", raising=False)
    from actions.portal.client import reset_default_adapter
    reset_default_adapter()
    return simulator


# --------------------------------------------------------------------------- fake Rasa

@dataclass
class FakeRasa:
    """Rasa's POST /conversations/<id>/trigger_intent, running the real notify action.

    ``modes`` (consumed one per call): "ok"; "down" = 503 before running anything;
    "channel_fails" = runs the action then answers 500 (nothing delivered);
    "slow" = delivers, then answers after ``slow_seconds``.
    """

    url: str = ""
    calls: list[dict] = field(default_factory=list)
    delivered: list[tuple[str, str, str]] = field(default_factory=list)  # sender, channel, text
    modes: list[str] = field(default_factory=list)
    slow_seconds: float = 2.0
    _loop: Optional[asyncio.AbstractEventLoop] = None
    _stop: Optional[asyncio.Event] = None
    _thread: Optional[threading.Thread] = None

    async def _handle(self, request: web.Request) -> web.Response:
        from rasa_sdk import Tracker
        from rasa_sdk.executor import CollectingDispatcher

        from actions.dossier import ActionNotifyDossierChange

        sender = request.match_info["sender"]
        body = await request.json()
        channel = request.query.get("output_channel", "")
        self.calls.append({"sender": sender, "query": dict(request.query), "json": body})
        mode = self.modes.pop(0) if self.modes else "ok"
        if mode == "down":
            return web.json_response({"status": "failure"}, status=503)
        entities = body.get("entities") or {}
        if isinstance(entities, dict):
            entities = [{"entity": k, "value": v} for k, v in entities.items()]
        tracker = Tracker(sender, {}, {"intent": {"name": body["name"]}, "entities": entities,
                                       "text": f"EXTERNAL: {body['name']}"},
                          [{"event": "user", "input_channel": channel}], False, None, {}, None)
        dispatcher = CollectingDispatcher()
        await ActionNotifyDossierChange().run(dispatcher, tracker, {})
        if mode == "channel_fails":
            return web.json_response({"status": "failure", "reason": "ConversationError"}, status=500)
        for message in dispatcher.messages:
            self.delivered.append((sender, channel, message.get("text") or ""))
        if mode == "slow":
            await asyncio.sleep(self.slow_seconds)
        return web.json_response({"tracker": {"sender_id": sender}})

    def start(self) -> "FakeRasa":
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def main() -> None:
                app = web.Application()
                app.router.add_post("/conversations/{sender}/trigger_intent", self._handle)
                runner = web.AppRunner(app, access_log=None)
                await runner.setup()
                site = web.TCPSite(runner, "127.0.0.1", 0)
                await site.start()
                port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
                self.url = f"http://127.0.0.1:{port}"
                self._stop = asyncio.Event()
                ready.set()
                await self._stop.wait()
                await runner.cleanup()

            loop.run_until_complete(main())
            loop.close()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        assert ready.wait(10), "fake Rasa did not start"
        return self

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread:
            self._thread.join(5)


@pytest.fixture
def fake_rasa(monkeypatch: pytest.MonkeyPatch):
    rasa = FakeRasa().start()
    monkeypatch.setenv("DVCBOT_RASA_URL", rasa.url)
    yield rasa
    rasa.stop()
