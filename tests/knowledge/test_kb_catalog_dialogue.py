"""The answer action with the catalogue behind it, as Rasa calls it (rasa_sdk Tracker +
CollectingDispatcher): what the citizen reads when the procedure is not curated."""

from __future__ import annotations

import asyncio
from typing import Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerProcedure
from actions.replies import reply

DOI_GPLX_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-bda8-740c-9f49-ddaae438530d"
LAI_KHAI_TU_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6ebc-709e-8678-a9f8b66738f2"


def make_tracker(text: str, intent: str, slots: Optional[dict] = None, entities=()) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": list(entities)}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    all_slots = {"procedure": None, "pending_aspect": None, "failed_understandings": 0, **(slots or {})}
    return Tracker("citizen-1", all_slots, latest, events, False, None, {}, "action_listen")


def run(text: str, intent: str, **slots) -> tuple[list[str], dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerProcedure().run(dispatcher, make_tracker(text, intent, slots), {}))
    said = [m.get("text") or m.get("response") or "" for m in dispatcher.messages]
    return said, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_uncurated_procedure_is_answered_from_the_catalogue():
    said, slots = run("dang ky lai khai tu o dau", "ask_where")
    assert said[0].startswith("Đăng ký lại khai tử (mã 1.005461).")
    assert "Ủy ban Nhân dân xã" in said[0] and LAI_KHAI_TU_PAGE in said[0]
    assert len(said[0]) <= 600
    assert slots["procedure"] == "tthc:1.005461" and slots["pending_aspect"] is None


def test_follow_up_question_keeps_the_catalogue_procedure():
    said, slots = run("le phi bao nhieu", "ask_fee", procedure="tthc:1.010038")
    assert said[0].startswith("Tách hộ (mã 1.010038).") and "10.000 đồng" in said[0]
    assert "Cơ sở dữ liệu quốc gia về TTHC, cập nhật 29/04/2026" in said[0]
    assert said[1].startswith("Căn cứ pháp lý:")          # second message: the legal bases
    assert slots["procedure"] == "tthc:1.010038"


def test_pending_aspect_is_answered_once_the_citizen_names_an_uncurated_procedure():
    # "lệ phí bao nhiêu?" -> "bạn hỏi về thủ tục nào?" -> "đăng ký giám hộ"
    said, _ = run("dang ky lai khai tu", "ask_procedure", pending_aspect="fee")
    assert said[0].startswith("Đăng ký lại khai tử (mã 1.005461).") and "Lệ phí" in said[0]


def test_a_new_uncurated_procedure_replaces_the_curated_one_carried_over():
    said, slots = run("con dang ky lai khai tu thi sao", "ask_procedure", procedure="khai_sinh")
    assert "1.005461" in said[0] and slots["procedure"] == "tthc:1.005461"


@pytest.mark.parametrize("text, intent, key", [
    ("lam giay khai sinh can giay to gi", "ask_documents", "khai_sinh"),
    ("le phi bao nhieu", "ask_fee", "khai_sinh"),             # carried over, nothing new named
])
def test_curated_procedures_keep_their_own_answer(text, intent, key):
    said, slots = run(text, intent, procedure="khai_sinh")
    assert slots["procedure"] == key and "(mã " not in said[0]


def test_nothing_named_and_nothing_carried_over_still_asks_which_procedure():
    said, slots = run("le phi bao nhieu", "ask_fee")
    assert said == [reply("ask_which_procedure")] and slots["pending_aspect"] == "fee"


def test_abolished_code_carried_over_is_not_answered_as_current():
    said, _ = run("le phi bao nhieu", "ask_fee", procedure="tthc:2.001195")
    assert "đã bị bãi bỏ" in said[0] and "đồng" not in said[0]
