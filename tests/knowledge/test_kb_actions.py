"""The answer actions as Rasa calls them: the answer comes in two messages (the fact, then the
legal basis and link), and a follow-up naming a condition gets the fee for that citizen."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerProcedure
from actions.conversation import ActionFallback
from actions.replies import reply
from knowledge.base import KnowledgeBase

REPO_ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def bot_kb(tmp_path, monkeypatch):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    monkeypatch.delenv("DVCBOT_KNOWLEDGE_DIR", raising=False)
    monkeypatch.delenv("DVCBOT_PLACES_FILE", raising=False)
    KnowledgeBase.clear_cache()
    yield KnowledgeBase.open()
    KnowledgeBase.clear_cache()


def tracker(text: str, intent: str, **slots) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker("citizen-1", {"procedure": None, "pending_aspect": None, "last_aspect": None,
                                 "failed_understandings": 0, **slots},
                   latest, events, False, None, {}, "action_listen")


def run(action, t: Tracker) -> tuple[list[str], dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return ([m.get("text") or m.get("response") or "" for m in dispatcher.messages],
            {e["name"]: e["value"] for e in events if e.get("event") == "slot"})


def test_fee_question_is_answered_in_two_messages_fact_first_then_basis_and_link(bot_kb):
    texts, slots = run(ActionAnswerProcedure(), tracker("doi cccd bn tien", "ask_fee"))
    expected = bot_kb.answer("can_cuoc", "fee")
    assert texts == expected.messages
    assert len(texts[0]) <= 600 and texts[0].startswith("Lệ phí Cấp, đổi, cấp lại thẻ căn cước")
    assert texts[1].startswith("Căn cứ: ") and "Xem thêm: " in texts[1]
    assert slots["procedure"] == "can_cuoc" and slots["last_aspect"] == "fee"


def test_online_follow_up_after_a_fee_answer_gives_the_online_fee_for_that_procedure(bot_kb):
    texts, slots = run(ActionAnswerProcedure(),
                       tracker("nộp online thì sao?", "ask_online", procedure="can_cuoc", last_aspect="fee"))
    assert texts[0].startswith("Lệ phí Cấp, đổi, cấp lại thẻ căn cước – nộp trực tuyến")
    assert "công dân số" in texts[0] and reply("offer_online_steps") not in texts
    assert slots["last_aspect"] == "fee"


def test_online_question_without_a_fee_before_gets_the_online_answer_and_the_guide_offer(bot_kb):
    texts, _ = run(ActionAnswerProcedure(),
                   tracker("nộp online được không", "ask_online", procedure="can_cuoc"))
    assert "nộp trực tuyến được qua" in texts[0]
    assert reply("offer_online_steps") in texts


def test_poor_household_follow_up_the_nlu_did_not_understand_still_gets_its_fee(bot_kb):
    texts, slots = run(ActionFallback(), tracker("tôi là hộ nghèo", "nlu_fallback", procedure="khai_sinh"))
    assert texts[0].startswith("Lệ phí Đăng ký khai sinh – người thuộc hộ nghèo")
    assert "người thuộc hộ nghèo, người khuyết tật: miễn phí" in texts[0]
    assert slots["failed_understandings"] == 0


def test_condition_words_without_a_procedure_in_context_fall_back_as_before(bot_kb):
    texts, slots = run(ActionFallback(), tracker("tôi là hộ nghèo", "nlu_fallback"))
    assert texts == [reply("rephrase")] and slots["failed_understandings"] == 1


def test_student_follow_up_classified_as_a_fee_question(bot_kb):
    texts, _ = run(ActionAnswerProcedure(),
                   tracker("con toi la hoc sinh thi sao", "ask_fee", procedure="ly_lich_tu_phap"))
    assert "– học sinh" in texts[0] and "100.000 đồng" in texts[0].split("Mức chung:")[0]


def test_a_papers_question_is_not_turned_into_a_fee_answer_by_a_condition_word(bot_kb):
    texts, _ = run(ActionAnswerProcedure(),
                   tracker("hộ nghèo cần giấy tờ gì", "ask_documents", procedure="khai_sinh"))
    assert texts[0].startswith("Giấy tờ cần cho Đăng ký khai sinh")


@pytest.mark.parametrize("said, intent, procedure, start", [
    ("bao lâu phải đi khai sinh cho con", "ask_processing_time", None, "Thời hạn phải làm Đăng ký khai sinh"),
    ("trễ hạn thì sao", "ask_fee", "khai_tu", "Thời hạn phải làm Đăng ký khai tử"),
    ("xây nhà cấp 4 ở quê có cần giấy phép không", "ask_procedure", None,
     "Trường hợp không phải xin/làm Cấp giấy phép xây dựng"),
    ("có được xin lý lịch tư pháp dùm cha không", "ask_procedure", None, "Ai được làm Cấp Phiếu lý lịch tư pháp"),
    ("bao nhiêu tuổi thì được kết hôn", "ask_procedure", None, "Ai được làm Đăng ký kết hôn"),
])
def test_deadline_late_permit_and_eligibility_questions_get_those_answers(bot_kb, said, intent, procedure, start):
    texts, slots = run(ActionAnswerProcedure(), tracker(said, intent, procedure=procedure))
    assert texts[0].startswith(start), texts
    assert texts[1].startswith("Căn cứ: ")


def test_a_deadline_question_without_a_procedure_asks_which_and_remembers_the_aspect(bot_kb):
    texts, slots = run(ActionAnswerProcedure(), tracker("bao lâu phải đi đăng ký", "ask_processing_time"))
    assert texts == [reply("ask_which_procedure")] and slots["pending_aspect"] == "deadline"


def test_a_fee_exemption_question_stays_a_fee_question(bot_kb):
    texts, _ = run(ActionAnswerProcedure(), tracker("làm lý lịch tư pháp có được miễn phí không", "ask_fee"))
    assert texts[0].startswith("Lệ phí Cấp Phiếu lý lịch tư pháp")
