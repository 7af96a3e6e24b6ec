"""Telegram and Zalo on the real scale-out cluster (bot/ops/cluster.py): two Rasa replicas
with the Telegram and Zalo channels switched on, PostgreSQL, Redis, the balancer, the action
server and the portal simulator, talking to fake Bot API and Zalo OA servers that run as real
local HTTP servers (tests/channels/messaging_fakes.py).

- The same update (same update_id) and the same Zalo event (same msg_id) reach replica 1,
  replica 2 and the balancer at the same moment: the citizen gets one answer.
- A replica killed right after it acknowledged an update, before it answered: the citizen
  gets the answer once, after the crash (the other replica's inbox sweep, or the restarted
  replica), and a platform retry of that update is not answered again.

"Answered" is read where it is recorded: the fake platform's received messages, then the
cluster's `channel_inbox` row (answered_at) before checking that no second answer came.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest

from bot.ops.cluster import KB_DB, missing_programs, wait_healthy
from tests.channels.messaging_fakes import FakeTelegramApi, FakeZaloApi, serve_aiohttp
from tests.channels.test_zalo import APP_ID, APP_SECRET, OA_SECRET, signed, text_event
from tests.scale.conftest import running_cluster

pytestmark = pytest.mark.integration

TELEGRAM_TOKEN = "777000111:SCALE-test-token"
TELEGRAM_SECRET = "scale-" + uuid.uuid4().hex + uuid.uuid4().hex[:8]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ZALO_ACCESS, ZALO_REFRESH = "access-0", "refresh-0"

# how long a citizen may wait for an answer here: a busy 2-core machine, a replica's model
# answering its first message, and in the crash case the dead replica's lease and lock
ANSWER_WITHIN = 120
LEASE_SECONDS = 3        # DVCBOT_INBOX_LEASE_SECONDS: a dead replica's message is free after this
LOCK_SECONDS = 10        # TICKET_LOCK_LIFETIME: a dead replica's conversation lock, likewise


class FakePlatforms:
    """The Bot API and Zalo OA fakes served on loopback from a thread of their own, so that
    the replicas (other processes) reach them while the test waits synchronously."""

    def __init__(self) -> None:
        self.telegram = FakeTelegramApi(TELEGRAM_TOKEN)
        self.zalo = FakeZaloApi(APP_ID, APP_SECRET, ZALO_ACCESS, ZALO_REFRESH)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fake-platforms",
                                       daemon=True)
        self._servers: list[Any] = []

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    def start(self) -> None:
        self.thread.start()
        self.telegram_url = self._serve(self.telegram.app())
        self.zalo_url = self._serve(self.zalo.app())

    def _serve(self, app) -> str:
        server = serve_aiohttp(app)
        self._servers.append(server)
        return self._call(server.__aenter__())

    def stop(self) -> None:
        for server in reversed(self._servers):
            self._call(server.__aexit__(None, None, None))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    # what a citizen received
    def telegram_texts(self, chat_id: int) -> list[str]:
        return [str(p.get("text") or "") for p in self.telegram.sent("sendMessage")
                if str(p.get("chat_id")) == str(chat_id)]

    def zalo_texts(self, user_id: str, msg_id: str) -> list[str]:
        """Messages to the user: by user id, or as replies to its message (Zalo's recipient
        {"message_id"}: answers to a citizen's message are sent that way)."""
        def to_citizen(recipient: dict) -> bool:
            return (str(recipient.get("user_id")) == user_id
                    or str(recipient.get("message_id")) == msg_id)

        return [str((b.get("message") or {}).get("text") or "") for b in list(self.zalo.sent)
                if to_citizen(b.get("recipient") or {})]


@pytest.fixture(scope="module")
def platforms():
    fakes = FakePlatforms()
    fakes.start()
    yield fakes
    fakes.stop()


@pytest.fixture(scope="module")
def channels(scale_model: Path, platforms: FakePlatforms):
    """Two replicas with Telegram and Zalo on (credentials.channels.yml, filled in by the
    environment exactly as `dvcbot run` does), pointing at the fakes."""
    missing = missing_programs()
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (run scripts/install-system-deps.sh)")
    environment = {
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE_URL": platforms.telegram_url + "/bot",
        "ZALO_APP_ID": APP_ID, "ZALO_OA_SECRET_KEY": OA_SECRET, "ZALO_APP_SECRET": APP_SECRET,
        "ZALO_ACCESS_TOKEN": ZALO_ACCESS, "ZALO_REFRESH_TOKEN": ZALO_REFRESH,
        "ZALO_API_BASE_URL": platforms.zalo_url, "ZALO_OAUTH_BASE_URL": platforms.zalo_url,
        "DVCBOT_INBOX_LEASE_SECONDS": str(LEASE_SECONDS), "DVCBOT_INBOX_SWEEP_SECONDS": "1",
        "TICKET_LOCK_LIFETIME": str(LOCK_SECONDS),
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        patch.delenv("DVCBOT_TEST_CREDENTIALS", raising=False)
        clusters = running_cluster("dvcbot-scale-channels-", scale_model, replicas=2,
                                   tracker="postgres", lock="redis", kb_database="postgres",
                                   balancer="auto")
        cluster = next(clusters)
        try:
            active = cluster._credentials_path.read_text()
            assert "TelegramInput" in active and "ZaloInput" in active, active
            _SEEN.update(cluster=cluster, platforms=platforms)
            yield cluster
        finally:
            clusters.close()


# --------------------------------------------------------------------------- helpers


def eventually(check: Callable[[], Any], what: str, timeout: float = ANSWER_WITHIN) -> Any:
    """Poll until check() is truthy (its value is returned); fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}\n{_diagnosis()}")
        time.sleep(0.1)


_SEEN: dict[str, Any] = {}


def _diagnosis() -> str:
    """What the fakes received and the replicas logged, for a failure message."""
    cluster, fakes = _SEEN.get("cluster"), _SEEN.get("platforms")
    lines = []
    if fakes is not None:
        lines.append("Bot API calls: " + "; ".join(f"{c.method} {c.params}"[:600]
                                                   for c in fakes.telegram.calls))
        lines.append(f"Zalo attempts: {fakes.zalo.attempts}"[:3000])
    if cluster is not None:
        for process in [*cluster.replicas, cluster.actions]:
            lines.append(f"--- {process.name}\n{process.log_tail(40)}")
    return "\n".join(lines)


def inbox_row(cluster, channel: str, platform_id: str) -> dict | None:
    """The cluster's channel_inbox row of one platform message (PostgreSQL, database dvcbot)."""
    conn = cluster.postgres.connect(KB_DB)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT answered_at, attempts FROM channel_inbox "
                        "WHERE channel = %s AND platform_id = %s", (channel, platform_id))
            found = cur.fetchall()
    finally:
        conn.close()
    assert len(found) <= 1, found
    return {"answered_at": found[0][0], "attempts": found[0][1]} if found else None


def answered(cluster, channel: str, platform_id: str) -> bool:
    row = inbox_row(cluster, channel, platform_id)
    return row is not None and row["answered_at"] is not None


def post_telegram(url: str, update: dict) -> httpx.Response:
    return httpx.post(f"{url}/webhooks/telegram/webhook", json=update,
                      headers={SECRET_HEADER: TELEGRAM_SECRET}, timeout=60)


def post_zalo(url: str, event: dict) -> httpx.Response:
    raw, headers = signed(event)
    return httpx.post(f"{url}/webhooks/zalo/webhook", content=raw, headers=headers, timeout=60)


def at_once(post: Callable[[str, dict], httpx.Response], urls: list[str],
            body: dict) -> list[httpx.Response]:
    """The same request to every address at the same instant."""
    barrier = threading.Barrier(len(urls))

    def send(url: str) -> httpx.Response:
        barrier.wait()
        return post(url, body)

    with ThreadPoolExecutor(len(urls)) as pool:
        return list(pool.map(send, urls))


def once_each(texts: list[str]) -> bool:
    return len(texts) == len(set(texts))


def times_seen(answer: str, texts: list[str]) -> int:
    """How often the citizen saw `answer` (a long one comes as the fact, then its basis)."""
    return "\n".join(texts).count(answer)


def new_chat() -> int:
    return 700_000_000 + uuid.uuid4().int % 100_000_000


# --------------------------------------------------------------------------- tests


def test_the_same_telegram_update_on_both_replicas_and_the_balancer_is_answered_once(
        channels, platforms, kb):
    chat = new_chat()
    update = platforms.telegram.text_update(chat, "đổi cccd bao nhiêu tiền")
    addresses = [*channels.replica_urls, channels.url]

    replies = at_once(post_telegram, addresses, update)

    assert [r.status_code for r in replies] == [200, 200, 200], [r.text for r in replies]
    assert sorted(r.json()["status"] for r in replies) == ["duplicate", "duplicate", "ok"]
    fee = kb.answer("can_cuoc", "fee").text
    eventually(lambda: times_seen(fee, platforms.telegram_texts(chat)),
               "the citizen's Telegram answer")
    eventually(lambda: answered(channels, "telegram", str(update["update_id"])),
               "the inbox row marked answered")
    texts = platforms.telegram_texts(chat)
    assert times_seen(fee, texts) == 1, texts
    assert once_each(texts), texts


def test_the_same_zalo_event_on_both_replicas_and_the_balancer_is_answered_once(
        channels, platforms, kb):
    user = str(2_000_000_000_000_000 + uuid.uuid4().int % 10**15)
    msg_id = f"scale{uuid.uuid4().hex[:20]}"
    event = text_event("lam giay khai sinh can gi", user=user, msg_id=msg_id)
    addresses = [*channels.replica_urls, channels.url]

    replies = at_once(post_zalo, addresses, event)

    assert [r.status_code for r in replies] == [200, 200, 200], [r.text for r in replies]
    assert sorted(r.json()["status"] for r in replies) == ["duplicate", "duplicate", "ok"]
    papers = kb.answer("khai_sinh", "documents").text
    eventually(lambda: times_seen(papers, platforms.zalo_texts(user, msg_id)),
               "the citizen's Zalo answer")
    eventually(lambda: answered(channels, "zalo", "msg:" + msg_id),
               "the inbox row marked answered")
    texts = platforms.zalo_texts(user, msg_id)
    assert times_seen(papers, texts) == 1, texts
    assert once_each(texts), texts


def _group(process) -> int:
    pid = process.pid()
    assert pid is not None, f"{process.name} is not running"
    return pid


@dataclass
class Delivery:
    """One citizen message on one platform: how it is posted, where its answer shows, its
    inbox key."""

    channel: str
    body: dict
    key: str
    post: Callable[[str, dict], httpx.Response]
    texts: Callable[[], list[str]]


def delivery(channel: str, platforms: FakePlatforms, text: str) -> Delivery:
    if channel == "telegram":
        chat = new_chat()
        update = platforms.telegram.text_update(chat, text)
        return Delivery(channel, update, str(update["update_id"]), post_telegram,
                        lambda: platforms.telegram_texts(chat))
    user = str(2_000_000_000_000_000 + uuid.uuid4().int % 10**15)
    msg_id = f"scale{uuid.uuid4().hex[:20]}"
    return Delivery(channel, text_event(text, user=user, msg_id=msg_id), "msg:" + msg_id,
                    post_zalo, lambda: platforms.zalo_texts(user, msg_id))


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_a_message_acknowledged_by_a_replica_killed_before_answering_is_answered_once(
        channels, platforms, kb, channel):
    """Replica 1 acknowledges (200: the message is in the inbox) and is killed while its
    answer waits for the action server (stopped with SIGSTOP, so that no answer can slip out
    before the kill). The citizen gets the answer once, after the crash; the platform
    retrying the message after the restart is told "duplicate"."""
    message = delivery(channel, platforms, "đăng ký kết hôn cần giấy tờ gì")
    first = channels.replicas[0]
    actions = _group(channels.actions)

    os.killpg(actions, signal.SIGSTOP)
    try:
        reply = message.post(channels.replica_urls[0], message.body)
        assert reply.status_code == 200 and reply.json() == {"status": "ok"}, reply.text
        first.kill()                                   # SIGKILL right after the 200
    finally:
        os.killpg(actions, signal.SIGCONT)
    row = inbox_row(channels, channel, message.key)
    assert row is not None and row["answered_at"] is None, row  # acknowledged, not answered
    assert message.texts() == []

    first.start()                                      # the crashed replica comes back
    papers = kb.answer("ket_hon", "documents").text
    eventually(lambda: times_seen(papers, message.texts()),
               "the answer to the acknowledged message after the crash")
    eventually(lambda: answered(channels, channel, message.key), "the inbox row marked answered")
    wait_healthy(first, channels.config.start_timeout)

    # the platform retrying it: to the restarted replica, then through the balancer
    for url in (channels.replica_urls[0], channels.url):
        again = message.post(url, message.body)
        assert again.status_code == 200 and again.json() == {"status": "duplicate"}, again.text
    texts = message.texts()
    assert times_seen(papers, texts) == 1, texts
    assert once_each(texts), texts
