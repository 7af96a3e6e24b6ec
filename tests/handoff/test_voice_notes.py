"""A citizen's voice note: the bot cannot listen, so it offers a volunteer; once the ticket is
open (or while one is), the audio reaches the team's Telegram chat with the ticket number.

Telegram and Zalo are the fake servers of fake_servers.py (real HTTP, real wire format); the
channel stories go through the real Telegram and Zalo blueprints, with "Rasa" replaced by a
stand-in that runs the real action_request_human when the citizen presses "Gặp người thật"."""

from __future__ import annotations

import json
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

import httpx
import pytest
from rasa.core.channels.channel import UserMessage, register
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic

from bot.channels import store as channel_store
from bot.channels.telegram import TelegramInput
from bot.channels.zalo import ZaloInput
from bot.handoff import CitizenMedia, get_service, reset_service
from bot.handoff.texts import text
from tests.channels.messaging_fakes import serve_sanic, zalo_signature

from .conftest import (AN, TEAMS_YAML, TELEGRAM_TOKEN, THANH_PHONG_GROUP, ZALO_TOKEN, as_message,
                       make_service, press, run)

SECRET = "voice-secret_2026-0123456789abcdefghijkl"
ZALO_APP_ID = "3482178216594085616"
ZALO_OA_SECRET = "oa-secret-KEY-123"


def media_sent(apis, chat_id: int) -> list[dict]:
    return [dict(c["params"], method=c["method"]) for c in apis.calls("telegram")
            if c["method"] in {"sendVoice", "sendAudio", "sendDocument"}
            and int(c["params"]["chat_id"]) == chat_id]


def claimed_ticket(apis, service, sender: str, channel: str):
    ticket = run(service.open_ticket(sender, channel, "thanh_phong", None,
                                     ["toi muon hoi ve giay to"])).ticket
    post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", AN)))
    return ticket, post


# ------------------------------------------------------------------------ the service alone


def test_a_telegram_voice_note_during_a_hand_off_reaches_the_thread_by_file_id(apis, service):
    ticket, post = claimed_ticket(apis, service, "tg:5551001", "telegram")
    answer = run(service.citizen_media("tg:5551001", "telegram",
                                       CitizenMedia("voice", file_id="AwACAgUAAxkBAAI-voice")))
    assert answer.status == "relayed" and answer.text is None
    voice = media_sent(apis, THANH_PHONG_GROUP)[-1]
    assert voice["method"] == "sendVoice" and voice["voice"] == "AwACAgUAAxkBAAI-voice"
    assert f"phiếu #{ticket.id}" in voice["caption"]
    assert voice["reply_parameters"]["message_id"] == post["message_id"]


def test_a_zalo_voice_note_during_a_hand_off_is_uploaded_to_the_team(apis, service):
    ticket, _ = claimed_ticket(apis, service, "zalo:7001", "zalo")
    answer = run(service.citizen_media("zalo:7001", "zalo", CitizenMedia(
        "voice", url=f"{apis.url}/_media/voice-20000.m4a")))
    assert answer.status == "relayed"
    upload = media_sent(apis, THANH_PHONG_GROUP)[-1]
    assert upload["method"] == "sendAudio"
    assert upload["audio"]["size"] == 20000 and upload["audio"]["filename"].endswith(".m4a")
    assert f"phiếu #{ticket.id}" in upload["caption"]


def test_a_zalo_voice_note_over_the_limit_gets_a_polite_answer_and_is_not_sent(
        apis, settings, clock):
    settings.media_max_bytes = 50_000
    service = make_service(settings, clock)
    ticket, _ = claimed_ticket(apis, service, "zalo:7002", "zalo")
    answer = run(service.citizen_media("zalo:7002", "zalo", CitizenMedia(
        "voice", url=f"{apis.url}/_media/voice-60000.amr")))
    assert answer.status == "refused" and "dài quá (trên 0.05 MB)" in answer.text
    assert apis.zalo_texts("7002")[-1] == answer.text
    assert media_sent(apis, THANH_PHONG_GROUP) == []
    assert f"phiếu #{ticket.id}" in apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]


def test_without_a_ticket_a_volunteer_is_offered_and_the_note_follows_the_ticket(apis, service):
    answer = run(service.citizen_media("tg:5551002", "telegram",
                                       CitizenMedia("voice", file_id="AwAC-waiting")))
    assert answer.status == "offer" and "chưa nghe được tin nhắn thoại" in answer.text
    assert [b["payload"] for b in answer.buttons] == ["/request_human", "/deny"]
    assert media_sent(apis, THANH_PHONG_GROUP) == []       # nothing before the citizen agrees

    ticket = run(service.open_ticket("tg:5551002", "telegram", "thanh_phong", None, [])).ticket
    post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
    voice = media_sent(apis, THANH_PHONG_GROUP)[-1]
    assert voice["voice"] == "AwAC-waiting" and f"phiếu #{ticket.id}" in voice["caption"]
    assert voice["reply_parameters"]["message_id"] == post["message_id"]
    # relayed once: a second ticket later does not bring it again
    run(service.route_citizen_message("tg:5551002", "telegram", "huy"))
    run(service.open_ticket("tg:5551002", "telegram", "thanh_phong", None, []))
    assert len(media_sent(apis, THANH_PHONG_GROUP)) == 1


def test_a_waiting_note_is_forgotten_when_the_citizen_does_not_ask(apis, service, clock,
                                                                   settings):
    run(service.citizen_media("tg:5551003", "telegram", CitizenMedia("voice", file_id="old")))
    clock.advance(settings.media_wait_minutes + 1)
    run(service.run_due())
    run(service.open_ticket("tg:5551003", "telegram", "thanh_phong", None, []))
    assert media_sent(apis, THANH_PHONG_GROUP) == []


def test_without_volunteers_the_channel_keeps_its_text_only_answer(apis, settings, clock):
    settings.telegram_token = None
    service = make_service(settings, clock)
    answer = run(service.citizen_media("zalo:7003", "zalo", CitizenMedia("voice", url="x")))
    assert answer.status == "unavailable"


# ------------------------------------------------------------------- through the channels


@dataclass
class MiniRasa:
    """Stands in for Rasa's Agent: "/request_human" (the offer's button) runs the real
    action_request_human, the citizen having already agreed to the consent question."""

    messages: list[UserMessage] = field(default_factory=list)
    executor: ActionExecutor = field(default_factory=ActionExecutor)

    def __post_init__(self) -> None:
        self.executor.register_package("actions.handoff")

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if message.text != "/request_human":
            await message.output_channel.send_response(message.sender_id, {"text": "(bot)"})
            return
        latest = {"intent": {"name": "request_human", "confidence": 1.0}, "entities": [],
                  "text": message.text}
        result = await self.executor.run({
            "next_action": "action_request_human", "sender_id": message.sender_id,
            "version": "3.6.2", "domain": {},
            "tracker": {"sender_id": message.sender_id,
                        "slots": {"commune": "thanh_phong", "pending_offer": "handoff_consented"},
                        "latest_message": latest, "paused": False, "followup_action": None,
                        "events": [{"event": "user", "timestamp": time.time(), "text": message.text,
                                    "input_channel": message.input_channel,
                                    "parse_data": latest}],
                        "active_loop": {}, "latest_action_name": "action_listen"}})
        for response in result["responses"]:
            await message.output_channel.send_response(
                message.sender_id, {k: v for k, v in response.items() if v})


@pytest.fixture()
def channel_env(apis, tmp_path, monkeypatch):
    teams = tmp_path / "teams.yml"
    teams.write_text(TEAMS_YAML, encoding="utf-8")
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(teams))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", apis.url + "/bot")
    monkeypatch.setenv("ZALO_API_BASE_URL", apis.url)
    monkeypatch.delenv("ZALO_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    reset_service()
    yield apis
    reset_service()
    channel_store.dispose_all()


@dataclass
class Stack:
    http: httpx.AsyncClient
    telegram: TelegramInput
    zalo: ZaloInput
    rasa: MiniRasa

    async def telegram_update(self, update: dict[str, Any]) -> None:
        reply = await self.http.post("/webhooks/telegram/webhook", json=update,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert reply.status_code == 200, reply.text
        await self.telegram.background.wait()

    async def zalo_event(self, user_id: str, event_name: str, message: dict[str, Any]) -> None:
        event = {"app_id": ZALO_APP_ID, "event_name": event_name, "sender": {"id": user_id},
                 "recipient": {"id": "579745863508352884"},
                 "message": {"msg_id": uuid.uuid4().hex, **message},
                 "timestamp": str(int(time.time() * 1000))}
        raw = json.dumps(event).encode("utf-8")
        reply = await self.http.post("/webhooks/zalo/webhook", content=raw, headers={
            "X-ZEvent-Signature": zalo_signature(ZALO_APP_ID, raw, event["timestamp"],
                                                 ZALO_OA_SECRET),
            "Content-Type": "application/json"})
        assert reply.status_code == 200, reply.text
        await self.zalo.background.wait()


@asynccontextmanager
async def stack(apis) -> AsyncIterator[Stack]:
    telegram = TelegramInput(TELEGRAM_TOKEN, SECRET, apis.url + "/bot")
    zalo = ZaloInput(ZALO_APP_ID, ZALO_OA_SECRET, app_secret="app-secret",
                     access_token=ZALO_TOKEN, refresh_token="refresh-0", api_base_url=apis.url,
                     oauth_base_url=apis.url, maintenance=False)
    rasa = MiniRasa()
    app = Sanic(f"dvcbot-voice-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = rasa
    register([telegram, zalo], app, route="/webhooks/")
    async with serve_sanic(app) as url:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            yield Stack(http, telegram, zalo, rasa)
        await get_service().aclose()


_ids = iter(range(50_000, 10**9))


def telegram_voice(chat_id: int, file_id: str) -> dict[str, Any]:
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Bác Năm"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Bác Năm"},
        "voice": {"file_id": file_id, "file_unique_id": "u-" + file_id, "duration": 7,
                  "mime_type": "audio/ogg"}}}


def test_telegram_citizen_voice_note_gets_a_volunteer_and_the_team_hears_it(channel_env):
    apis, citizen = channel_env, 5552001

    async def story():
        async with stack(apis) as s:
            await s.telegram_update(telegram_voice(citizen, "AwACAgUAAxkBAAIvoice1"))
            offer = apis.sent_to(citizen)[-1]
            assert offer["text"] == text("voice_offer")
            assert "chỉ đọc được tin nhắn chữ" not in offer["text"]
            buttons = [row[0] for row in offer["reply_markup"]["inline_keyboard"]]
            assert [b["text"] for b in buttons] == ["Gặp người thật", "Không, tôi gõ chữ"]
            assert s.rasa.messages == [] and media_sent(apis, THANH_PHONG_GROUP) == []

            # the citizen presses "Gặp người thật": the ticket opens, the note follows it
            await s.telegram_update({"update_id": next(_ids), "callback_query": {
                "id": f"cq{next(_ids)}", "chat_instance": "7", "data": buttons[0]["callback_data"],
                "from": {"id": citizen, "is_bot": False, "first_name": "Bác Năm"},
                "message": {"message_id": offer["message_id"], "date": int(time.time()),
                            "chat": {"id": citizen, "type": "private", "first_name": "Bác Năm"},
                            "text": offer["text"]}}})
            assert [m.text for m in s.rasa.messages] == ["/request_human"]
            assert any("tổ tình nguyện viên xã Thạnh Phong" in m["text"]
                       for m in apis.sent_to(citizen))
            post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
            ticket_id = post["reply_markup"]["inline_keyboard"][0][0]["callback_data"][6:]
            voice = media_sent(apis, THANH_PHONG_GROUP)[-1]
            assert voice["method"] == "sendVoice" and voice["voice"] == "AwACAgUAAxkBAAIvoice1"
            assert f"phiếu #{ticket_id}" in voice["caption"]

            # the next voice note goes straight to the thread; the bot stays quiet
            await s.telegram_update(telegram_voice(citizen, "AwACAgUAAxkBAAIvoice2"))
            assert media_sent(apis, THANH_PHONG_GROUP)[-1]["voice"] == "AwACAgUAAxkBAAIvoice2"
            assert len(s.rasa.messages) == 1

    run(story())


def test_zalo_citizen_voice_note_gets_a_volunteer_and_the_team_hears_it(channel_env):
    apis, citizen = channel_env, "6677889900"
    audio = {"attachments": [{"type": "audio", "payload": {
        "url": f"{apis.url}/_media/zalo-voice-12345.m4a"}}]}

    async def story():
        async with stack(apis) as s:
            await s.zalo_event(citizen, "user_send_audio", audio)
            offer = [c["params"]["message"] for c in apis.calls("zalo")
                     if c["params"]["recipient"].get("user_id") == citizen][-1]
            assert offer["text"] == text("voice_offer")
            buttons = offer["attachment"]["payload"]["buttons"]
            assert [b["title"] for b in buttons] == ["Gặp người thật", "Không, tôi gõ chữ"]

            # a tap sends the button's hidden payload back as the citizen's text
            await s.zalo_event(citizen, "user_send_text", {"text": buttons[0]["payload"]})
            assert [m.text for m in s.rasa.messages] == ["/request_human"]
            post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
            ticket_id = post["reply_markup"]["inline_keyboard"][0][0]["callback_data"][6:]
            upload = media_sent(apis, THANH_PHONG_GROUP)[-1]
            assert upload["method"] == "sendAudio" and upload["audio"]["size"] == 12345
            assert f"phiếu #{ticket_id}" in upload["caption"]

    run(story())


def test_a_zalo_voice_note_without_volunteers_still_gets_the_text_only_answer(channel_env,
                                                                              monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    apis = channel_env

    async def story():
        async with stack(apis) as s:
            await s.zalo_event("6677889901", "user_send_audio", {"attachments": [
                {"type": "audio", "payload": {"url": f"{apis.url}/_media/v-10.m4a"}}]})
            answer = apis.calls("zalo")[-1]["params"]["message"]["text"]   # a reply to the note
            assert "chỉ đọc được tin nhắn chữ" in answer
            assert media_sent(apis, THANH_PHONG_GROUP) == []

    run(story())
