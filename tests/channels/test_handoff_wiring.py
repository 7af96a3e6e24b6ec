"""A citizen asks for a person on Zalo, the web chat or Telegram; volunteers answer from their
Telegram group; the citizen gets the bot back with /xong and rates the help.

Everything goes through the REAL channel blueprints (Telegram, Zalo, web chat) mounted by Rasa's
own channel registration in one Sanic app, as `rasa run` does. Telegram and Zalo are the fake
servers of tests/handoff/fake_servers.py in another process (real HTTP, real wire format); the
tickets, the web chat outbox and the Zalo tokens live in a real SQLite file. Rasa's Agent is
stood in for by `MiniRasa`: it records every message that reaches it and, for "người thật",
runs the real `action_request_human` through rasa-sdk's executor with the tracker Rasa would
send (sender id and input channel as the channel gave them), answering through the channel's
output like Rasa does. Anything else gets a canned "(bot)" answer.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator, Optional

import httpx
import pytest
from rasa.core.channels.channel import UserMessage
from rasa_sdk.executor import ActionExecutor

from bot.channels import store as channel_store
from bot.channels.telegram import TelegramInput
from bot.channels.webchat import WebChatInput
from bot.channels.zalo import ZaloInput
from bot.handoff import get_service, reset_service
from bot.handoff.store import CLAIMED, CLOSED
from bot.paths import REPO_ROOT
from bot.core.text import fold
from rasa.core.channels.channel import register
from sanic import Sanic

from tests.channels.messaging_fakes import serve_sanic, zalo_signature

TELEGRAM_TOKEN = "123456:TEST-token"
ZALO_TOKEN = "zalo-access-token"
SECRET = "wiring-secret_2026-0123456789abcdefghij"
ZALO_APP_ID = "3482178216594085616"
ZALO_OA_SECRET = "oa-secret-KEY-123"
FAKE_SERVERS = REPO_ROOT / "tests" / "handoff" / "fake_servers.py"

GROUP = -1001000000111           # xã Thạnh Phong's volunteer group
AN, BINH, STRANGER = 111111111, 222222222, 999999999
TEAMS_YAML = f"""\
communes:
  thanh_phong:
    group_chat_id: {GROUP}
    members:
      - name: Nguyễn Văn An
        role: volunteer
        telegram_id: {AN}
      - name: Trần Thị Bình
        role: volunteer
        telegram_id: {BINH}
"""


# --------------------------------------------------------------------------- fake servers


class FakeApis:
    def __init__(self, process: subprocess.Popen, port: int):
        self.process = process
        self.url = f"http://127.0.0.1:{port}"

    async def calls(self, api: Optional[str] = None, method: Optional[str] = None) -> list[dict]:
        async with httpx.AsyncClient(timeout=10) as client:
            found = (await client.get(self.url + "/_calls")).json()
        return [c for c in found if (api is None or c["api"] == api)
                and (method is None or c["method"] == method)]

    async def sent_to(self, chat_id: int) -> list[dict]:
        """Messages the bot sent to a Telegram chat (fields as sent, plus the message_id)."""
        return [dict(c["params"], message_id=c["message_id"])
                for c in await self.calls("telegram", "sendMessage")
                if int(c["params"]["chat_id"]) == chat_id and "message_id" in c]

    async def zalo_texts(self, user_id: str) -> list[str]:
        """Texts Zalo accepted for a user (sent by user id with the valid token)."""
        return [c["params"]["message"]["text"] for c in await self.calls("zalo")
                if (c["params"].get("recipient") or {}).get("user_id") == user_id
                and c.get("access_token") == ZALO_TOKEN]

    async def callback_answers(self) -> list[str]:
        return [c["params"].get("text", "") for c in
                await self.calls("telegram", "answerCallbackQuery")]

    def reset(self) -> None:
        httpx.post(self.url + "/_reset", timeout=10)


@pytest.fixture(scope="module")
def fake_apis():
    process = subprocess.Popen(
        [sys.executable, str(FAKE_SERVERS), "--port", "0", "--telegram-token", TELEGRAM_TOKEN,
         "--zalo-token", ZALO_TOKEN],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO_ROOT)
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise RuntimeError(f"fake servers did not start: {line}")
    yield FakeApis(process, int(line.split()[1]))
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture()
def apis(fake_apis: FakeApis, tmp_path: Path, monkeypatch) -> FakeApis:
    fake_apis.reset()
    teams = tmp_path / "teams.yml"
    teams.write_text(TEAMS_YAML, encoding="utf-8")
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(teams))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_apis.url + "/bot")
    monkeypatch.setenv("ZALO_API_BASE_URL", fake_apis.url)
    # No ZALO_ACCESS_TOKEN: only the Zalo channel (token kept in its table) can reach citizens.
    monkeypatch.delenv("ZALO_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("DVCBOT_MAX_MESSAGE_CHARS", raising=False)
    reset_service()
    yield fake_apis
    reset_service()
    channel_store.dispose_all()


# --------------------------------------------------------------------------- "Rasa"


def tracker_events(history: list[UserMessage]) -> list[dict[str, Any]]:
    events, now = [], time.time() - 60
    for index, message in enumerate(history):
        events.append({"event": "user", "timestamp": now + index, "text": message.text,
                       "input_channel": message.input_channel,
                       "parse_data": {"intent": {"name": "ask_documents", "confidence": 0.9},
                                      "entities": [], "text": message.text}})
    return events


@dataclass
class MiniRasa:
    """Stands in for Rasa's Agent (`app.ctx.agent.handle_message`)."""

    messages: list[UserMessage] = field(default_factory=list)
    executor: ActionExecutor = field(default_factory=ActionExecutor)

    def __post_init__(self) -> None:
        self.executor.register_package("actions.handoff")

    def texts(self, sender: str) -> list[str]:
        return [m.text for m in self.messages if m.sender_id == sender]

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if "nguoi that" not in fold(message.text or ""):
            await message.output_channel.send_response(
                message.sender_id, {"text": f"(bot) Trả lời: {message.text}"})
            return
        history = [m for m in self.messages if m.sender_id == message.sender_id]
        latest = {"intent": {"name": "request_human", "confidence": 0.95}, "entities": [],
                  "text": message.text}
        events = tracker_events(history)
        events[-1]["parse_data"] = latest
        result = await self.executor.run({
            "next_action": "action_request_human", "sender_id": message.sender_id,
            "version": "3.6.2", "domain": {},
            "tracker": {"sender_id": message.sender_id,
                        # the citizen already said "đồng ý" to the consent question
                        "slots": {"commune": "thanh_phong", "procedure": "khai_sinh",
                                  "pending_offer": "handoff_consented"},
                        "latest_message": latest, "events": events, "paused": False,
                        "followup_action": None, "active_loop": {},
                        "latest_action_name": "action_listen"}})
        for response in result["responses"]:
            await message.output_channel.send_response(
                message.sender_id, {k: v for k, v in response.items() if v})


# --------------------------------------------------------------------------- the stack


_ids = iter(range(10_000, 10**9))


def group_message(by: int, text: str, reply_to: Optional[dict] = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": GROUP, "type": "supergroup", "title": "Tổ tình nguyện Thạnh Phong"},
        "from": {"id": by, "is_bot": False, "first_name": "Vol"}, "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0,
                                "length": len(text.split()[0])}]
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return {"update_id": next(_ids), "message": message}


def private_message(chat_id: int, text: Optional[str], **extra: Any) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Bác Năm"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Bác Năm"}}
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(text.split()[0])}]
    message.update(extra)
    return {"update_id": next(_ids), "message": message}


def as_message(sent: dict[str, Any]) -> dict[str, Any]:
    """The Message object Telegram puts in an update about a message the bot sent."""
    message = {"message_id": sent["message_id"], "date": int(time.time()),
               "chat": {"id": int(sent["chat_id"]), "type": "supergroup", "title": "Tổ"},
               "from": {"id": 999, "is_bot": True, "first_name": "dvcbot"},
               "text": sent["text"]}
    if sent.get("reply_markup"):
        message["reply_markup"] = sent["reply_markup"]
    return message


def press(button_message: dict[str, Any], data: str, by: int) -> dict[str, Any]:
    return {"update_id": next(_ids),
            "callback_query": {"id": f"cq{next(_ids)}", "chat_instance": "42", "data": data,
                               "from": {"id": by, "is_bot": False, "first_name": "Vol"},
                               "message": button_message}}


def zalo_event(user_id: str, text: Optional[str],
               event_name: str = "user_send_text") -> dict[str, Any]:
    message: dict[str, Any] = {"msg_id": uuid.uuid4().hex}
    if text is not None:
        message["text"] = text
    return {"app_id": ZALO_APP_ID, "event_name": event_name, "sender": {"id": user_id},
            "recipient": {"id": "579745863508352884"}, "message": message,
            "timestamp": str(int(time.time() * 1000))}


@dataclass
class Stack:
    apis: FakeApis
    rasa: MiniRasa
    telegram: TelegramInput
    zalo: ZaloInput
    http: httpx.AsyncClient
    seen_outbox: list[int] = field(default_factory=list)

    async def telegram_update(self, update: dict[str, Any]) -> None:
        reply = await self.http.post("/webhooks/telegram/webhook", json=update,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert reply.status_code == 200, reply.text
        await self.telegram.background.wait()

    async def telegram_updates_at_once(self, *updates: dict[str, Any]) -> None:
        replies = await asyncio.gather(*(self.http.post(
            "/webhooks/telegram/webhook", json=u,
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) for u in updates))
        assert [r.status_code for r in replies] == [200] * len(updates)
        await self.telegram.background.wait()

    async def zalo_says(self, user_id: str, text: Optional[str], **kw: Any) -> None:
        event = zalo_event(user_id, text, **kw)
        raw = json.dumps(event, ensure_ascii=False).encode("utf-8")
        reply = await self.http.post("/webhooks/zalo/webhook", content=raw, headers={
            "X-ZEvent-Signature": zalo_signature(ZALO_APP_ID, raw, event["timestamp"],
                                                 ZALO_OA_SECRET),
            "Content-Type": "application/json"})
        assert reply.status_code == 200, reply.text
        await self.zalo.background.wait()

    async def web_session(self) -> tuple[str, str]:
        """(session, conversation id) as the web chat page receives them."""
        page = (await self.http.get("/webhooks/webchat/")).text
        session = re.search(r'name="dvcbot-session" content="([^"]+)"', page).group(1)
        return session, session.split(".")[0]

    async def web_says(self, session: str, text: str) -> list[str]:
        reply = await self.http.post("/webhooks/webchat/webhook",
                                     json={"session": session, "message": text, "ack": self._ack()})
        assert reply.status_code == 200, reply.text
        return self._shown(reply.json())

    async def web_outbox(self, session: str) -> list[str]:
        reply = await self.http.post("/webhooks/webchat/outbox",
                                     json={"session": session, "ack": self._ack()})
        assert reply.status_code == 200, reply.text
        return self._shown(reply.json())

    # as the page does: show each outbox text once and acknowledge it with the next request
    def _ack(self) -> list[int]:
        ack, self.seen_outbox[:] = list(self.seen_outbox), []
        return ack

    def _shown(self, messages: list[dict[str, Any]]) -> list[str]:
        self.seen_outbox += [m["outbox_id"] for m in messages if "outbox_id" in m]
        return [m.get("text") for m in messages]

    async def announcement(self) -> dict[str, Any]:
        posts = [m for m in await self.apis.sent_to(GROUP) if m.get("reply_markup")]
        assert posts, "no ticket announcement in the volunteer group"
        return posts[-1]

    async def claim_race(self, post: dict[str, Any]) -> int:
        """An and Bình press "Nhận hỗ trợ" at the same moment; returns the winner's id."""
        data = post["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        ticket_id = int(data.split(":")[1])
        await self.telegram_updates_at_once(press(as_message(post), data, AN),
                                            press(as_message(post), data, BINH))
        answers = await self.apis.callback_answers()
        assert sum("Bạn đã nhận phiếu" in a for a in answers) == 1
        assert sum("đã có" in a and "nhận rồi" in a for a in answers) == 1
        ticket = get_service().store.get(ticket_id)
        assert ticket.status == CLAIMED and ticket.claimed_by in (AN, BINH)
        return ticket.claimed_by


@asynccontextmanager
async def stack(apis: FakeApis) -> AsyncIterator[Stack]:
    telegram = TelegramInput(TELEGRAM_TOKEN, SECRET, apis.url + "/bot")
    zalo = ZaloInput(ZALO_APP_ID, ZALO_OA_SECRET, app_secret="app-secret",
                     access_token=ZALO_TOKEN, refresh_token="refresh-0", api_base_url=apis.url,
                     oauth_base_url=apis.url, maintenance=False)
    webchat = WebChatInput()
    rasa = MiniRasa()
    app = Sanic(f"dvcbot-wiring-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = rasa
    register([telegram, zalo, webchat], app, route="/webhooks/")   # as `rasa run` does
    async with serve_sanic(app) as url:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            yield Stack(apis, rasa, telegram, zalo, http)
        await get_service().aclose()


def names(user: int) -> str:
    return {AN: "Nguyễn Văn An", BINH: "Trần Thị Bình"}[user]


def run(coroutine):
    return asyncio.run(coroutine)


# --------------------------------------------------------------------------- the stories


def test_zalo_citizen_talks_with_a_volunteer_then_gets_the_bot_back_and_rates(apis):
    citizen = "8899776655"
    sender = f"zalo:{citizen}"

    async def story():
        async with stack(apis) as s:
            await s.zalo_says(citizen, "lam giay khai sinh cho con can gi")
            await s.zalo_says(citizen, "cho toi gap nguoi that")
            assert s.rasa.texts(sender) == ["lam giay khai sinh cho con can gi",
                                            "cho toi gap nguoi that"]
            told = await apis.zalo_texts(citizen)
            assert any("tổ tình nguyện viên xã Thạnh Phong" in t for t in told)

            # the ticket is in Thạnh Phong's group, with the claim button and the question
            post = await s.announcement()
            assert "Zalo" in post["text"] and "lam giay khai sinh" in post["text"]

            # two volunteers press at once: one gets it, the other is told who did
            winner = await s.claim_race(post)
            assert f"Tình nguyện viên {names(winner)} đã nhận yêu cầu" in \
                (await apis.zalo_texts(citizen))[-1]

            # the volunteer answers in the group thread: the citizen reads it on Zalo
            await s.telegram_update(group_message(
                winner, "Chào bác, bác mang giấy chứng sinh và CCCD ra xã nhé.",
                reply_to=as_message(post)))
            assert (await apis.zalo_texts(citizen))[-1] == (
                f"{names(winner)} (tình nguyện viên): Chào bác, bác mang giấy chứng sinh "
                "và CCCD ra xã nhé.")

            # the citizen writes again: it reaches the group's thread, not the bot
            await s.zalo_says(citizen, "con cam on, vay co can so ho khau khong")
            relayed = (await apis.sent_to(GROUP))[-1]
            assert "co can so ho khau khong" in relayed["text"]
            assert relayed["reply_parameters"]["message_id"] == post["message_id"]
            # a sticker is reported to the volunteer instead of the bot's "text only" answer
            await s.zalo_says(citizen, None, event_name="user_send_sticker")
            assert "không phải chữ" in (await apis.sent_to(GROUP))[-1]["text"]
            assert len(s.rasa.texts(sender)) == 2          # the bot stayed quiet

            # group chatter and the volunteers' buttons never reach the bot
            await s.telegram_update(group_message(BINH, "mọi người ăn cơm chưa"))
            assert s.rasa.messages and all(m.sender_id == sender for m in s.rasa.messages)

            # /xong gives the citizen back to the bot and asks for a rating
            await s.telegram_update(group_message(winner, "/xong@dvcbot_test_bot",
                                                  reply_to=as_message(post)))
            ticket_id = int(post["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                            .split(":")[1])
            assert get_service().store.get(ticket_id).status == CLOSED
            assert "từ 1 (chưa tốt)" in (await apis.zalo_texts(citizen))[-1]

            # the rating is recorded and thanked; the bot does not see it
            await s.zalo_says(citizen, "5")
            assert get_service().store.get(ticket_id).rating == 5
            assert "5/5" in (await apis.zalo_texts(citizen))[-1]
            assert len(s.rasa.texts(sender)) == 2

            # the next question is the bot's again
            await s.zalo_says(citizen, "lam cccd can gi")
            assert s.rasa.texts(sender)[-1] == "lam cccd can gi"
            assert (await apis.zalo_texts(citizen))[-1] == "(bot) Trả lời: lam cccd can gi"

    run(story())


def test_web_chat_citizen_talks_with_a_volunteer_through_the_outbox(apis):
    async def story():
        async with stack(apis) as s:
            session, sender = await s.web_session()
            said = await s.web_says(session, "toi muon gap nguoi that")
            assert any("tổ tình nguyện viên xã Thạnh Phong" in t for t in said)
            post = await s.announcement()
            assert "Web chat" in post["text"]

            winner = await s.claim_race(post)
            await s.telegram_update(group_message(winner, "Bạn vào dichvucong.gov.vn nhé.",
                                                  reply_to=as_message(post)))
            # what the page's polling fetches, once
            waiting = await s.web_outbox(session)
            assert waiting == [
                f"Tình nguyện viên {names(winner)} đã nhận yêu cầu của bạn và sẽ nhắn cho bạn "
                "ngay tại đây.",
                f"{names(winner)} (tình nguyện viên): Bạn vào dichvucong.gov.vn nhé."]
            assert await s.web_outbox(session) == []

            # the citizen's next message goes to the volunteer; the bot stays quiet
            assert await s.web_says(session, "dang nhap bang gi a") == []
            assert "dang nhap bang gi a" in (await apis.sent_to(GROUP))[-1]["text"]
            assert len(s.rasa.texts(sender)) == 1

            # a volunteer's answer waiting in the outbox comes with the next answer too
            await s.telegram_update(group_message(winner, "Bằng tài khoản VNeID.",
                                                  reply_to=as_message(post)))
            await s.telegram_update(group_message(winner, "/xong",
                                                  reply_to=as_message(post)))
            rated = await s.web_says(session, "4")
            assert rated[0] == f"{names(winner)} (tình nguyện viên): Bằng tài khoản VNeID."
            assert "từ 1 (chưa tốt)" in rated[1]
            assert "4/5" in rated[2]
            ticket_id = int(post["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                            .split(":")[1])
            assert get_service().store.get(ticket_id).rating == 4
            assert len(s.rasa.texts(sender)) == 1

            assert await s.web_says(session, "lam cccd can gi") == [
                "(bot) Trả lời: lam cccd can gi"]
            assert s.rasa.texts(sender)[-1] == "lam cccd can gi"

            # the outbox only answers to a session the server signed
            bad = await s.http.post("/webhooks/webchat/outbox", json={"session": sender + ".x"})
            assert bad.status_code == 403

    run(story())


def test_telegram_citizen_with_a_volunteer_huy_cancels_the_request_not_the_bots_question(apis):
    citizen = 5550001
    sender = f"tg:{citizen}"

    async def story():
        async with stack(apis) as s:
            await s.telegram_update(private_message(citizen, "gặp người thật"))
            assert any("tổ tình nguyện viên xã Thạnh Phong" in m["text"]
                       for m in await apis.sent_to(citizen))
            post = await s.announcement()
            assert "Telegram" in post["text"]
            winner = await s.claim_race(post)
            await s.telegram_update(group_message(winner, "Bác cần mang sổ cũ ạ.",
                                                  reply_to=as_message(post)))
            assert (await apis.sent_to(citizen))[-1]["text"] == \
                f"{names(winner)} (tình nguyện viên): Bác cần mang sổ cũ ạ."

            await s.telegram_update(private_message(citizen, "cam on con"))
            await s.telegram_update(private_message(
                citizen, None, photo=[{"file_id": "p1", "file_unique_id": "u1", "width": 90,
                                       "height": 90}]))
            in_group = [m["text"] for m in await apis.sent_to(GROUP)]
            assert any("cam on con" in t for t in in_group)
            assert "không phải chữ" in in_group[-1]
            assert s.rasa.texts(sender) == ["gặp người thật"]

            # "/huy" ends the wait (it is not the bot's "/deny"): volunteers are told
            await s.telegram_update(private_message(citizen, "/huy"))
            assert "Người dân đã huỷ" in (await apis.sent_to(GROUP))[-1]["text"]
            assert "huỷ yêu cầu gặp người thật" in (await apis.sent_to(citizen))[-1]["text"]
            assert s.rasa.texts(sender) == ["gặp người thật"]
            # and the next "/huy" is the bot's again
            await s.telegram_update(private_message(citizen, "/huy"))
            assert s.rasa.texts(sender)[-1] == "/deny"

            # a stranger pressing an old claim button is answered by the hand-off, not Rasa
            data = post["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            await s.telegram_update(press(as_message(post), data, STRANGER))
            assert s.rasa.texts(sender)[-1] == "/deny" and len(s.rasa.messages) == 2

    run(story())


def test_an_ordinary_message_is_answered_by_the_bot_and_costs_one_indexed_query(apis):
    """The hand-off looks at every citizen message: without a ticket that is one SELECT on
    ix_handoff_tickets_sender, and the message goes on to the bot unchanged."""
    from sqlalchemy import event

    async def story():
        async with stack(apis) as s:
            statements: list[tuple[str, Any]] = []
            engine = get_service().store.engine

            def record(conn, cursor, statement, params, context, executemany):
                # the engine is shared with the other stores (bot.storage): count the hand-off's
                if "handoff_" in statement:
                    statements.append((statement, params))

            event.listen(engine, "before_cursor_execute", record)
            try:
                await s.zalo_says("1122334455", "le phi lam ho chieu bao nhieu")
            finally:
                event.remove(engine, "before_cursor_execute", record)
            assert s.rasa.texts("zalo:1122334455") == ["le phi lam ho chieu bao nhieu"]
            assert len(statements) == 1 and statements[0][0].startswith("SELECT")
            with engine.connect() as conn:
                plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statements[0][0], statements[0][1]))
            assert "USING INDEX ix_handoff_tickets_sender" in plan

    run(story())
