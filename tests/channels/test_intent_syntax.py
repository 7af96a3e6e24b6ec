"""Citizen text never reaches Rasa's intent syntax (H4 and M13 of the security review).

Rasa reads a message that begins with "/" as `/<intent>{<entities JSON>}`. On every channel
(REST, Telegram, Zalo, web chat) a citizen types such a line; what the channel hands to Rasa is
then read by Rasa's own parser (YAMLStoryReader.unpack_regex_message with the project's
domain.yml, as the RegexMessageHandler of every pipeline does): it must come out as plain
text, with no intent and no entities set by the citizen. A button the server issued still
carries its intent, so a typed `/ask_fee{...}` and a pressed button are never confused.
"""

from __future__ import annotations

import asyncio
import json
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import httpx
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from bot.channels.webchat import WebChatInput
from tests.channels import test_telegram, test_zalo
from tests.channels.messaging_fakes import Collector, rasa_app, serve_sanic
from tests.channels.test_rest import TOKEN, bearer, rest_stack

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(REPO / "domain.yml"))

NOTIFICATION = '/EXTERNAL_dossier_status_changed{"dossier_code":"000.00.99.H99-250701-0002"}'
FEE = '/ask_fee{"procedure":"ket_hon"}'
ATTACKS = [NOTIFICATION, FEE, "/ask_fee", "//ask_fee", " /ask_fee", "/ ask_fee",
           '/greet{"dossier_code":"000.00.99.H99-250701-0002"}', "/restart", "/session_start"]
CHANNELS = ["rest", "telegram", "zalo", "webchat"]
FEE_BUTTON = {"title": "Lệ phí kết hôn", "payload": FEE}


def rasa_reads(text: str) -> tuple[str | None, list[dict[str, Any]]]:
    """(intent, entities) Rasa's regex message handler takes from `text`."""
    message = YAMLStoryReader.unpack_regex_message(Message({"text": text}), DOMAIN)
    return message.get("intent", {}).get("name") if message.get("intent") else None, \
        message.get("entities") or []


async def offer_fee_button(message) -> None:
    if message.text.startswith("/"):   # a pressed button: say which one
        await message.output_channel.send_text_message(message.sender_id, "nút đã bấm")
        return
    await message.output_channel.send_text_with_buttons(message.sender_id, "Bạn chọn:",
                                                        [FEE_BUTTON])


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(tmp_path / "teams.yml"))
    monkeypatch.setenv("DVCBOT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DVCBOT_RATE_LIMIT_PER_MINUTE", "0")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", test_telegram.SECRET)
    for name, value in (("ZALO_APP_ID", test_zalo.APP_ID), ("ZALO_OA_SECRET_KEY", test_zalo.OA_SECRET),
                        ("ZALO_APP_SECRET", test_zalo.APP_SECRET), ("ZALO_ACCESS_TOKEN", "access-0"),
                        ("ZALO_REFRESH_TOKEN", "refresh-0")):
        monkeypatch.setenv(name, value)


class Citizen:
    """One citizen on one channel: types texts, presses the buttons it was shown."""

    def __init__(self, channel: str, stack: Any, assistant: Collector, http: httpx.AsyncClient):
        self.channel, self.stack, self.assistant, self.http = channel, stack, assistant, http
        self.buttons: list[str] = []   # what pressing each shown button sends back

    async def type(self, text: str) -> None:
        if self.channel == "telegram":
            await self.stack.deliver(self.stack.telegram.text_update(test_telegram.CITIZEN, text))
            for sent in self.stack.telegram.sent("sendMessage"):
                for row in (sent.get("reply_markup") or {}).get("inline_keyboard") or []:
                    self.buttons.append(row[0]["callback_data"])
        elif self.channel == "zalo":
            await self.stack.deliver(test_zalo.text_event(text))
            for body in self.stack.zalo.sent:
                for item in ((body["message"].get("attachment") or {}).get("payload") or {}).get(
                        "buttons") or []:
                    self.buttons.append(item["payload"])
        else:
            path = "/webhooks/rest/webhook" if self.channel == "rest" else "/webhooks/webchat/webhook"
            body: dict[str, Any] = {"sender": "kiosk-1", "message": text}
            if self.channel == "webchat":
                body.update(await self.stack.session(self.http))
            reply = await self.http.post(path, json=body,
                                         headers=bearer(TOKEN) if self.channel == "rest" else {})
            assert reply.status_code == 200, reply.text
            for message in reply.json():
                self.buttons += [b["payload"] for b in message.get("buttons") or []]

    async def press(self, index: int = 0) -> None:
        if self.channel == "telegram":
            await self.stack.deliver(self.stack.telegram.button_update(test_telegram.CITIZEN,
                                                                       self.buttons[index]))
        else:
            await self.type(self.buttons[index])

    def handed_to_rasa(self) -> list[str]:
        return [m.text for m in self.assistant.messages]


class WebChatStack:
    """The web chat blueprint as Rasa registers it; `session` is what the page holds."""

    def __init__(self) -> None:
        self.signed: str | None = None

    async def session(self, http: httpx.AsyncClient) -> dict[str, Any]:
        if self.signed is None:
            page = (await http.get("/webhooks/webchat/")).text
            self.signed = re.search(r'name="dvcbot-session" content="([^"]+)"', page).group(1)
        return {"session": self.signed}


@asynccontextmanager
async def citizen_on(channel: str, answer=None) -> AsyncIterator[Citizen]:
    if channel == "rest":
        async with rest_stack() as (http, assistant):
            assistant.answer = answer
            yield Citizen(channel, None, assistant, http)
    elif channel == "telegram":
        async with test_telegram.telegram_stack(answer) as stack:
            yield Citizen(channel, stack, stack.assistant, stack.http)
    elif channel == "zalo":
        async with test_zalo.zalo_stack(answer) as stack:
            yield Citizen(channel, stack, stack.assistant, stack.http)
    else:
        assistant = Collector(answer)
        async with serve_sanic(rasa_app(WebChatInput(rate_limit_per_minute=0), assistant)) as url:
            async with httpx.AsyncClient(base_url=url, timeout=10) as http:
                yield Citizen(channel, WebChatStack(), assistant, http)


@pytest.mark.parametrize("channel", CHANNELS)
def test_typed_intent_syntax_reaches_rasa_as_plain_text(channel):
    async def scenario():
        async with citizen_on(channel) as citizen:
            for text in ATTACKS:
                await citizen.type(text)
            return citizen.handed_to_rasa()

    handed = asyncio.run(scenario())
    assert handed, "the citizen's messages reach the assistant"
    for text in handed:
        assert rasa_reads(text) == (None, []), f"{channel}: Rasa reads {text!r} as an intent"
    # the words stay (the NLU reads them like any typed text)
    assert any("ket_hon" in text for text in handed)


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_pressed_button_keeps_its_intent_and_typing_its_payload_does_not(channel):
    async def scenario():
        async with citizen_on(channel, offer_fee_button) as citizen:
            await citizen.type("lệ phí")
            assert citizen.buttons, f"{channel}: no button shown"
            shown = citizen.buttons[0]
            await citizen.press(0)
            await citizen.type(FEE)          # the same payload, typed
            return shown, citizen.handed_to_rasa()

    shown, handed = asyncio.run(scenario())
    assert FEE not in shown and "ask_fee" not in shown   # the button carries an opaque key
    intent, entities = rasa_reads(handed[1])
    assert intent == "ask_fee"
    assert [(e["entity"], e["value"]) for e in entities] == [("procedure", "ket_hon")]
    assert rasa_reads(handed[2]) == (None, [])


@pytest.mark.parametrize("channel", ["telegram", "zalo", "webchat", "rest"])
def test_a_forged_button_key_is_not_an_intent(channel):
    async def scenario():
        async with citizen_on(channel, offer_fee_button) as citizen:
            citizen.buttons = ["k:AAAAAAAAAAAAAAAA"]   # a key the server never issued
            await citizen.press(0)
            return citizen.handed_to_rasa()

    for text in asyncio.run(scenario()):
        assert rasa_reads(text) == (None, [])
