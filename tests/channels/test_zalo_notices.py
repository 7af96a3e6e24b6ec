"""Dossier notices to Zalo citizens follow Zalo's window (bot.messaging.zalo): within 48 hours of
the citizen's last message a consultation message (through Rasa, as the other channels), later a
ZBS template message with the dossier code, status and date; without a template nothing is sent
more than 7 days after the last message. And every Zalo sender uses the token store's current
access token.

The poller (actions.portal.poller) runs for real with its SubscriptionStore; Rasa is the
rasa-like app of test_notifications (Rasa's own output-channel choice); Zalo is one
`FakeZaloApi`, served over HTTP to the channel and as an httpx transport handler to the poller
and the hand-off's sender, so all of them see the same tokens and messages.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator

import httpx
import pytest

from actions.portal.poller import Poller, RasaNotifier, template_values, zalo_notices
from actions.portal.subscriptions import Notification, Observation, SubscriptionStore
from bot.channels import store as channel_store
from bot.channels.zalo import ZaloInput
from bot.handoff import reset_service
from bot.messaging.config import ZaloConfig
from bot.messaging.zalo import ZaloNotices, ZaloSender
from tests.channels.messaging_fakes import Collector, FakeZaloApi, serve_aiohttp, serve_sanic
from tests.channels.test_notifications import APP_ID, APP_SECRET, CODE, OA_SECRET, rasa_like_app

DAY = 24 * 3600.0
TEMPLATE_ID = "418362"
CITIZEN = "2512523625412515"


@pytest.fixture(autouse=True)
def zalo_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(tmp_path / "no-teams.yml"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    for name, value in {"ZALO_APP_ID": APP_ID, "ZALO_APP_SECRET": APP_SECRET,
                        "ZALO_ACCESS_TOKEN": "access-0", "ZALO_REFRESH_TOKEN": "refresh-0",
                        "ZALO_API_BASE_URL": "https://openapi.zalo.test",
                        "ZALO_BUSINESS_API_BASE_URL": "https://business.openapi.zalo.test",
                        "ZALO_OAUTH_BASE_URL": "https://oauth.zalo.test"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ZALO_TEMPLATE_STATUS_ID", TEMPLATE_ID)
    monkeypatch.setenv("ZALO_TEMPLATE_STATUS_PARAMS",
                       "code=ma_ho_so,status=trang_thai,date=ngay_cap_nhat")
    reset_service()
    yield
    reset_service()
    channel_store.dispose_all()


@dataclass
class Stack:
    zalo_api: FakeZaloApi
    store: SubscriptionStore
    poller: Poller
    sender: ZaloSender

    def follow(self, user_id: str, last_wrote_days_ago: float) -> None:
        """The citizen follows CODE; Zalo last heard from them that long ago; the dossier is
        then ready, so one notice is queued."""
        self.zalo_api.last_interaction[user_id] = time.time() - last_wrote_days_ago * DAY
        self.store.subscribe(f"zalo:{user_id}", "zalo", CODE, "in_progress", "Đang xử lý")
        self.store.record(CODE, Observation(found=True, fingerprint="result_ready",
                                            status_text="Đã có kết quả",
                                            status_key="result_ready"))

    def state(self) -> str:
        (row,) = self.store.notification_rows()
        return row["state"]


@asynccontextmanager
async def stack() -> AsyncIterator[Stack]:
    zalo_api = FakeZaloApi(APP_ID, APP_SECRET, "access-0", "refresh-0")
    zalo_api.approved_templates.add(TEMPLATE_ID)
    async with serve_aiohttp(zalo_api.app()) as zalo_url:
        channel = ZaloInput(APP_ID, OA_SECRET, APP_SECRET, access_token="access-0",
                            refresh_token="refresh-0", api_base_url=zalo_url,
                            oauth_base_url=zalo_url, maintenance=False)
        async with serve_sanic(rasa_like_app([channel], Collector())) as url:
            notifier = RasaNotifier(url)
            sender = ZaloSender(ZaloConfig.from_env(),
                                transport=httpx.MockTransport(zalo_api.handler))
            store = SubscriptionStore()
            poller = Poller(store, None, notifier, zalo=ZaloNotices(sender))
            try:
                yield Stack(zalo_api, store, poller, sender)
            finally:
                await notifier.aclose()


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_citizen_who_last_wrote_8_days_ago_gets_the_change_as_a_template_message():
    async def scenario():
        async with stack() as s:
            s.follow(CITIZEN, last_wrote_days_ago=8)
            report = await s.poller.send_pending()
            assert report.sent == 1 and s.state() == "sent"
            assert s.zalo_api.sent == []                          # no consultation message
            [body] = s.zalo_api.templates_sent
            assert body["user_id"] == CITIZEN and body["template_id"] == TEMPLATE_ID
            data = body["template_data"]
            assert data["ma_ho_so"] == CODE and data["trang_thai"] == "Đã có kết quả"
            assert re.fullmatch(r"\d\d/\d\d/\d{4}", data["ngay_cap_nhat"])
            assert body["tracking_id"].startswith("dvcbot-")
    run(scenario())


def test_a_citizen_who_wrote_3_hours_ago_gets_a_consultation_message():
    async def scenario():
        async with stack() as s:
            s.follow(CITIZEN, last_wrote_days_ago=3 / 24)
            report = await s.poller.send_pending()
            assert report.sent == 1 and s.state() == "sent"
            assert s.zalo_api.templates_sent == []
            [body] = s.zalo_api.sent
            assert body["recipient"] == {"user_id": CITIZEN} and CODE in body["message"]["text"]
    run(scenario())


def test_without_templates_a_notice_8_days_late_is_dropped_and_one_5_days_late_is_tried(
        monkeypatch, caplog):
    monkeypatch.delenv("ZALO_TEMPLATE_STATUS_ID")
    caplog.set_level(logging.WARNING)
    assert zalo_notices() is not None
    assert "no ZBS template configured (ZALO_TEMPLATE_STATUS_ID)" in caplog.text   # start-up

    async def scenario():
        async with stack() as s:
            s.follow(CITIZEN, last_wrote_days_ago=8)
            report = await s.poller.send_pending()
            assert report.dropped == 1 and report.sent == 0 and s.state() == "dropped"
            assert s.zalo_api.attempts == [] and s.zalo_api.templates_sent == []
            assert await s.poller.send_pending() == type(report)()     # nothing left for later
        async with stack() as s:
            s.follow("77001", last_wrote_days_ago=5)
            report = await s.poller.send_pending()
            assert report.sent == 1 and [b["recipient"] for b in s.zalo_api.sent] == [
                {"user_id": "77001"}]
    run(scenario())
    assert "notice to" in caplog.text and "dropped" in caplog.text and CITIZEN not in caplog.text


def test_a_reminder_uses_the_reminder_template_with_the_appointment_date(monkeypatch):
    monkeypatch.setenv("ZALO_TEMPLATE_REMINDER_ID", "418999")
    notice = Notification(id=9, sender_id=f"zalo:{CITIZEN}", channel="zalo", code=CODE,
                          kind="reminder_due_tomorrow", status_text=None, status_key=None,
                          procedure=None, appointment_date="2026-12-15", final=False, attempts=0)

    async def scenario():
        async with stack() as s:
            s.zalo_api.approved_templates.add("418999")
            s.zalo_api.last_interaction[CITIZEN] = time.time() - 20 * DAY
            notices = ZaloNotices(ZaloSender(ZaloConfig.from_env(),
                                             transport=httpx.MockTransport(s.zalo_api.handler)))
            result = await notices.deliver(notice.sender_id, notice.kind,
                                           template_values(notice), "dvcbot-9")
            assert result.sent
            [body] = s.zalo_api.templates_sent
            assert body["template_id"] == "418999"
            assert body["template_data"] == {"ma_ho_so": CODE, "ngay_hen": "15/12/2026"}
    run(scenario())


def test_an_appointment_passed_goes_as_the_status_template_with_that_date(monkeypatch):
    monkeypatch.setenv("ZALO_TEMPLATE_STATUS_ID", "418001")
    monkeypatch.setenv("ZALO_TEMPLATE_REMINDER_ID", "418999")
    notice = Notification(id=10, sender_id=f"zalo:{CITIZEN}", channel="zalo", code=CODE,
                          kind="overdue", status_text="Đang xử lý", status_key="in_progress",
                          procedure=None, appointment_date="2026-12-15", final=False, attempts=0)

    async def scenario():
        async with stack() as s:
            s.zalo_api.approved_templates.add("418001")
            s.zalo_api.last_interaction[CITIZEN] = time.time() - 9 * DAY
            notices = ZaloNotices(ZaloSender(ZaloConfig.from_env(),
                                             transport=httpx.MockTransport(s.zalo_api.handler)))
            result = await notices.deliver(notice.sender_id, notice.kind,
                                           template_values(notice), "dvcbot-10")
            assert result.sent
            [body] = s.zalo_api.templates_sent
            assert body["template_id"] == "418001"
            assert body["template_data"] == {"ma_ho_so": CODE,
                                             "trang_thai": "Đã qua ngày hẹn mà chưa có kết quả",
                                             "ngay_cap_nhat": "15/12/2026"}
    run(scenario())


def test_an_expired_access_token_is_refreshed_once_and_every_sender_uses_the_new_one():
    async def scenario():
        async with stack() as s:
            s.zalo_api.expire_all_access_tokens()
            # the hand-off (watcher or action server) answers a Zalo citizen
            assert await s.sender.send_text(f"zalo:{CITIZEN}", "Tình nguyện viên trả lời bác.")
            assert len(s.zalo_api.refreshes) == 1
            new_token = next(iter(s.zalo_api.valid_access))
            # the poller sends a template notice, the Rasa server's channel a consultation one
            s.follow(CITIZEN, last_wrote_days_ago=8)
            s.follow("77002", last_wrote_days_ago=0.1)
            report = await s.poller.send_pending()
            assert report.sent == 2
            assert len(s.zalo_api.refreshes) == 1                 # nobody refreshed again
            tokens = [a["token"] for a in s.zalo_api.attempts + s.zalo_api.template_attempts]
            assert tokens[0] == "access-0" and set(tokens[1:]) == {new_token}
            assert [b["message"]["text"] for b in s.zalo_api.sent][0] == (
                "Tình nguyện viên trả lời bác.")
            assert len(s.zalo_api.templates_sent) == 1 and len(s.zalo_api.sent) == 2
    run(scenario())
