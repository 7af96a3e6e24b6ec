"""A citizen asking about any procedure gets a short answer: a sourced fact, or a plain
"not known yet" with where to ask. Facts in force on the day asked are used."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.canonical import ASPECTS, PORTAL_HOME, PROCEDURE_KEYS

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("key", PROCEDURE_KEYS)
@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_procedure_answers_every_aspect_with_a_source_or_a_pointer(kb, key, aspect):
    ans = kb.answer(key, aspect, DAY)
    assert ans.text.strip()
    assert ans.link and ans.link.startswith(PORTAL_HOME)
    assert f"Xem thêm: {ans.link}" in ans.text
    if ans.known:
        assert ans.sources, ans.text
        assert "Căn cứ: " in ans.text
        for src in ans.sources:
            assert src in ans.text
    else:
        assert "Chưa có thông tin chính thức" in ans.text
        assert "hỏi" in ans.text.lower()
    # the first message fits a cheap phone's screen; the legal basis and the link follow in a second one
    assert len(ans.messages) == 2 and ans.text == "\n".join(ans.messages)
    assert len(ans.messages[0]) <= 600, f"{key}/{aspect}: first message is {len(ans.messages[0])} characters"
    assert f"Xem thêm: {ans.link}" in ans.messages[1]


def test_procedure_names_keys_and_buttons(kb):
    assert set(PROCEDURE_KEYS) <= set(kb.procedure_keys())
    assert kb.procedure_name("khai_sinh") == "Đăng ký khai sinh"
    buttons = kb.popular_procedures(4)
    assert len(buttons) == 4 and buttons[0] == ("khai_sinh", "Đăng ký khai sinh")


def test_fee_of_thuong_tru_in_person_and_online(kb):
    ans = kb.answer("thuong_tru", "fee", DAY)
    assert "20.000 đồng" in ans.text and "nộp online: 10.000 đồng" in ans.text
    assert "Thông tư 75/2022/TT-BTC" in ans.sources


def test_documents_of_khai_sinh_are_listed_with_their_article(kb):
    ans = kb.answer("khai_sinh", "documents", DAY)
    assert "Tờ khai đăng ký khai sinh" in ans.text and "Giấy chứng sinh" in ans.text
    assert "Luật Hộ tịch 60/2014/QH13, Điều 16 khoản 1" in ans.text
    # its own page in the national catalogue (the old ?ma_thu_tuc= links open an empty page)
    assert ans.link == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"


def test_unknown_fee_is_said_to_be_unknown_not_guessed(kb):
    ans = kb.answer("ho_kinh_doanh", "fee", DAY)
    assert not ans.known
    assert "Chưa có thông tin chính thức về lệ phí" in ans.text
    assert "bộ phận một cửa UBND xã" in ans.text
    assert "đồng" not in ans.text


def test_aspect_names_from_intents_are_accepted_and_nonsense_refused(kb):
    assert kb.answer("ket_hon", "ask_fee", DAY).text == kb.answer("ket_hon", "fee", DAY).text
    with pytest.raises(ValueError):
        kb.answer("ket_hon", "weather", DAY)


def test_unknown_procedure_key_gets_a_polite_pointer(kb):
    ans = kb.answer("nuoi_ca_sau", "fee", DAY)
    assert not ans.known and PORTAL_HOME in ans.text


@pytest.mark.parametrize("day, present, absent", [
    (dt.date(2024, 10, 1), ["Đổi CCCD sang thẻ căn cước: 15.000 đồng"], ["30.000"]),
    (dt.date(2025, 6, 1), ["30.000 đồng (nộp online: 15.000 đồng)", "70.000 đồng (nộp online: 35.000 đồng)"], []),
    # from 01/07/2025 the 50 % reduction of Thông tư 64/2025 applies to every channel
    (dt.date(2025, 12, 31), ["Cấp đổi thẻ: 25.000 đồng\n"], ["50.000", "nộp online"]),
    (dt.date(2026, 1, 1), ["Đổi CCCD sang thẻ căn cước: 15.000 đồng\n", "35.000 đồng\n"], ["30.000", "nộp online"]),
])
def test_can_cuoc_fee_follows_the_period_in_force(kb, day, present, absent):
    ans = kb.answer("can_cuoc", "fee", day)
    for text in present:
        assert text in ans.text, ans.text
    for text in absent:
        assert text not in ans.text, ans.text
    assert "miễn phí" in ans.text  # first issue and changes at the legal ages


def test_ly_lich_tu_phap_online_fee_only_in_its_period(kb):
    during = kb.answer("ly_lich_tu_phap", "fee", dt.date(2025, 6, 1)).text
    assert "200.000 đồng (nộp online: 170.000 đồng)" in during
    assert "100.000 đồng (nộp online: 80.000 đồng)" in during
    before = kb.answer("ly_lich_tu_phap", "fee", dt.date(2025, 4, 23))
    assert not before.known  # no fee fact in force yet in the data: said unknown, not guessed
    after = kb.answer("ly_lich_tu_phap", "fee", dt.date(2026, 2, 1)).text
    assert "200.000 đồng" in after and "170.000" not in after


def test_ly_lich_tu_phap_rules_after_july_2026_are_flagged_unverified(kb):
    before = kb.answer("ly_lich_tu_phap", "processing_time", dt.date(2026, 3, 1))
    assert before.known and "10 ngày" in before.text and "Lưu ý" not in before.text
    after = kb.answer("ly_lich_tu_phap", "processing_time", dt.date(2026, 8, 1))
    assert not after.known
    # the rumoured "5 ngày làm việc" is not presented as the rule
    assert "không có nguồn chính thức" in after.text and "10 ngày" not in after.text


def test_overview_gives_where_time_fee_and_what_to_ask_next(kb):
    ans = kb.answer("tam_tru", "procedure", DAY)
    lines = ans.text.splitlines()
    assert lines[0].startswith("Đăng ký tạm trú:")
    assert any(line.startswith("Nơi làm: Công an xã") for line in lines)
    assert any(line.startswith("Thời gian: 3 ngày làm việc") for line in lines)
    assert any(line.startswith("Lệ phí: ") for line in lines)
    assert "Hỏi tiếp: giấy tờ / lệ phí / nộp online" in ans.text


def test_online_answer_points_to_the_step_by_step_guide(kb):
    ans = kb.answer("thuong_tru", "online", DAY)
    assert ans.known and "nộp trực tuyến được" in ans.text
    assert "10.000 đồng" in ans.text
    steps = kb.online_steps()
    assert len(steps) >= 5
    assert steps[0].startswith("Bước 1") and "VNeID" in steps[0]
    assert all(len(s) <= 300 for s in steps)


def test_unverified_facts_are_marked_in_the_answer(kb):
    ans = kb.answer("can_cuoc", "fee", dt.date(2024, 10, 1))
    assert "Đổi CCCD sang thẻ căn cước: 15.000 đồng (chưa xác minh)" in ans.text
