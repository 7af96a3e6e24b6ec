"""action_answer_procedure as Rasa calls it (rasa_sdk Tracker + CollectingDispatcher): which
procedure the reply is about, every aspect asked in one reply, guesses instead of reuse."""

from __future__ import annotations

import asyncio
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerProcedure
from actions.replies import REPLIES
from knowledge import KnowledgeBase


@pytest.fixture
def kb(tmp_path, monkeypatch):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    KnowledgeBase.clear_cache()
    yield KnowledgeBase.open()
    KnowledgeBase.clear_cache()


def reply(text, intent, slots=None, entities=(), aspects=None):
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    if aspects is not None:
        message["aspects"] = aspects
    tracker = Tracker("citizen", dict(slots or {}), message, [], False, None, {}, None)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerProcedure().run(dispatcher, tracker, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def procedure(key):
    return {"entity": "procedure", "value": key}


def test_several_aspects_are_answered_in_one_reply_in_the_order_asked(kb):
    messages, slots = reply("khai tử nộp ở đâu và cần giấy tờ gì", "ask_where",
                            entities=[procedure("khai_tu")], aspects=["where", "documents"])
    where, papers = kb.answer("khai_tu", "where"), kb.answer("khai_tu", "documents")
    text = messages[0]["text"]
    # the facts in the order asked, in one message; then their legal bases and links
    assert text == where.messages[0] + "\n\n" + papers.messages[0]
    assert kb.procedure_name("khai_tu") in text.splitlines()[0]
    assert len(messages) == 2 and "Căn cứ" in messages[1]["text"]
    assert slots["procedure"] == "khai_tu"


def test_an_elliptic_follow_up_answers_about_the_previous_procedure(kb):
    messages, _ = reply("còn lệ phí thì sao?", "ask_fee", slots={"procedure": "ket_hon"})
    assert [m["text"] for m in messages] == kb.answer("ket_hon", "fee").messages


def test_a_new_situation_is_never_answered_with_the_previous_procedure(kb):
    messages, slots = reply("cha toi moi mat can lam giay to gi", "ask_documents",
                            slots={"procedure": "ho_chieu"})
    assert [m["text"] for m in messages] == kb.answer("khai_tu", "documents").messages
    assert slots["procedure"] == "khai_tu"


def test_an_unclear_new_subject_asks_with_buttons_and_keeps_the_aspect(kb):
    messages, slots = reply("nhà tôi có chuyện cần hỏi xã, làm ở đâu", "ask_where",
                            slots={"procedure": "ho_chieu"})
    text = " ".join(m.get("text") or m.get("response") or "" for m in messages)
    assert kb.answer("ho_chieu", "where").text not in text
    assert messages[0].get("buttons")
    assert slots["pending_aspect"] == "where"


def test_guesses_are_offered_as_buttons_for_the_first_aspect(kb, monkeypatch):
    from bot.nlu import understanding

    weak = understanding.Recognition([understanding.Candidate("khai_tu", 0.6, "situation", name="Đăng ký khai tử"),
                                      understanding.Candidate("khai_sinh", 0.5, "situation")])
    monkeypatch.setattr(understanding, "recognize", lambda *a, **k: weak)
    messages, slots = reply("chuyện trong nhà, tốn bao nhiêu", "ask_fee", slots={"procedure": "ho_chieu"})
    assert messages[0]["text"] == REPLIES.text("ask_which_procedure_guess")
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/ask_fee{"procedure": "khai_tu"}', '/ask_fee{"procedure": "khai_sinh"}']
    assert slots["pending_aspect"] == "fee"


def test_a_procedure_outside_the_curated_ones_is_said_so_not_answered_with_another(kb):
    # the catalogue has several nghĩa vụ quân sự records and none clearly wins: no guess is answered
    messages, _ = reply("con trai tôi 18 tuổi có phải đi nghĩa vụ quân sự không", "ask_procedure",
                        slots={"procedure": "khai_sinh"})
    name = re.search(r'thuộc thủ tục "([^"]+)"', messages[0]["text"]).group(1)
    assert messages[0]["text"] == REPLIES.text("procedure_not_curated", procedure_name=name)
    assert "nghĩa vụ quân sự" in name.lower()


def test_a_procedure_outside_the_curated_ones_named_clearly_is_answered_from_the_national_record(kb):
    messages, slots = reply("đăng ký nghĩa vụ quân sự lần đầu ở đâu", "ask_where",
                            slots={"procedure": "khai_sinh"})
    assert messages[0]["text"].startswith("Đăng ký nghĩa vụ quân sự lần đầu (mã 1.013133).")
    assert slots["procedure"] == "tthc:1.013133"


def test_a_late_question_gets_the_deadline_section_named_by_its_procedure(kb):
    messages, _ = reply("khai tử trễ hạn có bị phạt không", "ask_fee",
                        entities=[procedure("khai_tu")], aspects=["late"])
    assert messages[0]["text"].splitlines()[0].startswith("Thời hạn phải làm " + kb.procedure_name("khai_tu"))


def test_an_aspect_the_knowledge_base_has_no_section_for_is_said_honestly(kb):
    from actions.answers import answer_aspect

    answer = answer_aspect("khai_tu", "something_new")
    assert not answer.known
    assert kb.procedure_name("khai_tu") in answer.text and "Chưa có thông tin chính thức" in answer.text
