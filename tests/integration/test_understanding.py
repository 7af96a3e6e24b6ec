"""Issue 14's four conversations with the real assistant over REST: the right procedure,
named on the first line, and every aspect asked, in one reply, in the order asked."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.open()


def fact(kb, key, aspect) -> str:
    """The first message of the knowledge base's answer (the fact; basis and link follow)."""
    return kb.answer(key, aspect).messages[0]


def one_reply(assistant, text: str, citizen: str) -> str:
    """The bot's turn (one utterance; the channel may show its paragraphs as messages)."""
    replies = [t for t in assistant.texts(text, citizen) if t]
    assert replies, text
    return "\n\n".join(replies)


def test_a_death_after_a_passport_question_is_not_answered_with_the_passport(assistant, citizen, kb):
    fee = one_reply(assistant, "lam ho chieu het bao nhieu tien", citizen)
    assert fact(kb, "ho_chieu", "fee") in fee

    reply = one_reply(assistant, "cha toi moi mat can lam giay to gi", citizen)
    assert fact(kb, "khai_tu", "documents") in reply
    assert kb.procedure_name("khai_tu") in reply.splitlines()[0]
    assert kb.procedure_name("ho_chieu") not in reply


def test_an_inserted_word_does_not_hide_the_procedure(assistant, citizen, kb):
    reply = one_reply(assistant, "Xin xác nhận tình trạng độc thân thì phải nộp những gì", citizen)
    assert fact(kb, "xac_nhan_hon_nhan", "documents") in reply
    assert kb.procedure_name("xac_nhan_hon_nhan") in reply.splitlines()[0]


def test_a_correction_of_the_birth_year_is_not_a_birth_registration(assistant, citizen, kb):
    reply = one_reply(assistant, "sửa sai năm sinh trong giấy khai sinh thì làm sao", citizen)
    assert kb.procedure_name("khai_sinh") not in reply.splitlines()[0]
    assert "cải chính" in reply.lower()


def test_where_and_papers_asked_together_are_both_answered_in_order(assistant, citizen, kb):
    reply = one_reply(assistant, "Mẹ tôi mất thì tôi phải đến cơ quan nào để đăng ký khai tử... "
                                 "Tôi phải chuẩn bị những giấy tờ gì?", citizen)
    where = fact(kb, "khai_tu", "where")
    papers = fact(kb, "khai_tu", "documents")
    assert where in reply and papers in reply
    assert reply.index(where) < reply.index(papers)
    assert kb.procedure_name("khai_tu") in reply.splitlines()[0]


def test_a_new_situation_without_a_confident_procedure_asks_with_guesses(assistant, citizen, kb):
    one_reply(assistant, "đăng ký kết hôn cần giấy gì", citizen)
    messages = assistant.say("nhà tui có chuyện buồn, muốn hỏi xã chút việc", citizen)
    text = "\n".join(m.get("text") or "" for m in messages)
    assert fact(kb, "ket_hon", "documents") not in text
    assert any(m.get("buttons") for m in messages) or "thủ tục nào" in text


def test_an_elliptic_follow_up_keeps_the_procedure(assistant, citizen, kb):
    one_reply(assistant, "đăng ký khai tử cần giấy gì", citizen)
    reply = one_reply(assistant, "nộp ở đâu, có tốn tiền không", citizen)
    where, fee = fact(kb, "khai_tu", "where"), fact(kb, "khai_tu", "fee")
    assert where in reply and fee in reply and reply.index(where) < reply.index(fee)
