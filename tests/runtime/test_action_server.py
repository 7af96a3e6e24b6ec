"""The action server as a local attacker sees it (M1): loopback only, Rasa's token required,
and a failing action's answer carries no conversation (M7)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
TOKEN = "actions-token-for-the-tests-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))   # TEST-NET: nothing is sent
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    state = tmp_path_factory.mktemp("actions")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVCBOT_")}
    env.update(PYTHONPATH=str(REPO), DVCBOT_ACTIONS_TOKEN=TOKEN, SANIC_HOST="0.0.0.0",
               DVCBOT_STATE_DIR=str(state), DVCBOT_DATABASE_URL=f"sqlite:///{state / 'db.sqlite3'}")
    log = open(state / "actions.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "bot.action_server", "--actions", "actions",
                             "--port", str(port)], cwd=REPO, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((state / "actions.log").read_text()[-3000:])
            time.sleep(0.2)
        yield base, port, state / "actions.log"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def tracker(text: str) -> dict:
    return {"next_action": "action_request_human", "sender_id": "tg:123", "version": "3.6.0",
            "tracker": {"sender_id": "tg:123", "slots": {}, "latest_message": {"text": text},
                        "events": [], "paused": False, "followup_action": None,
                        "active_loop": {}, "latest_action_name": None},
            "domain": {}}


def test_without_or_with_a_wrong_token_no_action_runs(action_server):
    base, _, _ = action_server
    missing = httpx.post(base + "/webhook", json=tracker("gặp người thật"), timeout=10)
    wrong = httpx.post(base + "/webhook", json=tracker("gặp người thật"), timeout=10,
                       headers={"Authorization": "Bearer nope"})
    listing = httpx.get(base + "/actions", timeout=10)
    assert (missing.status_code, wrong.status_code, listing.status_code) == (401, 403, 401)


def test_with_the_token_rasa_is_served_and_a_failure_shows_no_conversation(action_server):
    base, _, _ = action_server
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(base + "/actions", headers=headers, timeout=10).status_code == 200
    broken = dict(tracker("x"), tracker="số tôi 0912345678")  # rasa-sdk itself fails on it
    reply = httpx.post(base + "/webhook", json=broken, headers=headers, timeout=30)
    assert reply.status_code == 500, reply.text[:200]
    assert "0912345678" not in reply.text and "request_body" not in reply.text


def test_it_listens_on_loopback_only_and_says_so(action_server):
    _, port, log = action_server
    assert "127.0.0.1" in log.read_text() and "loopback" in log.read_text()
    address = other_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://{address}:{port}/health", timeout=3)
