"""Two Rasa replicas behind one address, conversations in PostgreSQL, locks in Redis.

A citizen's messages may land on any replica: the conversation must keep its state and its
order, and restarting PostgreSQL under load must not lose a message the citizen got an
answer to.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.ops.bench.conversations import Conversation
from bot.ops.bench.loadgen import closed_loop
from tests.scale.conftest import REST_HEADERS, tracker_events, turns, user_texts

pytestmark = pytest.mark.integration

# "try again later" as the assistant words it ("thử lại", "nhắn lại", "gửi lại")
TRY_AGAIN = re.compile(r"(thử|nhắn|gửi) lại")


def test_a_conversation_alternating_between_replicas_keeps_its_procedure_and_order(pair, citizen, kb):
    replica_a, replica_b = pair.replica_urls

    papers = citizen.text(replica_a, "đăng ký kết hôn cần giấy tờ gì")
    assert kb.answer("ket_hon", "documents").text in papers

    fee = citizen.text(replica_b, "còn lệ phí thì sao?")
    assert kb.answer("ket_hon", "fee").text in fee

    time_answer = citizen.text(replica_a, "bao lau thi co")
    assert kb.answer("ket_hon", "processing_time").text in time_answer

    for replica in (replica_a, replica_b):
        events = tracker_events(replica, citizen.sender)
        assert user_texts(events) == ["đăng ký kết hôn cần giấy tờ gì", "còn lệ phí thì sao?",
                                      "bao lau thi co"]
        stamps = [e["timestamp"] for e in events if e.get("timestamp") is not None]
        assert stamps == sorted(stamps)
        # each question is followed by its own answer (the fact, then its basis) before the next
        assert turns(events)[-6:] == ["user", "bot", "user", "bot", "user", "bot"]


def test_the_one_address_spreads_a_conversation_over_both_replicas(pair, citizen, kb):
    seen = set()
    questions = ["lam giay khai sinh can gi", "le phi bn", "nop o dau", "mat bao lau"]
    aspects = ["documents", "fee", "where", "processing_time"]
    for question, aspect in zip(questions, aspects):
        response = httpx.post(f"{pair.url}/webhooks/rest/webhook", headers=REST_HEADERS,
                              json={"sender": citizen.sender, "message": question}, timeout=120)
        assert response.status_code == 200
        seen.add(response.headers.get("X-Dvcbot-Replica"))
        reply = "\n".join(m.get("text") or "" for m in response.json())
        assert kb.answer("khai_sinh", aspect).text in reply
    assert len(seen - {None}) == 2, f"replicas used: {seen}"


def test_two_messages_at_once_on_two_replicas_are_handled_one_after_the_other(pair):
    """The lock store: six citizens each send two messages at the same instant, one to each
    replica. Both messages are kept, each followed by its own answer, never interleaved."""
    replica_a, replica_b = pair.replica_urls
    citizens = [f"scale-lock-{uuid.uuid4().hex[:10]}" for _ in range(6)]
    texts = ["đăng ký khai tử cần giấy tờ gì", "đổi cccd bao nhiêu tiền"]
    for sender in citizens:
        httpx.post(f"{replica_a}/webhooks/rest/webhook", headers=REST_HEADERS, json={"sender": sender, "message": "xin chào"},
                   timeout=120).raise_for_status()
    barriers = {sender: threading.Barrier(2) for sender in citizens}

    def send(job: tuple[str, str, str]) -> int:
        sender, url, text = job
        barriers[sender].wait()
        return httpx.post(f"{url}/webhooks/rest/webhook", headers=REST_HEADERS, json={"sender": sender, "message": text},
                          timeout=120).status_code

    jobs = [(sender, url, text) for sender in citizens for url, text in zip((replica_a, replica_b), texts)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        statuses = list(pool.map(send, jobs))
    assert statuses == [200] * len(jobs)
    for sender in citizens:
        events = tracker_events(replica_b, sender)
        assert sorted(user_texts(events)[1:]) == sorted(texts), sender
        assert turns(events)[-4:] == ["user", "bot", "user", "bot"], (sender, turns(events))


def test_the_lock_store_never_gives_two_replicas_the_same_turn(pair):
    """The lock store the replicas are configured with, on the real Redis: four replicas'
    worth of clients asking for a turn on one conversation at the same time each get their
    own ticket (Rasa's own RedisLockStore hands out the same ticket twice: not atomic)."""
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    config = pair.endpoints()["lock_store"]
    stores = [LockStore.create(EndpointConfig.from_dict(dict(config))) for _ in range(4)]
    conversation = f"scale-turns-{uuid.uuid4().hex[:10]}"
    tickets: list[int] = []
    barrier = threading.Barrier(len(stores))

    def take_turns(store) -> None:
        barrier.wait()
        for _ in range(50):
            tickets.append(store.issue_ticket(conversation, 60))

    threads = [threading.Thread(target=take_turns, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    stores[0].delete_lock(conversation)
    assert len(tickets) == 200
    assert len(set(tickets)) == 200, (f"{config['type']}: {200 - len(set(tickets))} tickets handed "
                                      "out twice, so two replicas would answer at once")


def test_postgres_restarted_under_load_loses_no_answered_message(pair):
    """Six citizens keep talking while PostgreSQL restarts. Messages sent while it is down
    may get a polite "try again"; every message that got a real answer is in the stored
    conversation, in the order it was sent, and the assistant answers again afterwards."""
    conversations = [Conversation("scripted", (
        "đăng ký kết hôn cần giấy tờ gì", "còn lệ phí thì sao?", "bao lau thi co",
        "lam giay khai sinh can gi", "le phi bn", "nop o dau"))]
    run_id = f"pgrestart{int(time.time())}"

    async def load_with_restart():
        async def restart_later():
            await asyncio.sleep(6)
            await asyncio.to_thread(pair.postgres.restart)

        restart = asyncio.create_task(restart_later())
        result = await closed_loop(pair.url, conversations, 6, 22, 2000, run_id)
        await restart
        return result

    result = asyncio.run(load_with_restart())
    assert result.messages > 30, "too little load to mean anything"
    by_sender: dict[str, list] = {}
    for sample in result.samples:
        by_sender.setdefault(sample.sender, []).append(sample)

    acknowledged, lost, out_of_order = 0, [], []
    for sender, samples in by_sender.items():
        stored = user_texts(tracker_events(pair.replica_urls[0], sender))
        position = 0
        for sample in sorted(samples, key=lambda s: s.started):
            reply = "\n".join(r.get("text") or "" for r in sample.replies)
            if not sample.answered or TRY_AGAIN.search(reply):
                continue
            acknowledged += 1
            if sample.text not in stored[position:]:
                (lost if sample.text not in stored else out_of_order).append((sender, sample.text))
                continue
            position = stored.index(sample.text, position) + 1
    assert acknowledged > 20
    assert not lost, f"{len(lost)} answered messages not stored: {lost[:5]}"
    assert not out_of_order, out_of_order[:5]
    # after the restart the assistant answers again
    tail = sorted(result.samples, key=lambda s: s.started)[-6:]
    assert all(s.answered for s in tail), [(s.status, s.error) for s in tail]
