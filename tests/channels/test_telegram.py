"""A citizen on Telegram: what reaches the assistant and what Telegram is asked to send.

The channel runs in a Sanic app registered by Rasa's own channel registration; Telegram is a
local fake Bot API server over real HTTP; the "assistant" records each message and answers
through the channel's output, as Rasa's Agent does.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator

import httpx
import pytest

from bot.channels.base import texts
from bot.channels.telegram import TelegramInput
from bot.core.tz import today as vn_today  # entry points are counted per day in Việt Nam
from tests.channels.messaging_fakes import (Collector, FakeTelegramApi, rasa_app, serve_aiohttp,
                                            serve_sanic)

SECRET = "leaflet-secret_2026-0123456789abcdefghij"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
CITIZEN = 424242


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("DVCBOT_MAX_MESSAGE_CHARS", raising=False)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)


@dataclass
class Stack:
    telegram: FakeTelegramApi
    channel: TelegramInput
    assistant: Collector
    http: httpx.AsyncClient

    async def deliver(self, update: dict[str, Any], secret: str | None = SECRET) -> httpx.Response:
        headers = {HEADER: secret} if secret is not None else {}
        reply = await self.http.post("/webhooks/telegram/webhook", json=update, headers=headers)
        await self.channel.background.wait()
        return reply

    def texts_sent(self) -> list[str]:
        return [p["text"] for p in self.telegram.sent("sendMessage")]


def answer_with(*messages: dict[str, Any]):
    async def answer(message):
        for item in messages:
            await message.output_channel.send_response(message.sender_id, dict(item))
    return answer


@asynccontextmanager
async def telegram_stack(answer=None, monkeypatch=None) -> AsyncIterator[Stack]:
    fake = FakeTelegramApi()
    async with serve_aiohttp(fake.app()) as api_url:
        channel = TelegramInput.from_credentials({"token": fake.token,
                                                  "secret_token": "${TELEGRAM_WEBHOOK_SECRET}",
                                                  "api_base_url": api_url + "/bot"})
        assistant = Collector(answer)
        async with serve_sanic(rasa_app(channel, assistant)) as url:
            async with httpx.AsyncClient(base_url=url, timeout=10) as http:
                yield Stack(fake, channel, assistant, http)


def run(coroutine):
    return asyncio.run(coroutine)


# --------------------------------------------------------------------------- secret token


def test_wrong_or_missing_secret_is_refused_and_nothing_reaches_the_assistant():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Chào bạn"})) as s:
            update = s.telegram.text_update(CITIZEN, "lam giay khai sinh can gi")
            missing = await s.deliver(update, secret=None)
            wrong = await s.deliver(update, secret="not-the-secret")
            almost = await s.deliver(update, secret=SECRET + "x")
            assert (missing.status_code, wrong.status_code, almost.status_code) == (401, 403, 403)
            assert s.assistant.messages == []
            assert s.telegram.calls == []
    run(scenario())


def test_a_question_reaches_the_assistant_and_the_answer_reaches_the_chat():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Bạn cần giấy chứng sinh."})) as s:
            reply = await s.deliver(s.telegram.text_update(CITIZEN, "lam giay khai sinh can gi"))
            assert reply.status_code == 200
            [message] = s.assistant.messages
            assert message.text == "lam giay khai sinh can gi"
            assert message.sender_id == f"tg:{CITIZEN}"
            assert message.input_channel == "telegram"
            assert message.metadata == {"channel": "telegram"}
            methods = [c.method for c in s.telegram.calls]
            assert methods[0] == "sendChatAction"  # "typing..." shows before the answer
            assert s.telegram.sent("sendChatAction")[0] == {"chat_id": str(CITIZEN),
                                                           "action": "typing"}
            assert s.telegram.sent("sendMessage") == [{"chat_id": str(CITIZEN),
                                                       "text": "Bạn cần giấy chứng sinh."}]
    run(scenario())


def test_the_same_update_delivered_twice_is_answered_once():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Dạ."})) as s:
            update = s.telegram.text_update(CITIZEN, "cam on")
            first = await s.deliver(update)
            second = await s.deliver(update)
            assert first.json() == {"status": "ok"} and second.json() == {"status": "duplicate"}
            assert len(s.assistant.messages) == 1
            assert s.texts_sent() == ["Dạ."]
    run(scenario())


def test_a_group_chat_is_ignored():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Dạ."})) as s:
            update = s.telegram.text_update(-100123, "xin chao",
                                            chat={"id": -100123, "type": "group", "title": "Tổ"})
            assert (await s.deliver(update)).status_code == 200
            assert s.assistant.messages == [] and s.telegram.calls == []
    run(scenario())


# --------------------------------------------------------------------------- answers


def test_a_9000_character_answer_arrives_as_three_messages_under_telegrams_limit():
    paragraph = ("Hồ sơ gồm tờ khai theo mẫu, giấy chứng sinh và giấy tờ tùy thân của người đi "
                 "đăng ký. ") * 10
    long_answer = "\n\n".join([paragraph.strip()] * 11)[:9000]
    assert len(long_answer) == 9000

    async def scenario():
        async with telegram_stack(answer_with({"text": long_answer})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "khai sinh can gi"))
            pieces = s.texts_sent()
            assert len(pieces) == 3
            assert all(len(p.encode("utf-16-le")) // 2 < 4096 for p in pieces)
            # cut between paragraphs: nothing lost, nothing cut in the middle of a sentence
            assert "\n\n".join(pieces) == long_answer.strip()
            assert all(p.endswith("ký.") for p in pieces[:-1])
    run(scenario())


def test_buttons_become_an_inline_keyboard_with_short_callback_data():
    long_payload = '/ask_documents{"procedure": "xac_nhan_hon_nhan", "commune": "Thạnh Phong"}'
    assert len(long_payload.encode()) > 64
    buttons = [{"title": "Gặp người thật", "payload": "/request_human"},
               {"title": "Xác nhận tình trạng hôn nhân", "payload": long_payload}]

    async def scenario():
        async with telegram_stack(answer_with({"text": "Bạn muốn gì?", "buttons": buttons})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "giup toi"))
            [sent] = s.telegram.sent("sendMessage")
            keyboard = sent["reply_markup"]["inline_keyboard"]
            assert [row[0]["text"] for row in keyboard] == ["Gặp người thật",
                                                             "Xác nhận tình trạng hôn nhân"]
            data = [row[0]["callback_data"] for row in keyboard]
            # intents travel as opaque keys the server issued, never as Rasa's syntax
            assert all(d.startswith("k:") and len(d.encode()) <= 64 for d in data)
            assert data[0] != data[1]

            # The citizen taps the second button: the assistant gets the full payload.
            tap = s.telegram.button_update(CITIZEN, data[1], message_id=1000)
            await s.deliver(tap)
            assert s.assistant.messages[-1].text == long_payload
            assert s.assistant.messages[-1].metadata == {"channel": "telegram", "button": True}
            assert s.telegram.sent("answerCallbackQuery") == [
                {"callback_query_id": tap["callback_query"]["id"]}]
            [edit] = s.telegram.sent("editMessageReplyMarkup")
            assert edit["chat_id"] == str(CITIZEN) and edit["message_id"] == "1000"
            assert "reply_markup" not in edit  # the buttons are taken away
    run(scenario())


def test_a_long_button_payload_survives_a_restart():
    payload = "/ask_fee{\"procedure\": \"chung_thuc_ban_sao\", \"note\": \"" + "x" * 60 + "\"}"

    async def scenario():
        async with telegram_stack(answer_with({"text": "Chọn:", "buttons": [
                {"title": "Lệ phí chứng thực", "payload": payload}]})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "chung thuc"))
            key = s.telegram.sent("sendMessage")[0]["reply_markup"]["inline_keyboard"][0][0][
                "callback_data"]
        async with telegram_stack() as s:  # a new server process, same database
            await s.deliver(s.telegram.button_update(CITIZEN, key))
            assert s.assistant.messages[0].text == payload
            await s.deliver(s.telegram.button_update(CITIZEN, "k:unknownkey000000"))
            assert s.texts_sent() == [texts()["button_expired"]]
            assert len(s.assistant.messages) == 1
    run(scenario())


# --------------------------------------------------------------------------- commands and menu


def test_start_with_a_leaflet_payload_greets_with_the_entry_point():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Chào bạn!"})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "/start"))
            first = s.assistant.messages[0]
            assert first.text == "/greet"
            assert first.metadata["entry_point"] == {"source": None, "commune": None,
                                                     "team": None, "channel": "telegram"}
            # the greeting, then the menu keyboard
            sent = s.telegram.sent("sendMessage")
            assert sent[0]["text"] == "Chào bạn!"
            assert sent[1]["text"] == texts()["menu_hint"]
            labels = [row[0]["text"] for row in sent[1]["reply_markup"]["keyboard"]]
            assert labels == [item["label"] for item in texts()["menu"]]
    run(scenario())


def test_a_leaflet_deep_link_carries_source_commune_and_team_and_is_counted():
    from bot.entry_points import entry_counts, make_payload
    payload = make_payload("leaflet-2026", "thanh_phong", "doan-tn", "telegram")

    async def scenario():
        async with telegram_stack(answer_with({"text": "Chào bạn!"})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, f"/start {payload}"))
            await s.deliver(s.telegram.text_update(CITIZEN + 1, "/start not-a-payload!"))
            first, second = s.assistant.messages
            assert first.text == second.text == "/greet"
            assert first.metadata["entry_point"] == {"source": "leaflet-2026",
                                                     "commune": "thanh_phong",
                                                     "team": "doan-tn", "channel": "telegram"}
            assert second.metadata["entry_point"] == {"source": None, "commune": None,
                                                      "team": None, "channel": "telegram"}
    run(scenario())
    [row] = entry_counts(vn_today())
    assert (row["source"], row["commune"], row["team"], row["channel"], row["count"]) == \
        ("leaflet-2026", "thanh_phong", "doan-tn", "telegram", 1)


def test_help_shows_the_help_text_and_menu_without_bothering_the_assistant():
    async def scenario():
        async with telegram_stack(answer_with({"text": "không được gọi"})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "/help"))
            await s.deliver(s.telegram.text_update(CITIZEN, "❓ Hướng dẫn"))
            assert s.assistant.messages == []
            sent = s.telegram.sent("sendMessage")
            assert [m["text"] for m in sent] == [texts()["help"]] * 2
            assert sent[0]["reply_markup"]["is_persistent"] is True
    run(scenario())


def test_huy_cancels_the_current_question():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Dạ vâng."})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "/huy"))
            [message] = s.assistant.messages
            assert message.text == "/deny"
            assert message.metadata == {"channel": "telegram", "command": "cancel"}
    run(scenario())


def test_a_menu_button_sends_its_intent():
    async def scenario():
        async with telegram_stack(answer_with({"text": "Mã hồ sơ của bạn là gì?"})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "🔎 Tra cứu hồ sơ"))
            [message] = s.assistant.messages
            assert message.text == "/check_dossier_status"
            assert message.metadata == {"channel": "telegram", "menu": True}
    run(scenario())


def test_a_citizen_cannot_trigger_restart_or_external_events_by_typing_them():
    async def scenario():
        async with telegram_stack() as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "/restart"))
            await s.deliver(s.telegram.text_update(CITIZEN, "/EXTERNAL_dossier_status_changed"))
            await s.deliver(s.telegram.text_update(CITIZEN, "/ask_fee"))
            # typed text is words, never an intent (tests/channels/test_intent_syntax.py)
            assert [m.text for m in s.assistant.messages] == [
                "restart", "EXTERNAL_dossier_status_changed", "ask_fee"]
    run(scenario())


# --------------------------------------------------------------------------- abuse


def test_a_sticker_or_voice_note_gets_the_text_only_answer_and_a_captioned_photo_is_read():
    photo = [{"file_id": "AgAD", "file_unique_id": "u1", "width": 90, "height": 90}]

    async def scenario():
        async with telegram_stack(answer_with({"text": "Hồ sơ đang xử lý."})) as s:
            sticker = {"file_id": "CAAC", "file_unique_id": "s1", "width": 512, "height": 512,
                       "is_animated": False, "is_video": False, "type": "regular"}
            await s.deliver(s.telegram.text_update(CITIZEN, None, sticker=sticker))
            await s.deliver(s.telegram.text_update(CITIZEN, None, voice={
                "file_id": "AwAC", "file_unique_id": "v1", "duration": 3}))
            assert s.assistant.messages == []
            assert s.texts_sent() == [texts()["non_text"]] * 2

            caption = "ho so 000.00.12.H05-211020-0001 toi dau roi"
            await s.deliver(s.telegram.text_update(CITIZEN, None, photo=photo, caption=caption))
            assert [m.text for m in s.assistant.messages] == [caption]
    run(scenario())


def test_an_oversized_message_gets_a_clear_answer(monkeypatch):
    monkeypatch.setenv("DVCBOT_MAX_MESSAGE_CHARS", "300")

    async def scenario():
        async with telegram_stack(answer_with({"text": "không được gọi"})) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "a" * 301))
            assert s.assistant.messages == []
            [answer] = s.texts_sent()
            assert "301" in answer and "300" in answer
            await s.deliver(s.telegram.text_update(CITIZEN, "a" * 300))
            assert len(s.assistant.messages) == 1
    run(scenario())


def test_a_flood_gets_one_polite_answer_then_silence(monkeypatch):
    monkeypatch.setenv("DVCBOT_RATE_LIMIT_PER_MINUTE", "3")

    async def scenario():
        async with telegram_stack(answer_with({"text": "Dạ."})) as s:
            for i in range(6):
                await s.deliver(s.telegram.text_update(CITIZEN, f"cau hoi {i}"))
            assert [m.text for m in s.assistant.messages] == ["cau hoi 0", "cau hoi 1",
                                                              "cau hoi 2"]
            assert s.texts_sent() == ["Dạ."] * 3 + [texts()["rate_limited"]]
            # another citizen is not affected
            await s.deliver(s.telegram.text_update(CITIZEN + 1, "xin chao"))
            assert s.assistant.messages[-1].sender_id == f"tg:{CITIZEN + 1}"
    run(scenario())


def test_updates_from_one_chat_are_handled_in_order():
    async def slow_answer(message):
        await asyncio.sleep(1.0 if message.text == "mot" else 0)
        await message.output_channel.send_response(message.sender_id, {"text": message.text})

    async def scenario():
        async with telegram_stack(slow_answer) as s:
            for text in ("mot", "hai", "ba"):  # each acknowledged at once, handled later
                reply = await s.http.post("/webhooks/telegram/webhook", headers={HEADER: SECRET},
                                          json=s.telegram.text_update(CITIZEN, text))
                assert reply.status_code == 200
            assert s.texts_sent() == []  # "mot" is still being answered
            await s.channel.background.wait()
            assert s.texts_sent() == ["mot", "hai", "ba"]
    run(scenario())


def test_the_channel_refuses_to_start_without_a_usable_secret(monkeypatch):
    from rasa.shared.exceptions import RasaException
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET")
    with pytest.raises(RasaException, match="TELEGRAM_WEBHOOK_SECRET"):
        TelegramInput.from_credentials({"token": "1:x"})
    with pytest.raises(RasaException, match="A-Z a-z 0-9"):
        TelegramInput.from_credentials({"token": "1:x", "secret_token": "có dấu"})


# --------------------------------------------------------------------------- splitting


def test_splitting_prefers_sentences_and_counts_emoji_as_telegram_does():
    from bot.messaging.split import split_text, utf16_len
    text = "Câu một rất dài. Câu hai cũng dài! Câu ba? Câu bốn."
    assert split_text(text, 20) == ["Câu một rất dài.", "Câu hai cũng dài!", "Câu ba? Câu bốn."]
    emoji = "📄" * 10  # 10 characters, 20 UTF-16 units
    assert split_text(emoji, 10, utf16_len) == ["📄" * 5, "📄" * 5]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_text("   ", 10) == []


def test_a_short_webhook_secret_is_refused_at_start():
    from bot.channels.base import ConfigError

    with pytest.raises(ConfigError, match="32-256"):
        TelegramInput("123:abc", "a" * 31)


def test_an_authenticated_update_that_cannot_be_read_is_acknowledged_not_resent():
    async def scenario():
        async with telegram_stack(answer_with({"text": "x"})) as s:
            reply = await s.deliver({"update_id": 77, "message": "not an object"})
            return reply, s.assistant.messages

    reply, received = run(scenario())
    assert reply.status_code == 200 and received == []


def test_an_assistant_that_takes_too_long_gets_the_citizen_a_polite_busy_answer(monkeypatch):
    monkeypatch.setenv("DVCBOT_TURN_TIMEOUT_SECONDS", "1")

    async def stuck(message):
        await asyncio.Event().wait()   # never answers

    async def scenario():
        async with telegram_stack(stuck) as s:
            await s.deliver(s.telegram.text_update(CITIZEN, "lệ phí khai sinh"))
            return s.texts_sent()

    assert run(scenario()) == [texts()["busy"]]


def test_one_chat_flooding_updates_is_acknowledged_but_not_queued_without_end(monkeypatch):
    from bot.channels.telegram import MAX_QUEUED_PER_CHAT

    monkeypatch.setenv("DVCBOT_RATE_LIMIT_PER_MINUTE", "0")   # the queue cap, not the rate limit

    release = asyncio.Event()

    async def slow(message):
        await release.wait()

    async def scenario():
        async with telegram_stack(slow) as s:
            replies = [await s.http.post("/webhooks/telegram/webhook",
                                         json=s.telegram.text_update(CITIZEN, f"tin {i}"),
                                         headers={HEADER: SECRET}) for i in range(MAX_QUEUED_PER_CHAT + 10)]
            other = await s.http.post("/webhooks/telegram/webhook",
                                      json=s.telegram.text_update(CITIZEN + 1, "xin chào"),
                                      headers={HEADER: SECRET})
            release.set()
            await s.channel.background.wait()
            return replies, other, [m.sender_id for m in s.assistant.messages]

    replies, other, senders = run(scenario())
    assert all(r.status_code == 200 for r in replies) and other.status_code == 200
    assert senders.count(f"tg:{CITIZEN}") == MAX_QUEUED_PER_CHAT
    assert senders.count(f"tg:{CITIZEN + 1}") == 1     # another citizen is not affected
