"""An unclaimed ticket is posted again after the delay, then the commune's officials get a
private message and can take it themselves; an idle ticket gives the citizen back to the bot."""

from __future__ import annotations

import subprocess
import sys
import time

from bot.handoff.store import CLAIMED, CLOSED
from bot.paths import REPO_ROOT

from .conftest import (AN, CUONG, THANH_PHONG_GROUP, TELEGRAM_TOKEN, as_message, make_service,
                       message_in, press, private_chat, run)


def open_ticket(service):
    return run(service.open_ticket("zalo:7001", "zalo", "thanh_phong", "can_cuoc",
                                   ["doi cccd o dau", "gặp người thật"])).ticket


def group_posts(apis):
    return apis.sent_to(THANH_PHONG_GROUP)


def test_unclaimed_ticket_is_reannounced_then_escalated_to_officials(apis, service, clock):
    ticket = open_ticket(service)
    first = group_posts(apis)[0]

    clock.advance(10)                                   # before the delay: nothing
    assert run(service.run_due()).reannounced == 0
    assert len(group_posts(apis)) == 1

    clock.advance(6)                                    # 16 min: posted again
    assert run(service.run_due()).reannounced == 1
    again = group_posts(apis)[-1]
    assert again["text"].startswith(f"🔔 Nhắc lại lần 1: phiếu #{ticket.id} chưa có ai nhận sau 16 phút")
    assert again["reply_parameters"]["message_id"] == first["message_id"]
    assert again["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == f"claim:{ticket.id}"
    assert run(service.run_due()).reannounced == 0      # not twice in the same round

    clock.advance(16)                                   # 32 min: second re-announcement
    assert run(service.run_due()).reannounced == 1
    assert service.store.get(ticket.id).announcements == 3
    assert apis.sent_to(CUONG) == []

    clock.advance(16)                                   # 48 min: escalation to the official
    result = run(service.run_due())
    assert (result.reannounced, result.escalated) == (0, 1)
    private = apis.sent_to(CUONG)
    assert len(private) == 1
    assert "chưa có ai nhận sau 48 phút" in private[0]["text"]
    assert private[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == f"claim:{ticket.id}"
    assert "Đã báo 1 cán bộ xã" in group_posts(apis)[-1]["text"]
    clock.advance(30)
    assert run(service.run_due()).escalated == 0        # once only
    assert len(apis.sent_to(CUONG)) == 1

    # the official takes it from the private message and answers there
    escalation = as_message(private[0])
    assert run(service.handle_volunteer_update(press(escalation, f"claim:{ticket.id}", CUONG)))
    stored = service.store.get(ticket.id)
    assert stored.status == CLAIMED and stored.claimed_by == CUONG
    assert "Lê Văn Cường đã nhận phiếu" in group_posts(apis)[-1]["text"]
    # every posted button is gone
    cleared = {int(c["params"]["message_id"]) for c in
               apis.calls("telegram", "editMessageReplyMarkup") + apis.calls("telegram", "editMessageText")}
    announced = {m["message_id"] for m in group_posts(apis) if m.get("reply_markup")}
    assert announced <= cleared
    run(service.route_citizen_message("zalo:7001", "zalo", "chu oi giup con voi"))
    assert "chu oi giup con voi" in apis.sent_to(CUONG)[-1]["text"]
    answer = message_in(private_chat(CUONG), CUONG, "Con mang CCCD cũ lên xã nhé.",
                        reply_to=as_message(apis.sent_to(CUONG)[-1]))
    assert run(service.handle_volunteer_update(answer))
    assert apis.zalo_texts("7001")[-1] == "Lê Văn Cường (tình nguyện viên): Con mang CCCD cũ lên xã nhé."
    assert run(service.handle_volunteer_update(message_in(private_chat(CUONG), CUONG, "/xong")))
    assert service.store.get(ticket.id).status == CLOSED


def test_escalation_with_an_official_who_never_started_the_bot_tells_the_group(apis, service,
                                                                              clock):
    apis.block(CUONG)
    ticket = open_ticket(service)
    for _ in range(3):
        clock.advance(16)
        run(service.run_due())
    assert service.store.get(ticket.id).escalated_at is not None
    assert "Chưa có cán bộ nào" in group_posts(apis)[-1]["text"]


def test_idle_ticket_expires_and_the_citizen_is_told(apis, service, clock, settings):
    ticket = open_ticket(service)
    run(service.handle_volunteer_update(press(as_message(group_posts(apis)[0]),
                                              f"claim:{ticket.id}", AN)))
    clock.advance(settings.expire_hours * 60 + 1)
    assert run(service.run_due()).expired == 1
    assert service.store.get(ticket.id).status == CLOSED
    assert "chưa có người hỗ trợ trả lời được" in apis.zalo_texts("7001")[-1]
    assert run(service.route_citizen_message("zalo:7001", "zalo", "alo")) is False


def test_a_post_that_failed_is_retried_by_the_watcher(apis, service, clock):
    apis.block(THANH_PHONG_GROUP)
    result = run(service.open_ticket("zalo:7002", "zalo", "thanh_phong", None, ["giup toi"]))
    assert result.status == "opened" and not result.posted
    assert service.store.get(result.ticket.id).announcements == 0
    apis.block()
    clock.advance(1)
    assert run(service.run_due()).retried == 1
    assert len([m for m in group_posts(apis) if m.get("reply_markup")]) == 1


def test_watcher_runs_as_a_module(apis, settings, tmp_path):
    service = make_service(settings)
    open_ticket(service)
    env = {"PATH": "/usr/bin:/bin", "DVCBOT_DATABASE_URL": settings.database_url,
           "DVCBOT_TEAMS_FILE": str(settings.teams_file), "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
           "TELEGRAM_API_BASE_URL": settings.telegram_base_url.removesuffix("/bot"),
           "DVCBOT_HANDOFF_REANNOUNCE_MINUTES": "0.01", "DVCBOT_STATE_DIR": str(tmp_path)}
    time.sleep(1)   # older than DVCBOT_HANDOFF_REANNOUNCE_MINUTES=0.01 (0.6 s)
    done = subprocess.run([sys.executable, "-m", "bot.handoff.watcher", "--once"], cwd=REPO_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 re-announced" in done.stderr
    assert group_posts(apis)[-1]["text"].startswith("🔔 Nhắc lại lần 1")
