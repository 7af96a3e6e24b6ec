"""Reminders from the poller: the day before the appointment, and once when it passed without
a result. The real poller against the portal simulator (whose seeded dossiers have their
appointments relative to today), a fake Rasa running the real notify action, a real SQLite
database; each reminder once per follower and appointment date, across poller restarts."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, datetime, timedelta

from actions.dossier import render_notification
from actions.portal.client import PortalConfig, RestDossierSearchAdapter
from actions.portal.models import VN_TZ
from actions.portal.poller import PollerConfig, Poller, PollReport, RasaNotifier
from actions.portal.subscriptions import SubscriptionStore

from .conftest import CLIENT_ID, CLIENT_SECRET, REPO_ROOT

DUE_TOMORROW = "000.00.99.H99-250701-0011"   # "Đã tiếp nhận", appointment tomorrow
LATE = "38.99.H99-250702-0012"               # "Đang xử lý", appointment two days ago
IN_PROGRESS = "000.00.99.H99-250701-0001"    # appointment in three days
SENDER = "zalo:4567"


def at(hour: int) -> datetime:
    return datetime.now(VN_TZ).replace(hour=hour, minute=5, second=0, microsecond=0)


def poll(sim, database_url: str, rasa_url: str, hour: int = 10) -> PollReport:
    """One cycle of a freshly started poller at ``hour`` today, Việt Nam time."""

    async def cycle() -> PollReport:
        adapter = RestDossierSearchAdapter(PortalConfig(
            base_url=sim.url, token_url=sim.token_url, client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET, timeout=5.0))
        notifier = RasaNotifier(rasa_url, timeout=5.0)
        try:
            return await Poller(SubscriptionStore(database_url), adapter, notifier,
                                clock=lambda: at(hour)).poll_once()
        finally:
            await adapter.aclose()
            await notifier.aclose()

    return asyncio.run(cycle())


def follow(database_url: str, code: str, status: str, text: str,
           sender: str = SENDER) -> SubscriptionStore:
    store = SubscriptionStore(database_url)
    store.subscribe(sender, "zalo", code, status, text)
    return store


def poller_process(simulator, database_url: str, fake_rasa) -> str:
    """``python -m actions.portal.poller --once`` as cron or the service runs it."""
    env = dict(os.environ, **simulator.env(), DVCBOT_DATABASE_URL=database_url,
               DVCBOT_RASA_URL=fake_rasa.url, PYTHONPATH=str(REPO_ROOT),
               DVCBOT_REMINDER_FROM_HOUR="0", DVCBOT_REMINDER_TO_HOUR="24")
    done = subprocess.run([sys.executable, "-m", "actions.portal.poller", "--once"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_followed_dossier_due_tomorrow_gets_exactly_one_reminder_across_a_restart(
        simulator, database_url, fake_rasa):
    store = follow(database_url, DUE_TOMORROW, "received", "Đã tiếp nhận")
    first = poller_process(simulator, database_url, fake_rasa)
    assert "sent 1," in first and "reminders 1" in first
    restarted = poller_process(simulator, database_url, fake_rasa)
    assert "sent 0," in restarted and "reminders 0" in restarted
    ((sender, channel, text),) = fake_rasa.delivered
    tomorrow = (datetime.now(VN_TZ).date() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert (sender, channel) == (SENDER, "zalo")
    assert text.startswith(f"Ngày mai ({tomorrow}) là ngày hẹn trả kết quả hồ sơ {DUE_TOMORROW}")
    assert "giấy biên nhận" in text and "Đăng ký khai tử" in text
    (call,) = fake_rasa.calls
    assert call["json"]["entities"]["kind"] == "reminder_due_tomorrow"
    (row,) = store.reminder_rows()
    assert (row["kind"], row["appointment_date"]) == (
        "reminder_due_tomorrow", (datetime.now(VN_TZ).date() + timedelta(days=1)).isoformat())


def test_an_appointment_passed_without_a_result_is_said_once_with_what_to_do(
        simulator, database_url, fake_rasa):
    follow(database_url, LATE, "in_progress", "Đang xử lý")
    first = poll(simulator, database_url, fake_rasa.url)
    again = poll(simulator, database_url, fake_rasa.url)
    assert (first.reminders, first.sent, again.reminders, again.sent) == (1, 1, 0, 0)
    ((_, _, text),) = fake_rasa.delivered
    passed = (datetime.now(VN_TZ).date() - timedelta(days=2)).strftime("%d/%m/%Y")
    assert f"Hồ sơ {LATE} đã qua ngày hẹn trả kết quả ({passed})" in text
    assert "tình trạng: Đang xử lý" in text
    assert "lý do trễ và ngày hẹn mới" in text          # what the citizen can do
    assert "Tôi vẫn theo dõi" in text
    assert fake_rasa.calls[0]["json"]["entities"]["kind"] == "overdue"


def test_no_reminder_at_night_and_none_for_a_later_appointment(simulator, database_url, fake_rasa):
    follow(database_url, DUE_TOMORROW, "received", "Đã tiếp nhận")
    follow(database_url, IN_PROGRESS, "in_progress", "Đang xử lý")
    night = poll(simulator, database_url, fake_rasa.url, hour=23)
    assert (night.reminders, fake_rasa.delivered) == (0, [])
    morning = poll(simulator, database_url, fake_rasa.url, hour=7)
    assert morning.reminders == 1
    ((_, _, text),) = fake_rasa.delivered
    assert DUE_TOMORROW in text and IN_PROGRESS not in text


def test_a_dossier_with_its_result_gets_no_overdue_notice(simulator, database_url, fake_rasa):
    follow(database_url, LATE, "in_progress", "Đang xử lý")
    simulator.control("status", code=LATE, status="Đã có kết quả")
    report = poll(simulator, database_url, fake_rasa.url)
    assert report.reminders == 0
    ((_, _, text),) = fake_rasa.delivered        # the status change, not a late notice
    assert "Đã có kết quả" in text and "đã qua ngày hẹn" not in text


def test_two_followers_each_get_the_reminder_once(simulator, database_url, fake_rasa):
    follow(database_url, DUE_TOMORROW, "received", "Đã tiếp nhận", sender="zalo:1")
    follow(database_url, DUE_TOMORROW, "received", "Đã tiếp nhận", sender="zalo:2")
    poll(simulator, database_url, fake_rasa.url)
    poll(simulator, database_url, fake_rasa.url)
    assert sorted(sender for sender, _, _ in fake_rasa.delivered) == ["zalo:1", "zalo:2"]


def test_a_reminder_and_a_status_change_in_one_cycle_are_both_said(simulator, database_url, fake_rasa):
    follow(database_url, DUE_TOMORROW, "received", "Đã tiếp nhận")
    simulator.control("status", code=DUE_TOMORROW, status="Chờ bổ sung hồ sơ")
    report = poll(simulator, database_url, fake_rasa.url)
    assert (report.queued, report.reminders, report.sent) == (1, 1, 2)
    texts = [text for _, _, text in fake_rasa.delivered]
    assert any(t.startswith("Hồ sơ") and "Chờ bổ sung hồ sơ" in t for t in texts)
    reminder = next(t for t in texts if t.startswith("Ngày mai"))
    assert "bổ sung" in reminder and "giấy biên nhận (giấy hẹn)" not in reminder


def test_the_reminder_hours_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DVCBOT_REMINDER_FROM_HOUR", "8")
    monkeypatch.setenv("DVCBOT_REMINDER_TO_HOUR", "20")
    config = PollerConfig.from_env()
    assert not config.reminders_allowed(at(7)) and config.reminders_allowed(at(8))
    assert not config.reminders_allowed(at(20))


def test_a_reminder_without_a_known_status_reads_the_portal_text_as_is():
    text = render_notification({"code": DUE_TOMORROW, "kind": "reminder_due_tomorrow",
                                "status": "Đang chuyển liên thông",
                                "appointment_date": date(2026, 12, 2).isoformat()})
    assert text.startswith("Ngày mai (02/12/2026) là ngày hẹn trả kết quả")
    assert "Đang chuyển liên thông" in text
