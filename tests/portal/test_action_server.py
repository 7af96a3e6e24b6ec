"""The dossier actions served by the real rasa-sdk action server process, as `make run` and
`rasa run actions --actions actions` start it, answering Rasa's webhook over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
import yaml

from .conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def action_server(portal_env, database_url, tmp_path):
    port = free_port()
    log = open(tmp_path / "action-server.log", "wb")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), SANIC_HOST="127.0.0.1")
    process = subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(port)], cwd=REPO_ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "action-server.log").read_text(errors="replace")[-2000:])
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_action_server_answers_a_dossier_question_over_http(action_server):
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    message = {"text": "ho so 000.00.99.h99-250701-0002 toi dau roi",
               "intent": {"name": "check_dossier_status", "confidence": 0.97}, "entities": []}
    tracker = {"sender_id": "web-1", "slots": {"dossier_code": "000.00.99.h99-250701-0002",
                                               "phone_suffix": "0002"},
               "latest_message": message,
               "events": [{"event": "user", "text": message["text"], "parse_data": message,
                           "input_channel": "webchat"}],
               "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "dossier_form"}
    response = httpx.post(f"{action_server}/webhook", timeout=30, json={
        "next_action": "action_check_dossier_status", "sender_id": "web-1",
        "tracker": tracker, "domain": domain, "version": "3.6.2"})
    assert response.status_code == 200, response.text
    body = response.json()
    (reply,) = body["responses"]
    assert "Chờ bổ sung hồ sơ" in reply["text"] and "Trần" not in reply["text"]
    slots = {e["name"]: e["value"] for e in body["events"] if e["event"] == "slot"}
    assert slots["dossier_code"] == "000.00.99.H99-250701-0002"


def test_the_action_server_shows_the_code_read_from_a_receipt_photo_for_a_yes(action_server):
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    entities = [{"entity": "receipt_code", "value": "000.00.99.H99-250701-0001"},
                {"entity": "receipt_confidence", "value": "high"},
                {"entity": "receipt_reason", "value": ""}]
    message = {"text": "/receipt_photo", "intent": {"name": "receipt_photo", "confidence": 1.0},
               "entities": entities}
    tracker = {"sender_id": "zalo-1", "slots": {}, "latest_message": message,
               "events": [{"event": "user", "text": message["text"], "parse_data": message,
                           "input_channel": "zalo"}],
               "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen"}
    response = httpx.post(f"{action_server}/webhook", timeout=30, json={
        "next_action": "action_receipt_photo", "sender_id": "zalo-1",
        "tracker": tracker, "domain": domain, "version": "3.6.2"})
    assert response.status_code == 200, response.text
    body = response.json()
    (reply,) = body["responses"]
    assert reply["text"] == "Tôi đọc được mã hồ sơ: 000.00.99.H99-250701-0001. Đúng không ạ?"
    assert [b["title"] for b in reply["buttons"]] == ["Đúng", "Không"]
    slots = {e["name"]: e["value"] for e in body["events"] if e["event"] == "slot"}
    assert slots == {"receipt_code": "000.00.99.H99-250701-0001", "pending_offer": "receipt_confirm"}
