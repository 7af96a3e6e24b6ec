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


def test_the_inbox_keeps_no_name_of_the_citizen():
    import json

    from sqlalchemy import select

    from bot.channels import store

    stored: list[dict] = []

    async def scenario():
        fake = FakeTelegramApi()

        async def look(message):
            with store.engine().connect() as conn:
                stored.extend(json.loads(row[0]) for row in conn.execute(
                    select(store.channel_inbox.c.payload)) if row[0])

        async with serve_aiohttp(fake.app()) as api_url:
            async with replica(fake, api_url, look) as s:
                update = fake.text_update(CITIZEN, "xin chao")
                update["message"]["from"].update(last_name="Nguyễn", username="nguyen_van_a")
                await s.deliver(update)
                assert [m.text for m in s.assistant.messages] == ["xin chao"]
    asyncio.run(scenario())
    [payload] = stored   # while it was being answered
    text = json.dumps(payload, ensure_ascii=False)
    assert "Nguyễn" not in text and "nguyen_van_a" not in text and "Công dân" not in text
    assert payload["message"]["text"] == "xin chao"


def test_of_two_replicas_sweeping_the_same_abandoned_row_exactly_one_takes_it():
    now = [1000.0]
    settings = InboxSettings(lease_seconds=30)
    dead, one, two = (Inbox("zalo", settings=settings, clock=lambda: now[0]) for _ in range(3))
    row = dead.put("msg:abandoned", "zalo:1", {"event_name": "user_send_text"})
    assert one.waiting() == [] and one.claim(row) is None          # still held by its replica
    now[0] += 31                                                    # that replica died
    assert one.waiting() == two.waiting() == [row]
    taken = [one.claim(row), two.claim(row)]
    assert [t is not None for t in taken] == [True, False]
    assert taken[0].payload == {"event_name": "user_send_text"} and taken[0].attempts == 2
    one.done(row)
    now[0] += 31
    assert two.waiting() == [] and two.claim(row) is None           # answered: never again
    assert two.state("msg:abandoned") == "answered"


def test_a_web_chat_question_whose_request_died_is_taken_over_by_its_resend():
    now = [1000.0]
    first, resend = (Inbox("webchat", clock=lambda: now[0]) for _ in range(2))
    assert first.put("web:1:abc", "web:1", {}, lease_seconds=75) is not None
    assert resend.take_over("web:1:abc", 75) is None     # still being answered
    now[0] += 76                                          # the server restarted meanwhile
    assert resend.take_over("web:1:abc", 75) is not None


def test_erase_and_purge_remove_the_inbox_rows_and_web_chat_turns(tmp_path):
    import datetime as dt

    from bot import privacy
    from bot.channels import inbox, webchat_history

    tracker = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    history = webchat_history.WebChatHistory()
    history.add_user("web:aa", "lam cccd o dau", "c1-aaaaaaaa")
    history.add_user("web:bb", "lam cccd o dau", "c1-bbbbbbbb")
    Inbox("webchat").put("web:aa:c1-aaaaaaaa", "web:aa", {})
    Inbox("webchat").put("web:bb:c1-bbbbbbbb", "web:bb", {})
    privacy.erase("web:aa", "webchat", tracker_url=tracker)
    assert history.turns("web:aa") == [] and len(history.turns("web:bb")) == 1
    assert Inbox("webchat").state("web:aa:c1-aaaaaaaa") is None
    assert Inbox("webchat").state("web:bb:c1-bbbbbbbb") == "waiting"
    # three days later the purge removes the rest
    privacy.purge(dt.datetime.utcnow() + dt.timedelta(days=3), tracker_url=tracker)
    assert Inbox("webchat").state("web:bb:c1-bbbbbbbb") is None
    assert webchat_history.purge(now=None) == 0 and history.turns("web:bb") == []
    assert inbox.purge(0) == 0
