"""`action_request_human` as the action server runs it: a Rasa action call (the JSON Rasa posts
to the action server) goes through rasa-sdk's executor; the ticket goes to the fake Telegram."""

from __future__ import annotations

import time
import uuid

import pytest
from rasa_sdk.executor import ActionExecutor

from bot.handoff import reset_service
from bot.paths import REPO_ROOT

from .conftest import (AN_QUI_GROUP, TELEGRAM_TOKEN, THANH_PHONG_GROUP, ZALO_TOKEN, run)

PHONE = "0987654321"
# what action_affirm sets when the citizen answers "đồng ý" to the consent question
CONSENTED = {"pending_offer": "handoff_consented"}


@pytest.fixture()
def executor(apis, teams_file, monkeypatch):
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(teams_file))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", apis.url)
    monkeypatch.setenv("ZALO_API_BASE_URL", apis.url)
    monkeypatch.setenv("ZALO_ACCESS_TOKEN", ZALO_TOKEN)
    reset_service()
    ex = ActionExecutor()
    ex.register_package("actions.handoff")
    yield ex
    reset_service()


def action_call(sender: str, channel: str, user_texts: list[str], slots: dict,
                entities: list | None = None) -> dict:
    events, now = [], time.time() - 60
    for index, text in enumerate(user_texts):
        events.append({"event": "user", "timestamp": now + index, "text": text,
                       "input_channel": channel,
                       "parse_data": {"intent": {"name": "ask_documents", "confidence": 0.9},
                                      "entities": [], "text": text}})
        events.append({"event": "bot", "timestamp": now + index + 0.5,
                       "text": "Bạn cần tờ khai đăng ký khai sinh.", "data": {}})
    latest = {"intent": {"name": "request_human", "confidence": 0.95},
              "entities": entities or [], "text": user_texts[-1]}
    events[-2]["parse_data"] = latest
    return {"next_action": "action_request_human", "sender_id": sender, "version": "3.6.2",
            "tracker": {"sender_id": sender, "slots": slots, "latest_message": latest,
                        "events": events, "paused": False, "followup_action": None,
                        "active_loop": {}, "latest_action_name": "action_listen"},
            "domain": {}}


def texts_of(response: dict) -> list[str]:
    return [r.get("text") or "" for r in response["responses"]]


def slot_events(response: dict) -> dict:
    return {e["name"]: e["value"] for e in response["events"] if e.get("event") == "slot"}


def test_citizen_asking_for_a_person_is_told_someone_will_answer_and_the_team_gets_a_ticket(
        executor, apis):
    sender = f"zalo:{uuid.uuid4().hex[:10]}"
    response = run(executor.run(action_call(
        sender, "zalo", [f"lam khai sinh cho con, sdt {PHONE}", "chuyển người thật"],
        {"commune": "thanh_phong", "procedure": "khai_sinh", **CONSENTED})))
    said = " ".join(texts_of(response))
    assert "tổ tình nguyện viên xã Thạnh Phong" in said
    # the places data has no hours for this commune: no invented hours
    assert "khi có người trực" in said and "giờ làm việc" not in said
    slots = slot_events(response)
    ticket_id = int(slots["handoff_ticket"])
    posts = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")]
    assert len(posts) == 1 and f"#{ticket_id}" in posts[0]["text"]
    assert "Đăng ký khai sinh" in posts[0]["text"]
    assert "lam khai sinh cho con" in posts[0]["text"] and PHONE not in posts[0]["text"]

    # asking again while waiting does not open a second ticket
    again = run(executor.run(action_call(sender, "zalo", ["gặp người thật"],
                                         {"commune": "thanh_phong"})))
    assert "đã được chuyển" in " ".join(texts_of(again))
    assert len([m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")]) == 1


def test_commune_named_in_the_message_by_its_former_name(executor, apis):
    sender = f"tg:{uuid.uuid4().int % 10**9}"
    response = run(executor.run(action_call(sender, "telegram",
                                            ["cho tôi gặp người thật, tôi ở xã An Nhơn"],
                                            dict(CONSENTED))))
    assert "xã An Qui" in " ".join(texts_of(response))
    assert len(apis.sent_to(AN_QUI_GROUP)) == 1


def test_commune_without_a_team_gets_the_one_stop_desk_and_an_honest_answer(executor, apis):
    response = run(executor.run(action_call("zalo:dd1", "zalo", ["gặp người thật"],
                                            {"commune": "dai_dien"})))
    said = texts_of(response)
    assert "chưa có tổ tình nguyện viên" in said[0] and "xã Đại Điền" in said[0]
    assert "một cửa" in said[1].lower()
    assert "handoff_ticket" not in slot_events(response)
    assert apis.calls("telegram") == []


def test_unknown_commune_asks_which_one_with_a_button_per_commune(executor, apis):
    response = run(executor.run(action_call("zalo:nc1", "zalo", ["gặp người thật"], {})))
    first = response["responses"][0]
    assert "xã nào" in first["text"]
    payloads = [b["payload"] for b in first["buttons"]]
    assert '/request_human{"commune": "thanh_phong"}' in payloads and len(payloads) == 6
    assert apis.calls("telegram") == []


def test_without_a_telegram_token_the_citizen_gets_the_desk_not_a_promise(executor, apis,
                                                                         monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    reset_service()
    response = run(executor.run(action_call("zalo:nt1", "zalo", ["gặp người thật"],
                                            {"commune": "thanh_phong"})))
    said = " ".join(texts_of(response))
    assert "chưa chuyển được" in said and "sẽ nhắn cho bạn" not in said


def test_the_placeholder_action_is_gone_from_conversation_module():
    import actions.conversation as conversation

    assert not hasattr(conversation, "ActionRequestHuman")
    ex = ActionExecutor()
    ex.register_package("actions")
    assert ex.actions["action_request_human"].__module__ == "actions.handoff"


def test_when_the_places_data_states_the_desk_hours_the_citizen_is_told_them(
        executor, apis, tmp_path, monkeypatch):
    original = (REPO_ROOT / "knowledge" / "data" / "places" / "vinh_long_thanh_phu.yml")
    text = original.read_text(encoding="utf-8")
    block = text.index("key: thanh_phong")
    hours = "Sáng thứ Hai đến thứ Sáu, 7:00 - 11:00 (dữ liệu thử)"
    patched = text[:block] + text[block:].replace(
        "      hours: unknown",
        f"      hours: \"{hours}\"\n      source: https://vinhlong.gov.vn\n      verified_on: 2026-11-25", 1)
    places = tmp_path / "places.yml"
    places.write_text(patched, encoding="utf-8")
    monkeypatch.setenv("DVCBOT_PLACES_FILE", str(places))
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'kb-hours.sqlite3'}")
    reset_service()
    response = run(executor.run(action_call("zalo:hours1", "zalo", ["gặp người thật"],
                                            {"commune": "thanh_phong", **CONSENTED})))
    said = " ".join(texts_of(response))
    assert f"trong giờ làm việc của xã ({hours})" in said
    assert "khi có người trực" not in said


def test_nothing_is_relayed_before_the_citizen_agrees(executor, apis):
    sender = f"zalo:{uuid.uuid4().hex[:10]}"
    asked = run(executor.run(action_call(sender, "zalo", [f"sdt {PHONE} gặp người thật"],
                                         {"commune": "thanh_phong"})))
    (question,) = asked["responses"]
    assert "nhóm Telegram" in question["text"] and "Bạn đồng ý không?" in question["text"]
    assert [b["title"] for b in question["buttons"]] == ["Đồng ý", "Không"]
    assert slot_events(asked)["pending_offer"] == "handoff_consent"
    assert apis.calls("telegram") == []                      # nothing posted, no ticket
    assert "handoff_ticket" not in slot_events(asked)

    # "đồng ý": action_affirm accepts the offer it was made for, and says it was consent
    from actions.conversation import ActionAffirm
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    yes = Tracker(sender, {"pending_offer": "handoff_consent"}, {"text": "đồng ý"}, [], False,
                  None, {}, "action_listen")
    events = run(ActionAffirm().run(CollectingDispatcher(), yes, {}))
    assert {"event": "followup", "name": "action_request_human", "timestamp": None} in events
    consented = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    opened = run(executor.run(action_call(sender, "zalo", [f"sdt {PHONE} gặp người thật", "đồng ý"],
                                          {"commune": "thanh_phong", **consented})))
    assert "handoff_ticket" in slot_events(opened)
    posts = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")]
    assert len(posts) == 1 and PHONE not in posts[0]["text"]
