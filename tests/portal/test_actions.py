"""The dossier actions as Rasa calls them (rasa_sdk Tracker + CollectingDispatcher), with
the portal simulator behind them over real HTTP and a real SQLite database."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dossier import (ActionCheckDossierStatus, ActionNotifyDossierChange,
                             ActionSubscribeDossier, ActionUnsubscribeDossier, ValidateDossierForm)
from actions.portal.subscriptions import SubscriptionStore

REPO_ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))

IN_PROGRESS = "000.00.99.H99-250701-0001"
NEED_PAPERS = "000.00.99.H99-250701-0002"
RETURNED = "000.00.99.H99-250701-0005"
LATE = "38.99.H99-250702-0012"
UNKNOWN_STATUS = "000.00.99.H99-250702-0013"


def make_tracker(text: str = "", intent: str = "check_dossier_status", *, entities=(),
                 slots: Optional[dict] = None, sender: str = "citizen-1", channel: str = "telegram",
                 tail: tuple = (), active_loop: Optional[str] = None) -> Tracker:
    all_slots = {"dossier_code": None, "phone_suffix": None, "dossier_goal": None,
                 "requested_slot": None, "pending_offer": None, **(slots or {})}
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.96},
              "entities": list(entities)}
    events = [{"event": "user", "text": text, "input_channel": channel, "parse_data": latest}, *tail]
    return Tracker(sender, all_slots, latest, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def form_reply(text: str, intent: str = "check_dossier_status", requested: str = "dossier_code",
               **slots: Any) -> Tracker:
    """The tracker the form's validation sees after the citizen answered `requested`."""
    return make_tracker(text, intent, slots={requested: text, "requested_slot": requested, **slots},
                        tail=({"event": "action", "name": "dossier_form"},
                              {"event": "slot", "name": requested, "value": text}),
                        active_loop="dossier_form")


def run(action, tracker: Tracker) -> tuple[list[str], dict[str, Any], list[dict]]:
    """(texts said, slots set, all events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    texts = [m.get("text") or m.get("response") or "" for m in dispatcher.messages]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return texts, slots, events


def followup(events: list[dict]) -> Optional[str]:
    return next((e["name"] for e in events if e.get("event") == "followup"), None)


# --------------------------------------------------------------------------- the form

@pytest.mark.parametrize("typed", [
    "000.00.99.h99 - 250701 - 0001",
    "mã hồ sơ của tôi là 000,00,99,H99–250701–0001 nhé",
    "GIẤY TIẾP NHẬN HỒ SƠ\nMã hồ sơ: 000.00.99.H99-250701-0001\nNgày hẹn trả: 28/11",
])
def test_a_code_pasted_anyhow_fills_the_form(typed):
    texts, slots, _ = run(ValidateDossierForm(), form_reply(typed))
    assert slots["dossier_code"] == IN_PROGRESS and texts == []


def test_a_bad_code_gets_the_expected_shape_with_an_example():
    texts, slots, _ = run(ValidateDossierForm(), form_reply("000.00.99.H99-250701-001"))
    assert slots["dossier_code"] is None
    assert len(texts) == 1
    assert "4 chữ số" in texts[0] and "000.00.12.H05-211020-0001" in texts[0]
    assert "giấy biên nhận" in texts[0]


def test_a_code_nlu_missed_in_the_first_message_is_still_read():
    tracker = make_tracker("tra ho so 000 . 00 . 99 . h99-250701-0001 giup toi")
    texts, slots, _ = run(ValidateDossierForm(), tracker)
    assert slots["dossier_code"] == IN_PROGRESS and texts == []


def test_asking_something_else_leaves_the_form_and_gets_that_answer():
    tracker = form_reply("lệ phí khai sinh bao nhiêu", intent="ask_fee")
    texts, slots, _ = run(ValidateDossierForm(), tracker)
    assert slots["requested_slot"] is None and slots["dossier_code"] is None and texts == []
    texts, _, events = run(ActionCheckDossierStatus(), make_tracker("lệ phí khai sinh bao nhiêu", "ask_fee"))
    assert followup(events) == "action_answer_procedure" and texts == []


def test_saying_no_leaves_the_form_politely():
    texts, slots, _ = run(ValidateDossierForm(), form_reply("thôi không tra nữa", intent="deny"))
    assert slots["requested_slot"] is None
    texts, _, events = run(ActionCheckDossierStatus(), make_tracker("thôi không tra nữa", "deny"))
    assert followup(events) is None and len(texts) == 1 and "dừng tra cứu" in texts[0]


def test_the_phone_digits_are_asked_by_default_and_not_when_turned_off(monkeypatch):
    monkeypatch.setenv("DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX", "0")
    tracker = form_reply(IN_PROGRESS)
    _, slots, _ = run(ValidateDossierForm(), tracker)
    assert "requested_slot" not in slots            # Rasa's form ends itself: nothing else to ask
    monkeypatch.delenv("DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX")
    _, slots, _ = run(ValidateDossierForm(), form_reply(IN_PROGRESS))
    assert slots["dossier_code"] == IN_PROGRESS and slots["requested_slot"] == "phone_suffix"
    # phone_suffix has a custom mapping: the validation action itself reads the reply
    reply = make_tracker("số cuối là 0001", slots={"dossier_code": IN_PROGRESS,
                                                   "requested_slot": "phone_suffix"},
                         tail=({"event": "action", "name": "dossier_form"},), active_loop="dossier_form")
    texts, slots, _ = run(ValidateDossierForm(), reply)
    assert slots["phone_suffix"] == "0001" and slots["requested_slot"] is None and texts == []
    texts, slots, _ = run(ValidateDossierForm(), form_reply("01", requested="phone_suffix",
                                                            dossier_code=IN_PROGRESS))
    assert slots["phone_suffix"] is None and "4 chữ số cuối" in texts[0]


# --------------------------------------------------------------------------- the answer

def right_digits(code: Optional[str]) -> Optional[str]:
    """The simulator's applicant phone for `...-00NN` ends in `00NN`."""
    return code[-4:] if code else None


def check(code: Optional[str], text: str = "", sender: str = "citizen-1", **slots: Any):
    slots.setdefault("phone_suffix", right_digits(code))
    return run(ActionCheckDossierStatus(), make_tracker(text, sender=sender,
                                                        slots={"dossier_code": code, **slots}))


def test_a_dossier_waiting_for_papers_says_what_to_do(portal_env):
    texts, slots, _ = check(NEED_PAPERS)
    (answer,) = texts
    assert answer.startswith(f"Hồ sơ {NEED_PAPERS}:")
    assert "Đăng ký thường trú" in answer and "Chờ bổ sung hồ sơ" in answer
    assert "mang giấy còn thiếu" in answer
    assert "còn 5 ngày" in answer
    assert "Trần" not in answer and "0900000002" not in answer    # no name unless turned on
    assert slots == {"phone_suffix": None, "dossier_verified": NEED_PAPERS,
                     "dossier_code": NEED_PAPERS, "pending_offer": "subscribe_dossier"}


def test_the_masked_name_is_shown_only_when_the_operator_turns_it_on(portal_env, monkeypatch):
    monkeypatch.setenv("DVCBOT_DOSSIER_SHOW_NAME", "1")
    (answer,), _, _ = check(NEED_PAPERS)
    assert "Trần T. B." in answer and "Trần Thị Bình" not in answer


@pytest.mark.parametrize("code, status_words, next_words", [
    ("000.00.99.H99-250701-0001", "Đang xử lý", "chờ đến ngày hẹn"),
    ("000.00.99.H99-250701-0003", "Chờ thực hiện nghĩa vụ tài chính", "giữ lại biên lai"),
    ("000.00.99.H99-250701-0004", "Đã có kết quả", "giấy biên nhận và giấy tờ tùy thân"),
    ("000.00.99.H99-250701-0005", "Đã trả kết quả", "chưa nhận được kết quả"),
    ("000.00.99.H99-250701-0006", "Quá hạn", "lý do trễ"),
    ("000.00.99.H99-250701-0007", "Từ chối", "lý do từ chối"),
    ("000.00.99.H99-250701-0008", "Đã hủy", "nộp hồ sơ mới"),
    ("000.00.99.H99-250701-0009", "Tạm dừng xử lý", "lý do"),
    ("000.00.99.H99-250701-0010", "Đã tiếp nhận", "chưa cần làm gì"),
    ("000.00.99.H99-250701-0011", "Đã tiếp nhận", "chưa cần làm gì"),
    (UNKNOWN_STATUS, "Đang chuyển liên thông", "giấy biên nhận"),
])
def test_every_status_is_explained_with_the_next_step(portal_env, code, status_words, next_words):
    (answer,), slots, _ = check(code)
    assert f"Tình trạng: {status_words}." in answer
    assert next_words in answer
    final = code in {RETURNED, "000.00.99.H99-250701-0007", "000.00.99.H99-250701-0008"}
    assert ("theo dõi" in answer) != final             # no offer to follow a finished dossier
    assert slots["pending_offer"] == (None if final else "subscribe_dossier")


def test_a_late_dossier_says_how_late(portal_env):
    (answer,), _, _ = check(LATE)
    assert "đã trễ hẹn 2 ngày" in answer and "lý do trễ" in answer


def test_an_unknown_code_suggests_checking_the_receipt(portal_env):
    texts, slots, _ = check("000.00.99.H99-250701-0099")
    assert len(texts) == 1 and "không tìm thấy" in texts[0] and "giấy biên nhận" in texts[0]
    assert "số điện thoại" in texts[0]          # unknown code and wrong digits: the same answer
    assert slots["dossier_code"] is None


@pytest.mark.parametrize("fault", [
    {"action": "fail", "status": 500, "count": None},
    {"action": "slow", "seconds": 6, "count": None},
    {"action": "malformed", "mode": "not_json", "count": None},
])
def test_a_portal_that_does_not_answer_is_said_so_within_about_3_seconds(portal_env, fault):
    portal_env.control(fault.pop("action"), **fault)
    started = time.monotonic()
    texts, slots, _ = check(IN_PROGRESS)
    elapsed = time.monotonic() - started
    assert elapsed < 3.6, elapsed
    assert len(texts) == 1 and "không trả lời" in texts[0] and "theo dõi" in texts[0]
    assert slots == {"phone_suffix": None, "dossier_code": IN_PROGRESS,
                     "pending_offer": "retry_dossier"}


def test_no_portal_configured_is_an_answer_too(database_url, monkeypatch):
    monkeypatch.delenv("DVCBOT_PORTAL_URL", raising=False)
    from actions.portal.client import reset_default_adapter
    reset_default_adapter()
    texts, _, _ = check(IN_PROGRESS)
    assert len(texts) == 1 and "không trả lời" in texts[0]


def test_only_the_right_phone_digits_show_the_dossier_and_they_are_used_once(portal_env):
    texts, slots, _ = check(IN_PROGRESS, phone_suffix="9999")
    assert "không tìm thấy hồ sơ nào khớp" in texts[0] and "Đang xử lý" not in texts[0]
    assert slots == {"dossier_code": None, "phone_suffix": None}
    texts, slots, _ = check(IN_PROGRESS, phone_suffix="0001")
    assert "Đang xử lý" in texts[0] and slots["phone_suffix"] is None


def test_a_look_up_without_the_phone_digits_asks_them_first(portal_env):
    texts, slots, events = check(IN_PROGRESS, phone_suffix=None)
    assert texts == [] and followup(events) == "dossier_form"
    assert slots == {"dossier_code": IN_PROGRESS}


def test_a_repeat_question_with_no_code_asks_for_it():
    texts, _, _ = run(ActionCheckDossierStatus(), make_tracker("hồ sơ của tôi tới đâu rồi"))
    assert len(texts) == 1 and "mã hồ sơ" in texts[0] and "000.00.12.H05-211020-0001" in texts[0]


# --------------------------------------------------------------------------- following

def subscribe(text: str = "theo dõi", code: Optional[str] = None, sender: str = "citizen-1",
              channel: str = "telegram", **slots: Any):
    slots.setdefault("phone_suffix", right_digits(code))
    return run(ActionSubscribeDossier(), make_tracker(text, "subscribe_dossier", sender=sender,
                                                      channel=channel,
                                                      slots={"dossier_code": code, **slots}))


def test_following_a_dossier_stores_the_conversation_channel_and_status(portal_env, database_url):
    texts, _, _ = subscribe(code=NEED_PAPERS)
    assert "Đã bật theo dõi hồ sơ" in texts[-1] and "hủy theo dõi" in texts[-1]
    (row,) = SubscriptionStore(database_url).subscription_rows()
    assert (row["sender_id"], row["channel"], row["code"]) == ("citizen-1", "telegram", NEED_PAPERS)
    assert row["active"] and row["last_status"] == "need_more_papers"
    texts, slots, _ = check(NEED_PAPERS)                  # now the answer says it is followed
    assert "Tôi đang theo dõi hồ sơ này" in texts[0] and slots["pending_offer"] is None


def test_a_zalo_citizen_following_a_dossier_is_told_zalo_only_notifies_within_7_days(
        portal_env, database_url, monkeypatch):
    monkeypatch.delenv("ZALO_TEMPLATE_STATUS_ID", raising=False)
    texts, _, _ = subscribe(code=NEED_PAPERS, sender="zalo:2512523625412515", channel="zalo")
    assert "Đã bật theo dõi hồ sơ" in texts[-2]
    assert "7 ngày" in texts[-1] and "Telegram" in texts[-1] and "web chat" in texts[-1]
    # with a ZBS template the notices reach Zalo citizens at any time: no such warning
    monkeypatch.setenv("ZALO_TEMPLATE_STATUS_ID", "418362")
    texts, _, _ = subscribe(code=NEED_PAPERS, sender="zalo:2512523625412516", channel="zalo")
    assert "Đã bật theo dõi hồ sơ" in texts[-1] and not any("7 ngày" in t for t in texts)
    # and a Telegram citizen is never told
    texts, _, _ = subscribe(code=NEED_PAPERS, sender="tg:77", channel="telegram")
    assert not any("7 ngày" in t for t in texts)


def test_following_by_naming_the_code_in_the_message(portal_env, database_url):
    subscribe(text=f"theo doi ho so {NEED_PAPERS.lower()} giup toi",
              phone_suffix=right_digits(NEED_PAPERS))
    assert SubscriptionStore(database_url).subscription_rows()[0]["code"] == NEED_PAPERS


def test_a_finished_dossier_is_not_followed(portal_env, database_url):
    texts, _, _ = subscribe(code=RETURNED)
    assert "đã kết thúc" in texts[0]
    assert SubscriptionStore(database_url).subscription_rows() == []


def test_following_while_the_portal_is_down_is_not_done_unverified(portal_env, database_url):
    portal_env.control("fail", status=503, count=None)
    texts, slots, _ = subscribe(code=IN_PROGRESS)
    assert "không trả lời" in texts[0] and slots["pending_offer"] == "retry_dossier"
    assert SubscriptionStore(database_url).subscription_rows() == []


def test_following_without_a_code_asks_for_it_then_follows(portal_env, database_url):
    texts, slots, events = subscribe()
    assert texts == [] and followup(events) == "dossier_form" and slots["dossier_goal"] == "subscribe"
    texts, slots, _ = check(IN_PROGRESS, dossier_goal="subscribe")
    assert "Đã bật theo dõi" in texts[-1] and slots["dossier_goal"] is None
    assert SubscriptionStore(database_url).subscription_rows()[0]["code"] == IN_PROGRESS


def unsubscribe(text: str = "hủy theo dõi", sender: str = "citizen-1"):
    return run(ActionUnsubscribeDossier(), make_tracker(text, "unsubscribe_dossier", sender=sender))


def test_stopping_ends_this_conversations_subscriptions_only(portal_env, database_url):
    subscribe(code=IN_PROGRESS)
    subscribe(code=NEED_PAPERS)
    subscribe(code=IN_PROGRESS, sender="someone-else")
    texts, _, _ = unsubscribe(f"hủy theo dõi hồ sơ {IN_PROGRESS}")
    assert IN_PROGRESS in texts[0] and "dừng theo dõi" in texts[0]
    store = SubscriptionStore(database_url)
    assert store.active_codes("citizen-1", "telegram") == [NEED_PAPERS]
    texts, _, _ = unsubscribe()
    assert NEED_PAPERS in texts[0]
    assert store.active_codes("citizen-1", "telegram") == []
    assert store.active_codes("someone-else", "telegram") == [IN_PROGRESS]
    texts, _, _ = unsubscribe()
    assert "không theo dõi hồ sơ nào" in texts[0]


# --------------------------------------------------------------------------- notifications

def notify(entities: dict[str, str]):
    tracker = make_tracker("EXTERNAL: EXTERNAL_dossier_status_changed", "EXTERNAL_dossier_status_changed",
                           entities=[{"entity": k, "value": v} for k, v in entities.items()])
    return run(ActionNotifyDossierChange(), tracker)


def test_a_change_notice_explains_the_new_status_and_what_to_do(database_url):
    (text,), _, _ = notify({"code": IN_PROGRESS, "status": "Đã có kết quả", "status_key": "result_ready",
                            "kind": "changed", "dossier_procedure": "Đăng ký khai sinh"})
    assert f"Hồ sơ {IN_PROGRESS} vừa thay đổi tình trạng: Đã có kết quả." in text
    assert "Đăng ký khai sinh" in text and "nhận kết quả" in text
    (text,), _, _ = notify({"code": IN_PROGRESS, "status": "Đã trả kết quả", "kind": "changed"})
    assert "dừng theo dõi" in text


def test_a_notice_is_said_once_even_if_delivered_twice(portal_env, database_url):
    from actions.portal.subscriptions import Observation

    store = SubscriptionStore(database_url)
    store.subscribe("citizen-1", "telegram", IN_PROGRESS, "in_progress", "Đang xử lý")
    (notification_id,) = store.record(IN_PROGRESS, Observation(True, "result_ready", "Đã có kết quả",
                                                               "result_ready"))
    (pending,) = store.pending()
    first, _, _ = notify(pending.entities())
    second, _, _ = notify(pending.entities())
    assert len(first) == 1 and second == []
    assert pending.entities()["notification_id"] == str(notification_id)
