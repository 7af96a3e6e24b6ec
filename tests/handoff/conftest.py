"""Fixtures for the hand-off tests: fake Telegram and Zalo servers in a separate process (real
HTTP), a real SQLite database per test, a teams file, a clock the test can move."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

import httpx
import pytest

from bot.handoff.config import HandoffSettings
from bot.channels.zalo_tokens import TokenStore
from bot.handoff.service import HandoffService
from bot.messaging.config import ZaloConfig
from bot.handoff.store import utcnow
from bot.paths import REPO_ROOT

TELEGRAM_TOKEN = "123456:TEST-token"
ZALO_TOKEN = "zalo-access-token"
ZALO_APP_ID = "4460000000000000001"
HERE = Path(__file__).resolve().parent

# Thạnh Phong: two volunteers and an official; An Qui: one volunteer; Đại Điền: no team.
THANH_PHONG_GROUP = -1001000000111
AN_QUI_GROUP = -1001000000222
AN, BINH, CUONG, DUNG, STRANGER = 111111111, 222222222, 333333333, 444444444, 999999999
TEAMS_YAML = f"""\
communes:
  thanh_phong:
    group_chat_id: {THANH_PHONG_GROUP}
    members:
      - name: Nguyễn Văn An
        role: volunteer
        telegram_id: {AN}
      - name: Trần Thị Bình
        role: volunteer
        telegram_id: {BINH}
      - name: Lê Văn Cường
        role: official
        telegram_id: {CUONG}
  an_qui:
    group_chat_id: {AN_QUI_GROUP}
    members:
      - name: Phạm Thị Dung
        role: volunteer
        telegram_id: {DUNG}
"""


@pytest.fixture(scope="session", autouse=True)
def knowledge_database():
    """The knowledge base in its own SQLite file for the whole session (loaded once)."""
    folder = tempfile.mkdtemp(prefix="dvcbot-handoff-kb-")
    old = os.environ.get("DVCBOT_DATABASE_URL")
    os.environ["DVCBOT_DATABASE_URL"] = f"sqlite:///{folder}/kb.sqlite3"
    yield
    if old is None:
        os.environ.pop("DVCBOT_DATABASE_URL", None)
    else:
        os.environ["DVCBOT_DATABASE_URL"] = old


class FakeApis:
    """The fake Telegram + Zalo server process and what it received."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def calls(self, api: Optional[str] = None, method: Optional[str] = None) -> list[dict]:
        found = httpx.get(self.url + "/_calls", timeout=10).json()
        return [c for c in found if (api is None or c["api"] == api)
                and (method is None or c["method"] == method)]

    def sent_to(self, chat_id: int) -> list[dict]:
        """Messages the bot sent to a chat: the request's fields plus the message_id given."""
        return [dict(c["params"], message_id=c["message_id"])
                for c in self.calls("telegram", "sendMessage")
                if int(c["params"]["chat_id"]) == chat_id and "message_id" in c]

    def zalo_texts(self, user_id: str) -> list[str]:
        return [c["params"]["message"]["text"] for c in self.calls("zalo")
                if c["params"]["recipient"]["user_id"] == user_id]

    def reset(self) -> None:
        httpx.post(self.url + "/_reset", timeout=10)

    def block(self, *chat_ids: int) -> None:
        httpx.post(self.url + "/_config", json={"blocked": list(chat_ids)}, timeout=10)


@pytest.fixture(scope="session")
def fake_apis():
    process = subprocess.Popen(
        [sys.executable, str(HERE / "fake_servers.py"), "--port", "0",
         "--telegram-token", TELEGRAM_TOKEN, "--zalo-token", ZALO_TOKEN],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO_ROOT)
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise RuntimeError(f"fake servers did not start: {line}")
    apis = FakeApis(process, int(line.split()[1]))
    yield apis
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture()
def apis(fake_apis: FakeApis) -> FakeApis:
    fake_apis.reset()
    return fake_apis


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def teams_file(tmp_path: Path) -> Path:
    path = tmp_path / "teams.yml"
    path.write_text(TEAMS_YAML, encoding="utf-8")
    return path


@pytest.fixture()
def settings(tmp_path: Path, apis: FakeApis, teams_file: Path) -> HandoffSettings:
    return HandoffSettings(
        database_url=f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}",
        teams_file=teams_file,
        telegram_token=TELEGRAM_TOKEN,
        telegram_base_url=apis.url + "/bot",
        zalo=ZaloConfig(app_id=ZALO_APP_ID, api_base_url=apis.url),
        reannounce_minutes=15,
        escalate_after=2,
        expire_hours=24,
        rating_hours=24,
    )


def make_service(settings: HandoffSettings, clock=utcnow) -> HandoffService:
    TokenStore(ZALO_APP_ID, settings.database_url).seed(ZALO_TOKEN, None)
    return HandoffService(settings, clock=clock)


@pytest.fixture()
def service(settings: HandoffSettings, clock: Clock) -> HandoffService:
    return make_service(settings, clock)


def run(coro):
    return asyncio.run(coro)


# ----------------------------------------------------------------- Telegram updates as sent


_update_ids = iter(range(1, 10**9))


def user(user_id: int, name: str = "Vol") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


def group_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": "Tổ tình nguyện"}


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Vol"}


def press(button_message: dict[str, Any], data: str, by: int) -> dict[str, Any]:
    """The update Telegram sends when `by` presses a button of `button_message`."""
    return {"update_id": next(_update_ids),
            "callback_query": {"id": f"cq{next(_update_ids)}", "from": user(by),
                               "chat_instance": "42", "data": data,
                               "message": button_message}}


def message_in(chat: dict[str, Any], by: int, text: str,
               reply_to: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    message: dict[str, Any] = {"message_id": next(_update_ids), "date": 1700000000,
                               "chat": chat, "from": user(by), "text": text}
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return {"update_id": next(_update_ids), "message": message}


def as_message(sent: dict[str, Any]) -> dict[str, Any]:
    """The Message object Telegram puts in an update about a message the bot sent."""
    chat_id = int(sent["chat_id"])
    message = {"message_id": sent["message_id"], "date": 1700000000,
               "chat": group_chat(chat_id) if chat_id < 0 else private_chat(chat_id),
               "from": {"id": 999, "is_bot": True, "first_name": "dvcbot"},
               "text": sent["text"]}
    if sent.get("reply_markup"):
        message["reply_markup"] = sent["reply_markup"]
    return message
