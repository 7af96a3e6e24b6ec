"""Two senders (replicas, or a replica and `dvcbot zalo --retry-outbox`) sharing one database
never send the same queued message, and the claim of a sender that died expires
(bot.messaging.outbox). On SQLite, and on PostgreSQL when it is installed."""

from __future__ import annotations

import asyncio
import secrets
import threading
import time

import pytest

from bot.channels import store as channel_store
from bot.channels.zalo import ZaloInput
from bot.messaging.outbox import Outbox
from tests.channels.messaging_fakes import FakeZaloApi, serve_aiohttp
from tests.support.postgres import private_postgres

APP_ID = "3482178216594085616"


@pytest.fixture(scope="module")
def postgres_url():
    with private_postgres("dvcbot", prefix="dvcbot-outbox-pg-") as server:
        try:
            yield server.url("dvcbot")
        finally:
            channel_store.dispose_all()

@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
        channel_store.dispose_all()
    else:
        yield request.getfixturevalue("postgres_url")


def queue(url: str, count: int, channel: str = "zalo") -> list[int]:
    outbox = Outbox(url, channel=channel)
    due = time.time() - 1
    return [outbox.add(f"user-{i}", {"text": f"tin {i}"}, -32, "transient: quota", due)
            for i in range(count)]


def test_two_workers_claiming_at_once_never_take_the_same_message(database_url):
    ids = queue(database_url, 60)
    workers = [Outbox(database_url), Outbox(database_url)]
    taken: list[list[int]] = [[], []]
    start = threading.Barrier(4)

    def work(index: int) -> None:
        outbox = workers[index % 2]
        start.wait()
        while True:
            claimed = outbox.claim_due(limit=7)
            if not claimed:
                return
            for item in claimed:
                taken[index % 2].append(item.id)
                outbox.delivered(item.id)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = taken[0] + taken[1]
    assert sorted(everything) == sorted(ids)            # each message sent exactly once
    assert len(Outbox(database_url).all("delivered")) == 60


def test_a_crashed_senders_claim_expires_and_another_sender_takes_over(database_url):
    [item_id] = queue(database_url, 1)
    crashed, other = Outbox(database_url, lease_seconds=120), Outbox(database_url)
    now = time.time()
    assert [i.id for i in crashed.claim_due(now)] == [item_id]   # then it dies mid-send
    assert other.claim_due(now + 60) == []                      # still leased: not sent twice
    assert [i.id for i in other.claim_due(now + 121)] == [item_id]
    other.failed_again(item_id, -32, "transient: quota", retry_at=now + 200)
    assert other.claim_due(now + 150) == []                     # not due yet
    assert [i.id for i in crashed.claim_due(now + 201)] == [item_id]   # claim was cleared


def test_a_citizens_later_message_never_overtakes_one_another_sender_holds(database_url):
    citizen = f"user-{secrets.token_hex(4)}"     # PostgreSQL keeps the other tests' rows
    first, second, third = [Outbox(database_url).add(citizen, {"text": f"tin {n}"}, None,
                                                     "network", time.time() - 1)
                            for n in range(3)]
    holder, other = Outbox(database_url), Outbox(database_url)
    assert [i.id for i in holder.claim_due(limit=1)] == [first]
    assert other.claim_due(in_order=True) == []           # behind the held one: given back
    holder.delivered(first)
    assert [i.id for i in other.claim_due(in_order=True)] == [second, third]


def test_two_zalo_replicas_retrying_the_outbox_send_each_message_once(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
    monkeypatch.setenv("DVCBOT_DATABASE_URL", url)
    queue(url, 20)
    api = FakeZaloApi(APP_ID, "app-secret", "access-0", "refresh-0")

    async def scenario():
        async with serve_aiohttp(api.app()) as zalo_url:
            replicas = [ZaloInput(APP_ID, "oa-secret", "app-secret", access_token="access-0",
                                  refresh_token="refresh-0", api_base_url=zalo_url,
                                  oauth_base_url=zalo_url, database_url=url, maintenance=False)
                        for _ in range(2)]
            try:
                sent = await asyncio.gather(*(r.retry_due() for r in replicas))
            finally:
                for replica in replicas:
                    await replica._http.aclose()
            return sent

    try:
        sent = asyncio.run(scenario())
    finally:
        channel_store.dispose_all()
    texts = [b["message"]["text"] for b in api.sent]
    assert sum(sent) == 20 and sorted(texts) == sorted(f"tin {i}" for i in range(20))
    assert len(set(texts)) == 20


def test_two_telegram_replicas_retrying_the_outbox_send_each_message_once_in_order(tmp_path,
                                                                                  monkeypatch):
    from bot.channels.telegram import TelegramInput
    from tests.channels.messaging_fakes import FakeTelegramApi

    url = f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
    monkeypatch.setenv("DVCBOT_DATABASE_URL", url)
    outbox = Outbox(url, channel="telegram")
    due = time.time() - 1
    for chat in range(5):
        for part in range(4):
            outbox.add(str(7000 + chat), {"method": "sendMessage", "chat_id": 7000 + chat,
                                          "text": f"chat {chat} phần {part}"}, None,
                       "flood control", due)
    api = FakeTelegramApi()

    async def scenario():
        async with serve_aiohttp(api.app()) as api_url:
            replicas = [TelegramInput(api.token, "s" * 40, api_url + "/bot", database_url=url)
                        for _ in range(2)]
            try:
                return await asyncio.gather(*(r.retry_due() for r in replicas))
            finally:
                for replica in replicas:
                    await replica.bot.shutdown()

    try:
        sent = asyncio.run(scenario())
    finally:
        channel_store.dispose_all()
    texts = [p["text"] for p in api.delivered]
    assert sum(sent) == 20 and len(texts) == 20 and len(set(texts)) == 20
    for chat in range(5):
        assert [t for t in texts if t.startswith(f"chat {chat} ")] == [
            f"chat {chat} phần {part}" for part in range(4)]
