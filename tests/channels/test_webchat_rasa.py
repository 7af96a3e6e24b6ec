"""The web chat inside a real `rasa run`: loaded from credentials.yml, answered by a real Rasa model.

A throwaway assistant (keyword intents, rules: no TensorFlow training, ~20 s) is trained in a
temporary folder; `rasa run --credentials` loads bot.channels.webchat.WebChatInput exactly as
production does. Checks what the browser gets and what the Rasa tracker stores (the entry point).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from bot.core.tz import today as vn_today  # entry points are counted per day in Việt Nam

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
RASA = Path(sys.executable).with_name("rasa")

FILES = {
    "credentials.yml": """
bot.channels.webchat.WebChatInput:
  max_message_chars: 500
""",
    "config.yml": """
recipe: default.v1
language: vi
assistant_id: webchat-integration
pipeline:
  - name: WhitespaceTokenizer
  - name: KeywordIntentClassifier
policies:
  - name: RulePolicy
""",
    "domain.yml": """
version: "3.1"
intents: [greet, ask_documents]
entities: [procedure]
slots:
  procedure:
    type: text
    influence_conversation: false
    mappings: [{type: from_entity, entity: procedure}]
responses:
  utter_greet:
  - text: "Xin chào, tôi là trợ lý thử."
    buttons:
    - title: "Khai sinh"
      payload: '/ask_documents{"procedure":"khai_sinh"}'
  utter_documents:
  - text: "Giấy tờ cho thủ tục {procedure}."
""",
    "data/nlu.yml": """
version: "3.1"
nlu:
- intent: greet
  examples: |
    - xin chao
    - chao ban
- intent: ask_documents
  examples: |
    - giay to
    - can gi
""",
    "data/rules.yml": """
version: "3.1"
rules:
- rule: greet
  steps: [{intent: greet}, {action: utter_greet}]
- rule: documents
  steps: [{intent: ask_documents}, {action: utter_documents}]
""",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def rasa_server(tmp_path_factory):
    if not RASA.exists():
        pytest.skip(f"rasa is not installed next to {sys.executable}")
    folder = tmp_path_factory.mktemp("rasa-webchat")
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text.lstrip(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVCBOT_")}
    env.update(PYTHONPATH=str(REPO), DVCBOT_DATABASE_URL=f"sqlite:///{folder / 'dvcbot.sqlite3'}")
    train = subprocess.run(
        [str(RASA), "train", "--fixed-model-name", "webchat", "--out", "models"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=600,
    )
    assert train.returncode == 0, train.stdout[-2000:] + train.stderr[-2000:]
    port = free_port()
    log = open(folder / "rasa.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(RASA), "run", "--credentials", "credentials.yml", "--model", "models/webchat.tar.gz",
         "-i", "127.0.0.1", "--port", str(port), "--enable-api"],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while True:
            try:
                if httpx.get(base + "/webhooks/webchat/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "rasa.log").read_text()[-3000:])
            time.sleep(0.5)
        yield base, folder
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_rasa_serves_the_page_and_answers_through_the_web_chat_channel(rasa_server):
    base, folder = rasa_server
    page = httpx.get(base + "/webhooks/webchat/", timeout=10)
    assert page.status_code == 200 and "Chữ to" in page.text

    session = re.search(r'name="dvcbot-session" content="([^"]+)"', page.text).group(1)
    sender = session.split(".")[0]                 # the conversation the server signed
    hello = httpx.post(
        base + "/webhooks/webchat/webhook",
        json={"session": session, "message": "/greet", "entry_point": "Sleaflet-2026Cthanh_phongKw"},
        timeout=60,
    ).json()
    [greeting] = hello
    assert greeting["recipient_id"] == sender and greeting["text"] == "Xin chào, tôi là trợ lý thử."
    [button] = greeting["buttons"]
    # the button carries an opaque key, not Rasa's intent syntax; pressing it sends the key back
    assert button["title"] == "Khai sinh" and button["payload"].startswith("k:")
    answer = httpx.post(
        base + "/webhooks/webchat/webhook",
        json={"session": session, "message": button["payload"]},
        timeout=60,
    ).json()
    assert answer == [{"recipient_id": sender, "text": "Giấy tờ cho thủ tục khai_sinh."}]
    # the same intent typed is read as words (no entity, so no procedure)
    typed = httpx.post(
        base + "/webhooks/webchat/webhook",
        json={"session": session, "message": '/ask_documents{"procedure":"khai_sinh"}'},
        timeout=60,
    ).json()
    assert typed != answer

    # the leaflet's entry point is in the tracker, on the user's first message
    tracker = httpx.get(f"{base}/conversations/{sender}/tracker", timeout=10).json()
    user_events = [e for e in tracker["events"] if e["event"] == "user"]
    assert user_events[0]["input_channel"] == "webchat"
    assert user_events[0]["metadata"]["entry_point"] == {
        "source": "leaflet-2026", "commune": "thanh_phong", "team": None, "channel": "webchat",
    }
    assert tracker["slots"]["session_started_metadata"]["entry_point"]["commune"] == "thanh_phong"

    # and it was counted in DVCBOT_DATABASE_URL
    from bot.entry_points import entry_counts

    rows = entry_counts(vn_today(), database_url=f"sqlite:///{folder / 'dvcbot.sqlite3'}")
    assert [(r["source"], r["commune"], r["count"]) for r in rows] == [("leaflet-2026", "thanh_phong", 1)]


def test_rasa_passes_the_credentials_settings_to_the_channel(rasa_server):
    base, _ = rasa_server
    page = httpx.get(base + "/webhooks/webchat/", timeout=10).text
    session = re.search(r'name="dvcbot-session" content="([^"]+)"', page).group(1)
    reply = httpx.post(
        base + "/webhooks/webchat/webhook", json={"session": session, "message": "x" * 600}, timeout=30
    ).json()
    assert "dưới 500 ký tự" in reply[0]["text"]
