"""Whole-message understanding (bot/nlu/understanding.py): which procedure, which aspects
in which order, and when a message may reuse the previous procedure."""

from __future__ import annotations

import pytest

from bot.nlu import understanding as u
from bot.core.text import strip_diacritics


@pytest.mark.parametrize("text, key", [
    # a name with words inserted into it, or in another order
    ("Xin xác nhận tình trạng độc thân thì phải nộp những gì", "xac_nhan_hon_nhan"),
    ("đăng ký giùm cái khai sinh cho con", "khai_sinh"),
    # life events described, not named
    ("bà ngoại tôi vừa từ trần ở nhà", "khai_tu"),
    ("tía tui chết hồi hôm", "khai_tu"),
    ("vợ tôi mới sinh con gái", "khai_sinh"),
    ("gia đình muốn cất lại căn nhà sau vườn", "giay_phep_xay_dung"),
    ("công ty đòi giấy chứng minh tôi chưa có tiền án", "ly_lich_tu_phap"),
])
def test_the_procedure_is_recognised_over_the_whole_message(text, key):
    for variant in (text, strip_diacritics(text)):
        recognition = u.recognize(variant)
        assert recognition.procedure == key, variant
        assert recognition.confidence >= u.CONFIDENT_SCORE


@pytest.mark.parametrize("text", [
    "tôi bị mất cccd rồi", "làm cái này mất bao lâu", "mất tiền không", "ba tui mất căn cước rồi",
    "ong toi mat can cuoc", "thẻ bhyt của thằng nhỏ mất rồi",
])
def test_losing_a_card_or_what_it_costs_is_not_a_death(text):
    assert u.recognize(text).procedure != "khai_tu"


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "??", "a" * 5000, "\x00\ufffd", "ở đâu"])
def test_nothing_recognisable_gives_none_and_never_raises(text):
    recognition = u.recognize(text)
    assert recognition.procedure is None
    u.detect_aspects(text)
    u.decide(text, "khai_sinh")


def test_a_correction_is_not_the_birth_registration_it_mentions():
    recognition = u.recognize("sửa sai năm sinh trong giấy khai sinh thì làm sao")
    assert recognition.best.key == "cai_chinh_ho_tich"
    assert recognition.procedure != "khai_sinh"
    assert u.decide("sửa sai năm sinh trong giấy khai sinh thì làm sao", "khai_sinh").key == "cai_chinh_ho_tich"


def test_a_procedure_outside_the_curated_ones_is_recognised_as_such():
    recognition = u.recognize("con trai tôi 18 tuổi có phải đăng ký nghĩa vụ quân sự không")
    assert recognition.procedure is None
    assert recognition.best.key == "nghia_vu_quan_su" and not recognition.best.curated
    decision = u.decide("con trai tôi 18 tuổi có phải đăng ký nghĩa vụ quân sự không", "khai_sinh")
    assert (decision.action, decision.key) == ("outside", "nghia_vu_quan_su")


def test_a_short_condition_is_a_follow_up_not_a_new_procedure():
    assert u.decide("tôi là hộ nghèo", "khai_sinh", condition=True).key == "khai_sinh"
    assert u.decide("tôi là hộ nghèo", None, condition=True).action == "ask"


@pytest.mark.parametrize("text, aspects", [
    ("Mẹ tôi mất thì đến cơ quan nào để đăng ký khai tử... Tôi phải chuẩn bị những giấy tờ gì?",
     ["where", "documents"]),
    ("lam ho chieu bao lau co, het bn tien", ["processing_time", "fee"]),
    ("kết hôn có làm online được không, nếu không thì lên đâu nộp", ["online", "where"]),
    ("khai sinh tốn bao nhiêu tiền", ["fee"]),
    ("khai tử trễ hạn có bị phạt không", ["late"]),
    ("bà tôi 80 tuổi có được trợ cấp không", ["eligibility"]),
])
def test_every_aspect_asked_is_found_in_the_order_asked(text, aspects):
    assert u.detect_aspects(text) == aspects
    assert u.detect_aspects(strip_diacritics(text)) == aspects


def test_a_long_message_is_read_for_its_questions_not_its_story():
    text = ("Chào anh chị, em ở ấp Thạnh Hòa. Hồi năm ngoái nhà em có đi làm giấy tờ mất cả ngày, "
            "bị phạt vì trễ hẹn, ở đâu cũng đông. Nay ông nội em mới mất ở nhà, gia đình lo đám "
            "xong rồi. Em muốn hỏi làm giấy cho ông thì cần đem theo những gì ạ? Em cảm ơn anh "
            "chị nhiều, chúc anh chị sức khỏe.")
    assert len(text) > u.LONG_MESSAGE
    assert u.recognize(text).procedure == "khai_tu"
    assert u.detect_aspects(text) == ["documents"]


@pytest.mark.parametrize("text", ["còn lệ phí thì sao?", "nộp ở đâu", "mấy bữa thì có vậy em",
                                  "vay can mang gi theo"])
def test_an_elliptic_follow_up_reuses_the_previous_procedure(text):
    decision = u.decide(text, "ket_hon")
    assert (decision.action, decision.key, decision.named_now) == ("answer", "ket_hon", False)


@pytest.mark.parametrize("text, key", [
    ("cha tôi mới mất cần làm giấy tờ gì", "khai_tu"),
    ("còn khai tử thì sao", "khai_tu"),
])
def test_a_new_situation_or_a_new_name_is_never_the_previous_procedure(text, key):
    decision = u.decide(text, "ho_chieu")
    assert (decision.action, decision.key) == ("answer", key)


def test_a_new_subject_without_a_confident_procedure_asks_instead_of_reusing():
    decision = u.decide("nhà tôi có chuyện muốn nhờ xã giải quyết gấp", "ho_chieu")
    assert decision.action in {"clarify", "ask"}
    assert decision.key is None


def test_a_weak_guess_is_offered_as_a_button_not_answered(monkeypatch):
    weak = u.Recognition([u.Candidate("khai_tu", 0.6, "situation"), u.Candidate("khai_sinh", 0.5, "alias")])
    decision = u.decide("chuyện trong nhà", "ho_chieu", recognition=weak)
    assert decision.action == "clarify"
    assert [g.key for g in decision.guesses] == ["khai_tu", "khai_sinh"]


def test_the_catalogue_answers_for_procedures_outside_the_curated_ones():
    class Hit:  # knowledge.catalog.Candidate's fields
        def __init__(self, code, name, score):
            self.key_or_code, self.name, self.score, self.curated = code, name, score, False

    def catalog(text, limit):
        return [Hit("3.000347", "Đổi giấy phép lái xe", 0.8)]

    recognition = u.recognize("con toi 18 tuoi phai di nghia vu quan su", catalog=catalog)
    assert recognition.procedure is None
    assert "3.000347" in [c.key for c in recognition.candidates]
    assert all(c.score < u.CONFIDENT_SCORE for c in recognition.candidates if c.source == "catalog")
