"""Rasa's own CLI on the repository as it is, with nothing set: what someone who knows Rasa
types first. `rasa run` answers over REST, `rasa shell` in a terminal, `rasa run actions` serves
the actions, and the conversation tests in Rasa's format (nlu_data/test/test_stories.yml) pass
`rasa test core`."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from bot.paths import REPO_ROOT
from tests.integration.conftest import free_port

RASA = str(Path(sys.executable).parent / "rasa")
CLEAN_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")}
START_TIMEOUT = 300


def model_arguments(model: Path) -> list[str]:
    # `rasa run` takes the newest model in models/ by itself; name it only when tests train elsewhere
    return [] if model.parent == REPO_ROOT / "models" else ["--model", str(model)]


def started(command: list[str], log: Path, health: str) -> subprocess.Popen:
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=CLEAN_ENV, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{' '.join(command[:3])} did not start:\n"
                        + log.read_text(errors="replace")[-3000:])
        try:
            if httpx.get(health, timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)


def stopped(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


REST_TOKEN = "plain-rasa-rest-token-0123456789abcdef"
ACTIONS_PORT = 5055  # endpoints.yml's action_endpoint, as a Rasa user runs it


@pytest.fixture(scope="module")
def plain_actions(tmp_path_factory):
    """`rasa run actions` on the port endpoints.yml names: a Rasa project with custom actions
    (here the session start, which says the privacy notice) runs it beside `rasa run`."""
    log = tmp_path_factory.mktemp("plain-actions") / "actions.log"
    process = started([RASA, "run", "actions", "--port", str(ACTIONS_PORT)], log,
                      f"http://127.0.0.1:{ACTIONS_PORT}/health")
    yield process
    stopped(process)


def plain_rasa_run(model: Path, log: Path, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen([RASA, "run", "--port", str(port), *model_arguments(model)],
                                   cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(log.read_text(errors="replace")[-3000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process, port
        except httpx.HTTPError:
            pass
        time.sleep(0.5)


def test_plain_rasa_runs_rest_channel_refuses_callers_without_the_token(trained_model, plain_actions, tmp_path):
    """Plain `rasa run` is safe too (security review C1): with nothing set its REST channel
    refuses every caller, and nothing reaches a conversation; the token's holder gets in."""
    process, port = plain_rasa_run(trained_model, tmp_path / "rasa.log", CLEAN_ENV)
    try:
        body = {"sender": f"plain-{port}", "message": "cảm ơn bạn nhiều"}
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        assert httpx.post(url, json=body, timeout=60).status_code == 401
        assert httpx.post(url, json=body, timeout=60,
                          headers={"Authorization": "Bearer guess"}).status_code == 403
    finally:
        stopped(process)
    process, port = plain_rasa_run(trained_model, tmp_path / "rasa2.log",
                                   dict(CLEAN_ENV, DVCBOT_REST_TOKEN=REST_TOKEN))
    try:
        reply = httpx.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook", timeout=60,
                           json={"sender": f"plain-{port}", "message": "cảm ơn bạn nhiều"},
                           headers={"Authorization": f"Bearer {REST_TOKEN}"})
        assert reply.status_code == 200 and reply.json()
    finally:
        stopped(process)


def test_plain_rasa_run_answers_over_rest(trained_model, plain_actions, tmp_path):
    process, port = plain_rasa_run(trained_model, tmp_path / "rasa.log",
                                   dict(CLEAN_ENV, DVCBOT_REST_TOKEN=REST_TOKEN))
    try:
        reply = httpx.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                           json={"sender": f"plain-{port}", "message": "cảm ơn bạn nhiều"},
                           headers={"Authorization": f"Bearer {REST_TOKEN}"}, timeout=60)
        assert reply.status_code == 200
        texts = [m.get("text") for m in reply.json()]
        domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
        from bot.privacy import notice

        assert texts == [notice(), domain["responses"]["utter_thank"][0]["text"]]  # first contact
    finally:
        stopped(process)


def test_plain_rasa_shell_answers_in_the_terminal(trained_model, plain_actions):
    pid, terminal = pty.fork()
    if pid == 0:  # the child: rasa shell in a terminal, as a person starts it
        os.chdir(REPO_ROOT)
        os.execve(RASA, [RASA, "shell", "--port", str(free_port()), *model_arguments(trained_model)],
                  dict(CLEAN_ENV, TERM="xterm"))
    seen = bytearray()

    def wait_for(text: bytes) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while text not in seen and time.monotonic() < deadline:
            if select.select([terminal], [], [], 0.5)[0]:
                try:
                    seen.extend(os.read(terminal, 65536))
                except OSError:
                    return False
        return text in seen
    try:
        assert wait_for(b"Your input"), seen.decode(errors="replace")[-3000:]
        os.write(terminal, "cảm ơn\r".encode())
        domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
        answer = domain["responses"]["utter_thank"][0]["text"].encode()
        assert wait_for(answer), seen.decode(errors="replace")[-3000:]
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)


def test_plain_rasa_run_actions_serves_the_custom_actions(tmp_path):
    port = free_port()
    process = started([RASA, "run", "actions", "--port", str(port)], tmp_path / "actions.log",
                      f"http://127.0.0.1:{port}/health")
    try:
        names = {a["name"] for a in httpx.get(f"http://127.0.0.1:{port}/actions", timeout=10).json()}
    finally:
        stopped(process)
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(domain["actions"]) <= names


def story_messages() -> list[tuple[str, str]]:
    stories = yaml.safe_load((REPO_ROOT / "nlu_data/test/test_stories.yml").read_text(encoding="utf-8"))
    return [(step["user"].strip(), step["intent"]) for story in stories["stories"]
            for step in story["steps"] if "user" in step]


def test_the_conversation_test_stories_pass(trained_model, tmp_path):
    done = subprocess.run(
        [RASA, "test", "core", "--stories", "nlu_data/test", "--fail-on-prediction-errors",
         "--out", str(tmp_path / "results"), "--model", str(trained_model)],
        cwd=REPO_ROOT, env=CLEAN_ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    report = json.loads((tmp_path / "results" / "story_report.json").read_text())
    assert report["conversation_accuracy"]["correct"] == report["conversation_accuracy"]["total"] >= 6

    # `rasa test core` takes the intents written in a story; that the model reads each message
    # as that intent is checked here, on the same model
    messages = story_messages()
    understood = subprocess.run(
        [sys.executable, "-m", "bot.cli", "understand", "--details", "--model", str(trained_model)],
        cwd=REPO_ROOT, input="\n".join(text for text, _ in messages) + "\n",
        capture_output=True, text=True, timeout=600)
    assert understood.returncode == 0, understood.stderr[-3000:]
    got = [json.loads(line) for line in understood.stdout.splitlines() if line.startswith("{")]
    assert [(g["text"], g["intent"]) for g in got] == messages
    assert not any(g.get("fallback") for g in got)
