"""Telegram through the durable inbox: the same update on two replicas is answered once, and an
update a replica acknowledged before it died is answered after the restart, once.

Two channel instances (each its own Sanic server) on one SQLite database and a fake Rasa stand
for two replicas; a replica "dies" by storing a row and never handling it."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx

from bot.channels.inbox import Inbox, InboxSettings
from bot.channels.telegram import TelegramInput
from tests.channels.messaging_fakes import (Collector, FakeTelegramApi, rasa_app, serve_aiohttp,
                                            serve_sanic, wait_until)
from tests.channels.test_telegram import (CITIZEN, Stack, answer_with,  # noqa: F401
                                          channel_env)


@asynccontextmanager
async def replica(fake: FakeTelegramApi, api_url: str, answer):
    channel = TelegramInput.from_credentials({"token": fake.token,
                                              "secret_token": "${TELEGRAM_WEBHOOK_SECRET}",
                                              "api_base_url": api_url + "/bot"})
    assistant = Collector(answer)
    async with serve_sanic(rasa_app(channel, assistant)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            yield Stack(fake, channel, assistant, http)


def test_two_replicas_receiving_the_same_update_answer_it_once():
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api_url:
            answer = answer_with({"text": "Lệ phí 8.000 đồng."})
            async with replica(fake, api_url, answer) as one, \
                    replica(fake, api_url, answer) as two:
                update = fake.text_update(CITIZEN, "le phi khai sinh")
                replies = await asyncio.gather(one.deliver(update), two.deliver(update))
                assert [r.status_code for r in replies] == [200, 200]
                assert sorted(r.json()["status"] for r in replies) == ["duplicate", "ok"]
                assert len(one.assistant.messages) + len(two.assistant.messages) == 1
                assert [p["text"] for p in fake.sent("sendMessage")] == ["Lệ phí 8.000 đồng."]
    asyncio.run(scenario())


def test_an_update_acknowledged_by_a_replica_that_died_is_answered_after_restart_once(
        monkeypatch):
    monkeypatch.setenv("DVCBOT_INBOX_LEASE_SECONDS", "1")
    monkeypatch.setenv("DVCBOT_INBOX_SWEEP_SECONDS", "1")

    async def scenario():
        fake = FakeTelegramApi()
        update = fake.text_update(CITIZEN, "dang ky ket hon o dau")
        dead = Inbox("telegram", settings=InboxSettings(lease_seconds=1))
        assert dead.put(str(update["update_id"]), str(CITIZEN), update) is not None
        async with serve_aiohttp(fake.app()) as api_url:
            async with replica(fake, api_url, answer_with({"text": "Tại UBND xã."})) as s:
                await wait_until(lambda: len(fake.sent("sendMessage")) == 1, timeout=10)
                assert [m.text for m in s.assistant.messages] == ["dang ky ket hon o dau"]
                assert await s.channel.worker.sweep() == 0
                assert (await s.deliver(update)).json() == {"status": "duplicate"}
                assert len(s.assistant.messages) == 1
    asyncio.run(scenario())


def test_an_answered_update_keeps_only_its_key_and_the_purge_removes_it():
    import time

    from sqlalchemy import select

    from bot.channels import inbox, store

    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api_url:
            async with replica(fake, api_url, answer_with({"text": "Chào bạn"})) as s:
                await s.deliver(fake.text_update(CITIZEN, "so dien thoai toi 0912345678"))
    asyncio.run(scenario())
    t = store.channel_inbox
    with store.engine().connect() as conn:
        [row] = conn.execute(select(t.c.payload, t.c.answered_at)).all()
    assert row.payload is None and row.answered_at is not None
    assert inbox.purge(time.time() + 1) >= 1
    with store.engine().connect() as conn:
        assert conn.execute(select(t.c.id)).all() == []
