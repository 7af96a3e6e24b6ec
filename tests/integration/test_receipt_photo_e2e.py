"""A photo of the receipt gives the dossier's status, end to end, on every channel a citizen has:
Telegram and Zalo through their fake platform servers (tests/channels/messaging_fakes.py: the
Bot API with getFile and its file downloads, Zalo's OpenAPI with an attachment address), and the
web chat page in headless Chromium (its camera button). Behind them, the real stack of
`dvcbot run`: Rasa with the trained model, the action server and the portal simulator.

One stack serves the three tests: `dvcbot run` with the Telegram and Zalo channels switched on
by their variables (credentials.channels.yml), pointed at the fakes (module-scoped, so that it
stops before the next module: the shared `assistant` of conftest.py has no such channels). The photo is a generated
receipt (bot.receipt.synth) of a dossier the simulator knows, photographed slightly askew.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

import httpx
import pytest

from bot.receipt.synth import draw_receipt, photograph
from tests.channels.messaging_fakes import FakeTelegramApi, FakeZaloApi, ServedInThread
from tests.channels.test_webchat_browser import BOT_TEXTS, CHROMIUM, USER_TEXTS, Browser
from tests.channels.test_zalo import APP_ID, APP_SECRET, OA_SECRET, signed, text_event
from tests.integration.conftest import running_assistant

pytestmark = pytest.mark.integration

# actions/portal/simulator.py SEED: "Chờ bổ sung hồ sơ", the applicant's phone ends 0002
CODE = "000.00.99.H99-250701-0002"
PHONE = "0900000002"
PHONE_DIGITS = "0002"
STATUS = "Chờ bổ sung hồ sơ"
QUESTION = f"Tôi đọc được mã hồ sơ: {CODE}. Đúng không ạ?"
ASKS_DIGITS = "số cuối của số điện thoại"
APPLICANT = "Trần"                     # no applicant name unless the operator turns it on

TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "photo-e2e-webhook-secret-0123456789abcdef"
ZALO_ACCESS, ZALO_REFRESH = "access-0", "refresh-0"
ANSWER_TIMEOUT = 120                   # seconds a turn may take on a busy test machine

T = TypeVar("T")
_chats = itertools.count(700_000_001)
_zalo_users = itertools.count(2_512_523_625_400_001)


def receipt_photo() -> bytes:
    """A phone photo of the receipt: QR code, the code as text, the phone and other numbers."""
    page = draw_receipt(CODE, symbol="qr", seed=16, phone=PHONE)
    return photograph(page, rotate=4, blur=1.0, scale=0.6, jpeg_quality=60, seed=16)


def eventually(find: Callable[[], T | None], what: str, timeout: float = ANSWER_TIMEOUT) -> T:
    """`find()` once it gives something, polled until the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        found = find()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen in time: {what}")
        time.sleep(0.2)


@dataclass
class Platforms:
    telegram: FakeTelegramApi
    zalo: FakeZaloApi
    telegram_url: str
    zalo_url: str


@pytest.fixture(scope="module")
def platforms():
    telegram = FakeTelegramApi(TELEGRAM_TOKEN)
    zalo = FakeZaloApi(APP_ID, APP_SECRET, ZALO_ACCESS, ZALO_REFRESH)
    served = ServedInThread(telegram.app(), zalo.app())
    telegram_url, zalo_url = served.start()
    yield Platforms(telegram, zalo, telegram_url, zalo_url)
    served.stop()


@pytest.fixture(scope="module")
def channels_assistant(trained_model: Path, platforms: Platforms,
                       tmp_path_factory: pytest.TempPathFactory):
    """`dvcbot run` with Telegram and Zalo on, their platforms being the fakes."""
    env = {"TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
           "TELEGRAM_API_BASE_URL": platforms.telegram_url + "/bot",
           "DVCBOT_TELEGRAM_POLLING": "0",
           "ZALO_APP_ID": APP_ID, "ZALO_OA_SECRET_KEY": OA_SECRET, "ZALO_APP_SECRET": APP_SECRET,
           "ZALO_ACCESS_TOKEN": ZALO_ACCESS, "ZALO_REFRESH_TOKEN": ZALO_REFRESH,
           "ZALO_API_BASE_URL": platforms.zalo_url, "ZALO_OAUTH_BASE_URL": platforms.zalo_url}
    with running_assistant(trained_model, tmp_path_factory.mktemp("dvcbot-channels"),
                           env) as running:
        yield running


# --------------------------------------------------------------------------- Telegram


def test_a_telegram_photo_of_the_receipt_gives_the_dossier_status(channels_assistant, platforms):
    telegram, chat = platforms.telegram, next(_chats)
    webhook = f"{channels_assistant.rasa_url}/webhooks/telegram/webhook"

    def deliver(update: dict[str, Any]) -> None:
        reply = httpx.post(webhook, json=update, timeout=30,
                           headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
        assert reply.status_code == 200, reply.text[:300]

    def said() -> list[dict[str, Any]]:
        return [p for p in telegram.sent("sendMessage") if str(p.get("chat_id")) == str(chat)]

    def said_after(count: int, words: str) -> dict[str, Any] | None:
        return next((p for p in said()[count:] if words in str(p.get("text") or "")), None)

    update = telegram.photo_update(chat, receipt_photo())
    largest = update["message"]["photo"][1]["file_id"]
    deliver(update)
    question = eventually(lambda: said_after(0, QUESTION), "the code read from the photo")
    # the largest size was fetched through getFile
    assert largest in [c["file_id"] for c in telegram.sent("getFile")]
    keyboard = [button for row in question["reply_markup"]["inline_keyboard"] for button in row]
    assert [b["text"] for b in keyboard] == ["Đúng", "Không"]
    assert all(b["callback_data"].startswith("k:") for b in keyboard)   # keys the server issued

    before = len(said())
    deliver(telegram.button_update(chat, keyboard[0]["callback_data"]))
    asked = eventually(lambda: said_after(before, ASKS_DIGITS), "the phone digits asked")
    assert STATUS not in asked["text"]
    # the question's buttons were taken away, so that it is not answered twice
    assert any(str(c.get("chat_id")) == str(chat) and not c.get("reply_markup")
               for c in telegram.sent("editMessageReplyMarkup"))

    before = len(said())
    deliver(telegram.text_update(chat, PHONE_DIGITS))
    answer = eventually(lambda: said_after(before, STATUS), "the dossier's status")
    assert CODE in answer["text"] and APPLICANT not in answer["text"]


# --------------------------------------------------------------------------- Zalo


def test_a_zalo_photo_of_the_receipt_gives_the_dossier_status(channels_assistant, platforms):
    zalo, user = platforms.zalo, str(next(_zalo_users))
    webhook = f"{channels_assistant.rasa_url}/webhooks/zalo/webhook"

    def deliver(event: dict[str, Any]) -> None:
        raw, headers = signed(event)
        reply = httpx.post(webhook, content=raw, headers=headers, timeout=30)
        assert reply.status_code == 200, reply.text[:300]

    def said_after(count: int, words: str) -> dict[str, Any] | None:
        # only this test writes to the Zalo OA: what it sent after `count` is for this citizen
        return next((b["message"] for b in zalo.sent[count:]
                     if words in str(b["message"].get("text") or "")), None)

    zalo.files["giay-hen.jpg"] = receipt_photo()
    url = f"{platforms.zalo_url}/files/giay-hen.jpg"
    before = len(zalo.sent)
    deliver(text_event(None, user=user, event_name="user_send_image", attachments=[
        {"type": "image", "payload": {"thumbnail": url, "url": url}}]))
    question = eventually(lambda: said_after(before, QUESTION), "the code read from the photo")
    buttons = question["attachment"]["payload"]["buttons"]
    assert [b["title"] for b in buttons] == ["Đúng", "Không"]
    assert all(b["type"] == "oa.query.hide" and b["payload"].startswith("k:") for b in buttons)

    # a tap on a hidden-query button comes back as the citizen's text: its payload
    before = len(zalo.sent)
    deliver(text_event(buttons[0]["payload"], user=user))
    asked = eventually(lambda: said_after(before, ASKS_DIGITS), "the phone digits asked")
    assert STATUS not in asked["text"]

    before = len(zalo.sent)
    deliver(text_event(PHONE_DIGITS, user=user))
    answer = eventually(lambda: said_after(before, STATUS), "the dossier's status")
    assert CODE in answer["text"] and APPLICANT not in answer["text"]


# --------------------------------------------------------------------------- web chat


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (install it: apt-get install "
                                             "-y chromium; or set DVCBOT_CHROMIUM)")
def test_a_web_chat_photo_from_the_camera_button_gives_the_dossier_status(channels_assistant,
                                                                          tmp_path):
    photo = tmp_path / "giay-hen.jpg"
    photo.write_bytes(receipt_photo())

    def bot_shows(words: str) -> str:
        return f"{BOT_TEXTS}.some(t => t.includes({words!r}))"

    async def scenario():
        browser = Browser(tmp_path / "profile")
        try:
            await browser.start()
            await browser.goto(f"{channels_assistant.rasa_url}/webhooks/webchat/")
            await browser.wait_for(f"{BOT_TEXTS}.length > 0", timeout=ANSWER_TIMEOUT,
                                   what="the greeting")
            # the camera button: a file input; the citizen picks (takes) the photo
            found = await browser.send("Runtime.evaluate",
                                       {"expression": "document.getElementById('photo')"})
            await browser.send("DOM.setFileInputFiles", {"files": [str(photo)],
                                                         "objectId": found["result"]["objectId"]})
            await browser.wait_for(bot_shows(QUESTION), timeout=ANSWER_TIMEOUT,
                                   what="the code read from the photo")
            titles = await browser.eval(
                "Array.from(document.querySelectorAll('.buttons button:not([disabled])'))"
                ".map(b => b.textContent)")
            assert titles == ["Đúng", "Không"]
            await browser.tap("Array.from(document.querySelectorAll('.buttons button'))"
                              ".find(b => b.textContent === 'Đúng' && !b.disabled)")
            await browser.wait_for(bot_shows(ASKS_DIGITS), timeout=ANSWER_TIMEOUT,
                                   what="the phone digits asked")
            await browser.type_and_enter(PHONE_DIGITS)
            await browser.wait_for(bot_shows(STATUS), timeout=ANSWER_TIMEOUT,
                                   what="the dossier's status")
            shown = await browser.eval(BOT_TEXTS)
            answer = next(t for t in shown if STATUS in t)
            assert CODE in answer and APPLICANT not in answer
            # the citizen's side of the conversation: the photo, the button's title, the digits
            assert await browser.eval(USER_TEXTS) == ["📷 Ảnh giấy hẹn", "Đúng", PHONE_DIGITS]
        finally:
            await browser.close()

    asyncio.new_event_loop().run_until_complete(scenario())
