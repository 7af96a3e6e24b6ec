"""A dossier notification reaches the citizen on the channel they used: Telegram, Zalo or the
web chat page.

The dossier poller calls Rasa's `POST /conversations/<id>/trigger_intent?output_channel=<name>`;
Rasa then picks the output with `rasa.server._get_output_channel` among the registered input
channels (`get_output_channel()`), and the bot's message goes out through it. Here the channels
are registered by Rasa's own `register` in a Sanic app, and a small route in place of Rasa's
trigger_intent endpoint (no model needed) does exactly that: Rasa's own `_get_output_channel` on
the real request, then `send_response` with the rendered text, answering like Rasa does
(`messages` only for a collecting output). The poller's own `RasaNotifier` makes the call.
Telegram and Zalo are the local fakes of messaging_fakes.py (real HTTP, real JSON).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator

import httpx
import pytest
from rasa.core.channels.channel import CollectingOutputChannel, register
from rasa.server import _get_output_channel
from sanic import Sanic, response

from actions.portal.poller import RasaNotifier
from actions.portal.subscriptions import Notification
from bot.channels import store as channel_store
from bot.channels.telegram import TelegramInput
from bot.channels.webchat import WebChatInput
from bot.channels.zalo import ZaloInput
from bot.messaging.outbox import Outbox
from bot.handoff import reset_service
from tests.channels.messaging_fakes import (Collector, FakeTelegramApi, FakeZaloApi, serve_aiohttp,
                                            serve_sanic, zalo_signature)

SECRET = "notify-secret_2026-0123456789abcdefghij"
APP_ID = "3482178216594085616"
OA_SECRET = "oa-secret-KEY-123"
APP_SECRET = "app-secret-456"
CODE = "000.00.12.H05-211020-0001"


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(tmp_path / "no-teams.yml"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    reset_service()
    yield
    reset_service()
    channel_store.dispose_all()


def rendered(body: dict[str, Any]) -> str:
    """What action_notify_dossier_change would say (the wording is not under test here)."""
    entities = body.get("entities") or {}
    return f"Hồ sơ {entities.get('code')} vừa chuyển sang: {entities.get('status')}."


def rasa_like_app(channels: list[Any], agent: Collector) -> Sanic:
    app = Sanic(f"dvcbot-notify-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = agent
    app.ctx.conversation_ids = []                 # the conversation each call went to
    register(channels, app, route="/webhooks/")   # sets app.ctx.input_channels, as Rasa does

    @app.post("/conversations/<conversation_id:path>/trigger_intent")   # Rasa's route
    async def trigger_intent(request, conversation_id: str):
        app.ctx.conversation_ids.append(conversation_id)
        output = _get_output_channel(request, None)   # Rasa's own choice of output channel
        await output.send_response(conversation_id, {"text": rendered(request.json)})
        body: dict[str, Any] = {"tracker": {"sender_id": conversation_id}}
        if isinstance(output, CollectingOutputChannel):
            body["messages"] = output.messages
        return response.json(body)

    return app


def notification(sender_id: str, channel: str) -> Notification:
    return Notification(id=7, sender_id=sender_id, channel=channel, code=CODE, kind="status",
                        status_text="Đã có kết quả", status_key="done", procedure="khai_sinh",
                        appointment_date=None, final=True, attempts=0)


@dataclass
class Stack:
    telegram_api: FakeTelegramApi
    zalo_api: FakeZaloApi
    zalo: ZaloInput
    http: httpx.AsyncClient
    notifier: RasaNotifier
    conversation_ids: list[str]

    async def zalo_says(self, user_id: str, text: str) -> None:
        event = {"app_id": APP_ID, "event_name": "user_send_text", "sender": {"id": user_id},
                 "recipient": {"id": "579745863508352884"},
                 "message": {"msg_id": uuid.uuid4().hex, "text": text},
                 "timestamp": str(int(time.time() * 1000))}
        raw = json.dumps(event, ensure_ascii=False).encode("utf-8")
        reply = await self.http.post("/webhooks/zalo/webhook", content=raw, headers={
            "X-ZEvent-Signature": zalo_signature(APP_ID, raw, event["timestamp"], OA_SECRET),
            "Content-Type": "application/json"})
        assert reply.status_code == 200
        await self.zalo.background.wait()


@asynccontextmanager
async def stack() -> AsyncIterator[Stack]:
    telegram_api = FakeTelegramApi()
    zalo_api = FakeZaloApi(APP_ID, APP_SECRET, "access-0", "refresh-0")
    async with serve_aiohttp(telegram_api.app()) as tg_url, \
            serve_aiohttp(zalo_api.app()) as zalo_url:
        telegram = TelegramInput(telegram_api.token, SECRET, tg_url + "/bot")
        zalo = ZaloInput(APP_ID, OA_SECRET, APP_SECRET, access_token="access-0",
                         refresh_token="refresh-0", api_base_url=zalo_url,
                         oauth_base_url=zalo_url, maintenance=False)
        app = rasa_like_app([telegram, zalo, WebChatInput()], Collector())
        async with serve_sanic(app) as url:
            notifier = RasaNotifier(url)
            async with httpx.AsyncClient(base_url=url, timeout=10) as http:
                try:
                    yield Stack(telegram_api, zalo_api, zalo, http, notifier,
                                app.ctx.conversation_ids)
                finally:
                    await notifier.aclose()


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_telegram_citizen_gets_the_notification_in_their_chat():
    async def scenario():
        async with stack() as s:
            result = await s.notifier.send(notification("tg:424242", "telegram"))
            assert result.ok and result.collected == 0   # pushed, not handed back to the poller
            assert s.telegram_api.sent("sendMessage") == [{
                "chat_id": "424242",
                "text": f"Hồ sơ {CODE} vừa chuyển sang: Đã có kết quả."}]
    run(scenario())


def test_a_zalo_citizen_gets_the_notification_even_when_the_access_token_expired():
    async def scenario():
        async with stack() as s:
            s.zalo_api.expire_all_access_tokens()
            result = await s.notifier.send(notification("zalo:2512523625412515", "zalo"))
            assert result.ok and result.collected == 0
            assert len(s.zalo_api.refreshes) == 1          # refreshed once, then sent
            [sent] = s.zalo_api.sent
            assert sent["recipient"] == {"user_id": "2512523625412515"}   # proactive: by user id
            assert sent["message"]["text"] == f"Hồ sơ {CODE} vừa chuyển sang: Đã có kết quả."
    run(scenario())


def test_a_zalo_notification_zalo_refuses_for_the_window_is_dropped_not_kept_for_later(caplog):
    async def scenario():
        async with stack() as s:
            s.zalo_api.errors = [-230]                   # no interaction for 7 days
            result = await s.notifier.send(notification("zalo:77001", "zalo"))
            assert result.ok and s.zalo_api.sent == []
            assert Outbox().all("pending") == []         # not parked: it would arrive stale

            await s.zalo_says("77001", "chao ban")
            texts = [b["message"]["text"] for b in s.zalo_api.sent]
            assert not any(CODE in t for t in texts)     # no old notice when the citizen writes
    run(scenario())
    assert "proactive message to" in caplog.text and "dropped" in caplog.text
    assert "77001" not in caplog.text


async def web_session(http) -> str:
    """The signed session a web chat page load carries (meta dvcbot-session)."""
    page = (await http.get("/webhooks/webchat/")).text
    return re.search(r'name="dvcbot-session" content="([^"]+)"', page).group(1)


def test_a_web_chat_citizen_gets_the_notification_from_the_page_outbox():
    async def scenario():
        async with stack() as s:
            session = await web_session(s.http)
            page = session.split(".")[0]
            result = await s.notifier.send(notification(page, "webchat"))
            assert result.ok and result.collected == 0
            fetched = (await s.http.post("/webhooks/webchat/outbox", json={"session": session})).json()
            assert [m["text"] for m in fetched] == [f"Hồ sơ {CODE} vừa chuyển sang: Đã có kết quả."]
            # a page whose answer got lost on the way asks again: the text is still there
            lost = (await s.http.post("/webhooks/webchat/outbox", json={"session": session})).json()
            assert lost == fetched
            # once the page says it showed it, it is gone
            ack = [m["outbox_id"] for m in fetched]
            again = await s.http.post("/webhooks/webchat/outbox", json={"session": session, "ack": ack})
            assert again.json() == []
            other = await s.http.post("/webhooks/webchat/outbox",
                                      json={"session": await web_session(s.http)})
            assert other.json() == []
    run(scenario())


def test_a_web_chat_notification_waiting_comes_with_the_next_answer():
    async def scenario():
        async with stack() as s:
            session = await web_session(s.http)
            await s.notifier.send(notification(session.split(".")[0], "webchat"))
            reply = await s.http.post("/webhooks/webchat/webhook",
                                      json={"session": session, "message": "xin chao"})
            assert reply.status_code == 200
            assert reply.json()[-1]["text"] == f"Hồ sơ {CODE} vừa chuyển sang: Đã có kết quả."
    run(scenario())


def test_rasa_runs_the_notification_in_the_citizens_own_conversation():
    async def scenario():
        async with stack() as s:
            await s.notifier.send(notification("tg:424242", "telegram"))
            assert s.conversation_ids == ["tg:424242"]
    run(scenario())


def test_a_notification_keeps_the_procedure_the_citizen_was_asking_about():
    """"còn lệ phí thì sao?" after a notice still means the procedure asked before: Rasa's own
    slot extraction (the domain's mappings) on the notification the poller sends."""
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from actions.dossier import render_notification

    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker.from_events("tg:424242", [SlotSet("procedure", "khai_sinh")],
                                               slots=domain.slots)
    sent = Notification(id=8, sender_id="tg:424242", channel="telegram", code=CODE,
                        kind="changed", status_text="Đang xử lý", status_key="in_progress",
                        procedure="Đăng ký kết hôn", appointment_date=None, final=False,
                        attempts=0).entities()
    tracker.update(UserUttered.create_external(
        "EXTERNAL_dossier_status_changed", [{"entity": k, "value": v} for k, v in sent.items()]),
        domain)
    events = asyncio.run(ActionExtractSlots(None).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker,
        domain))
    assert [e for e in events if isinstance(e, SlotSet) and e.key == "procedure"] == []
    assert "Đăng ký kết hôn" in render_notification(sent)   # the notice still names it
