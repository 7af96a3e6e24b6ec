"""Web chat identity comes from the server, and rotating it lifts no limit (M2, H1's channel part).

The web chat channel runs as Rasa registers it; the "assistant" records what would be written
into Rasa conversations (tests/channels/messaging_fakes.py). Clients are told apart by the
address the trusted reverse proxy (DVCBOT_TRUSTED_PROXIES) writes in X-Forwarded-For.
"""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from typing import AsyncIterator

import httpx
import pytest

from bot.channels.base import RateLimiter, texts
from bot.channels.webchat import WebChatInput
from tests.channels.messaging_fakes import Collector, rasa_app, serve_sanic

LOOKUP = "hồ sơ 000.00.99.H99-250701-0002 tới đâu rồi"
ATTACKER, CITIZEN = "203.0.113.7", "198.51.100.20"


async def answer(message):
    await message.output_channel.send_text_message(message.sender_id, "Hồ sơ đang xử lý.")


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(tmp_path / "teams.yml"))
    monkeypatch.setenv("DVCBOT_TRUSTED_PROXIES", "127.0.0.1")
    monkeypatch.delenv("DVCBOT_WEBCHAT_SECRET", raising=False)
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)


@asynccontextmanager
async def web_chat(per_address: int = 30, **kw) -> AsyncIterator[tuple[httpx.AsyncClient, Collector]]:
    assistant = Collector(answer)
    channel = WebChatInput(rate_limit_per_address_per_minute=per_address, **kw)
    # the attack happens within the same instant: no bucket refills while the test runs
    channel.address_limiter = RateLimiter(per_address, scope="address", clock=lambda: 0.0)
    async with serve_sanic(rasa_app(channel, assistant)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            yield http, assistant


async def new_session(http: httpx.AsyncClient, address: str) -> str:
    page = await http.get("/webhooks/webchat/", headers={"X-Forwarded-For": address})
    return re.search(r'name="dvcbot-session" content="([^"]+)"', page.text).group(1)


async def say(http, session: str, text: str, address: str) -> httpx.Response:
    return await http.post("/webhooks/webchat/webhook", json={"session": session, "message": text},
                           headers={"X-Forwarded-For": address})


def test_a_thousand_lookups_from_rotating_sessions_on_one_address_are_cut_off():
    async def scenario():
        async with web_chat(per_address=30) as (http, assistant):
            answered = 0
            for _ in range(1000):
                reply = await say(http, await new_session(http, ATTACKER), LOOKUP, ATTACKER)
                answered += any("đang xử lý" in m.get("text", "") for m in reply.json())
            reached = len(assistant.messages)
            # meanwhile a citizen on another address is answered at once, by the assistant
            mine = await new_session(http, CITIZEN)
            citizen = await say(http, mine, LOOKUP, CITIZEN)
            return answered, reached, citizen, assistant.messages[-1].sender_id, mine

    answered, reached, citizen, last_sender, mine = asyncio.run(scenario())
    assert answered == reached == 30
    assert citizen.json()[0]["text"] == "Hồ sơ đang xử lý."
    assert last_sender == mine.split(".")[0]


def test_the_forwarded_address_is_believed_only_from_the_trusted_proxy(monkeypatch):
    monkeypatch.setenv("DVCBOT_TRUSTED_PROXIES", "10.9.9.9")   # not this test's peer

    async def scenario():
        async with web_chat(per_address=5) as (http, assistant):
            replies = []
            for index in range(8):   # a client inventing a new address each time
                fake = f"192.0.2.{index}"
                replies.append(await say(http, await new_session(http, fake), "xin chào", fake))
            return [r.json() for r in replies], len(assistant.messages)

    replies, reached = asyncio.run(scenario())
    assert reached == 5
    assert replies[5][0]["text"] == texts()["rate_limited"] and replies[6] == []


def test_replicas_sharing_the_database_accept_each_others_sessions():
    async def scenario():
        async with web_chat() as (first, _):
            session = await new_session(first, CITIZEN)
        async with web_chat() as (second, assistant):   # another process, same database
            reply = await say(second, session, "xin chào", CITIZEN)
            return reply, assistant.messages, session

    reply, received, session = asyncio.run(scenario())
    assert reply.status_code == 200 and received[0].sender_id == session.split(".")[0]


def test_a_session_signed_with_another_key_is_refused_and_nothing_is_written():
    async def scenario():
        async with web_chat(secret="another-deployment-key-0123456789-abcdef") as (other, _):
            foreign = await new_session(other, CITIZEN)
        async with web_chat() as (http, assistant):
            reply = await say(http, foreign, "xin chào", CITIZEN)
            return reply, assistant.messages

    reply, received = asyncio.run(scenario())
    assert reply.status_code == 403 and received == []
    assert "tải lại trang" in reply.json()["messages"][0]["text"]


def test_the_page_cannot_be_framed_by_another_site():
    async def scenario():
        async with web_chat() as (http, _):
            return await http.get("/webhooks/webchat/")

    page = asyncio.run(scenario())
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
