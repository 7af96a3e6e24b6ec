"""The poller: a status changed in the portal simulator reaches the citizen once, through a
fake Rasa HTTP API that runs the real notify action, across restarts and failures."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
from datetime import timedelta
from urllib.parse import unquote

import pytest

from actions.portal.client import PortalConfig, RestDossierSearchAdapter
from actions.portal.poller import PollerConfig, Poller, PollReport, RasaNotifier
from actions.portal.subscriptions import Observation, SubscriptionStore, utcnow

from .conftest import CLIENT_ID, CLIENT_SECRET, REPO_ROOT

IN_PROGRESS = "000.00.99.H99-250701-0001"
NEED_PAPERS = "000.00.99.H99-250701-0002"
SENDER = "tg:12345/abc"      # any conversation id, even with characters to escape


def poll(sim, database_url: str, rasa_url: str, send_timeout: float = 5.0) -> PollReport:
    """One cycle of a freshly started poller (all state comes from the database)."""

    async def cycle() -> PollReport:
        adapter = RestDossierSearchAdapter(PortalConfig(
            base_url=sim.url, token_url=sim.token_url, client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET, timeout=5.0))
        notifier = RasaNotifier(rasa_url, timeout=send_timeout)
        try:
            return await Poller(SubscriptionStore(database_url), adapter, notifier).poll_once()
        finally:
            await adapter.aclose()
            await notifier.aclose()

    return asyncio.run(cycle())


def follow(database_url: str, code: str = IN_PROGRESS, status: str | None = "in_progress",
           text: str | None = "Đang xử lý", sender: str = SENDER, **kwargs) -> SubscriptionStore:
    store = SubscriptionStore(database_url)
    store.subscribe(sender, "telegram", code, status, text, **kwargs)
    return store


def test_a_change_reaches_the_citizen_once(simulator, database_url, fake_rasa):
    store = follow(database_url)
    report = poll(simulator, database_url, fake_rasa.url)
    assert report.checked == 1 and report.queued == 0 and fake_rasa.calls == []
    simulator.control("status", code=IN_PROGRESS, status="Đã có kết quả")
    report = poll(simulator, database_url, fake_rasa.url)
    assert (report.queued, report.sent) == (1, 1)
    (call,) = fake_rasa.calls
    assert unquote(call["sender"]) == SENDER and call["query"]["output_channel"] == "telegram"
    assert call["json"]["name"] == "EXTERNAL_dossier_status_changed"
    entities = call["json"]["entities"]
    assert entities["code"] == IN_PROGRESS and entities["status"] == "Đã có kết quả"
    assert entities["status_key"] == "result_ready" and entities["kind"] == "changed"
    ((sender, channel, text),) = fake_rasa.delivered
    assert (sender, channel) == (SENDER, "telegram")
    assert "vừa thay đổi tình trạng: Đã có kết quả" in text and "nhận kết quả" in text
    assert "Nguyễn" not in text and "0900000001" not in text
    poll(simulator, database_url, fake_rasa.url)
    assert len(fake_rasa.calls) == 1
    assert store.subscription_rows()[0]["active"]            # result ready: still followed


def test_a_restarted_poller_process_neither_repeats_nor_misses(simulator, database_url, fake_rasa):
    follow(database_url)
    env = dict(os.environ, **simulator.env(), DVCBOT_DATABASE_URL=database_url,
               DVCBOT_RASA_URL=fake_rasa.url, PYTHONPATH=str(REPO_ROOT))

    def poller_process() -> str:
        done = subprocess.run([sys.executable, "-m", "actions.portal.poller", "--once"], cwd=REPO_ROOT,
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "queued 0, sent 0" in poller_process()
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")   # while no poller runs
    assert "queued 1, sent 1" in poller_process()
    assert "queued 0, sent 0" in poller_process()
    ((_, _, text),) = fake_rasa.delivered
    assert "Chờ bổ sung hồ sơ" in text


def test_a_change_recorded_just_before_a_crash_is_sent_after_the_restart(simulator, database_url, fake_rasa):
    store = follow(database_url)
    # the poller saw the change and committed it, then died before sending
    store.record(IN_PROGRESS, Observation(True, "result_ready", "Đã có kết quả", "result_ready"))
    simulator.control("status", code=IN_PROGRESS, status="Đã có kết quả")
    report = poll(simulator, database_url, fake_rasa.url)
    assert (report.queued, report.sent) == (0, 1) and len(fake_rasa.delivered) == 1


def test_rasa_down_keeps_the_notice_until_it_is_back(simulator, database_url, fake_rasa):
    store = follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")
    report = poll(simulator, database_url, "http://127.0.0.1:9")     # nothing listens there
    assert report.queued == 1 and report.sent == 0 and report.send_failures == 1
    fake_rasa.modes = ["down"]                                       # then a 503
    assert poll(simulator, database_url, fake_rasa.url).sent == 0
    assert poll(simulator, database_url, fake_rasa.url).sent == 1
    assert len(fake_rasa.delivered) == 1
    (row,) = store.notification_rows()
    assert row["state"] == "sent" and row["attempts"] == 3


def test_a_channel_failure_inside_rasa_is_retried_and_then_said_once(simulator, database_url, fake_rasa):
    follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")
    fake_rasa.modes = ["channel_fails"]         # the action ran (claimed), the channel failed: 500
    assert poll(simulator, database_url, fake_rasa.url).sent == 0
    assert poll(simulator, database_url, fake_rasa.url).sent == 1
    assert len(fake_rasa.calls) == 2 and len(fake_rasa.delivered) == 1


def test_a_timeout_while_rasa_delivers_does_not_repeat_the_message(simulator, database_url, fake_rasa):
    store = follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")
    fake_rasa.modes, fake_rasa.slow_seconds = ["slow"], 1.5
    report = poll(simulator, database_url, fake_rasa.url, send_timeout=0.5)
    assert report.sent == 0 and report.send_failures == 1 and len(fake_rasa.delivered) == 1
    report = poll(simulator, database_url, fake_rasa.url)            # sent again: the action is silent
    assert report.sent == 1 and len(fake_rasa.calls) == 2 and len(fake_rasa.delivered) == 1
    assert store.notification_rows()[0]["state"] == "sent"


def test_only_the_newest_status_is_sent_after_an_outage(simulator, database_url, fake_rasa):
    follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")
    poll(simulator, database_url, "http://127.0.0.1:9")
    simulator.control("status", code=IN_PROGRESS, status="Chờ thực hiện nghĩa vụ tài chính")
    poll(simulator, database_url, "http://127.0.0.1:9")
    poll(simulator, database_url, fake_rasa.url)
    ((_, _, text),) = fake_rasa.delivered
    assert "Chờ thực hiện nghĩa vụ tài chính" in text


@pytest.mark.parametrize("status", ["Đã trả kết quả", "Từ chối", "Đã hủy"])
def test_a_finished_dossier_ends_the_subscription(simulator, database_url, fake_rasa, status):
    store = follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status=status)
    poll(simulator, database_url, fake_rasa.url)
    (row,) = store.subscription_rows()
    assert not row["active"] and row["end_reason"] == "final_status"
    assert "dừng theo dõi" in fake_rasa.delivered[0][2]
    searches = simulator.state()["counters"]["search"]
    poll(simulator, database_url, fake_rasa.url)
    assert simulator.state()["counters"]["search"] == searches     # not asked any more


def test_a_subscription_ends_after_its_days(simulator, database_url, fake_rasa):
    store = follow(database_url, days=30, now=utcnow() - timedelta(days=31))
    report = poll(simulator, database_url, fake_rasa.url)
    assert report.expired == 1 and report.checked == 0
    assert "Đã hết 30 ngày theo dõi" in fake_rasa.delivered[0][2]
    assert store.subscription_rows()[0]["end_reason"] == "expired"


def test_following_while_the_portal_was_down_gets_the_status_when_it_answers(simulator, database_url, fake_rasa):
    follow(database_url, status=None, text=None)
    poll(simulator, database_url, fake_rasa.url)
    ((_, _, text),) = fake_rasa.delivered
    assert text.startswith("Cổng dịch vụ công đã trả lời.") and "Đang xử lý" in text


def test_a_code_the_portal_never_knew_is_reported_and_dropped(simulator, database_url, fake_rasa):
    store = follow(database_url, code="000.00.99.H99-250701-0099", status=None, text=None)
    poll(simulator, database_url, fake_rasa.url)
    assert "không có hồ sơ mã 000.00.99.H99-250701-0099" in fake_rasa.delivered[0][2]
    assert store.subscription_rows()[0]["end_reason"] == "not_found"


def test_two_followers_one_lookup_two_messages(simulator, database_url, fake_rasa):
    follow(database_url, sender="a")
    follow(database_url, sender="b")
    simulator.control("status", code=IN_PROGRESS, status="Tạm dừng xử lý")
    before = simulator.state()["counters"]["search"]
    report = poll(simulator, database_url, fake_rasa.url)
    assert simulator.state()["counters"]["search"] - before == 1 and report.sent == 2
    assert sorted(sender for sender, _, _ in fake_rasa.delivered) == ["a", "b"]


def test_a_portal_outage_loses_nothing(simulator, database_url, fake_rasa):
    store = follow(database_url)
    simulator.control("status", code=IN_PROGRESS, status="Chờ bổ sung hồ sơ")
    simulator.control("fail", status=500, count=None)
    report = poll(simulator, database_url, fake_rasa.url)
    assert report.portal_errors == 1 and fake_rasa.calls == []
    assert store.subscription_rows()[0]["last_status"] == "in_progress"
    simulator.control("clear")
    assert poll(simulator, database_url, fake_rasa.url).sent == 1


def test_the_interval_is_jittered_within_bounds():
    poller = Poller(None, None, None, PollerConfig(interval=300, jitter=0.2), rng=random.Random(7))  # type: ignore[arg-type]
    delays = [poller.next_delay() for _ in range(200)]
    assert 240 <= min(delays) < 260 and 340 < max(delays) <= 360
