"""What a citizen is told on a given day: the fee in force, the cheaper paths and their
conditions, what changes soon; follow-ups naming a condition; deadlines; and the operator's
upkeep (`kb due`, `kb validate` on replaced documents, missing quotes, ending periods)."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import cli
from knowledge.validate import validate

from kb_testutil import DATA, edit, line_of

DEC_1 = dt.date(2026, 12, 1)
CONG_DAN_SO = "nộp trực tuyến bằng tài khoản VNeID mức 2 đã tích hợp đủ 5 giấy tờ cơ bản (công dân số): miễn phí"


def first(ans) -> str:
    return ans.messages[0]


# ----------------------------------------------------------------------------- fees on a date

def test_can_cuoc_fee_on_1_december_2026_is_the_halved_fee_then_the_free_online_path_then_january(kb):
    ans = kb.answer("can_cuoc", "fee", DEC_1)
    text = first(ans)
    assert "- Đổi CCCD sang thẻ căn cước: 15.000 đồng\n" in text
    assert "- Cấp đổi thẻ: 25.000 đồng\n" in text and "- Cấp lại (mất, hỏng): 35.000 đồng\n" in text
    assert CONG_DAN_SO + " (cấp đổi, cấp lại; đến 28/02/2027)" in text
    assert "Từ 01/01/2027: Đổi CCCD sang thẻ căn cước 30.000 đồng; Cấp đổi thẻ 50.000 đồng; " \
           "Cấp lại (mất, hỏng) 70.000 đồng." in text
    # the amount for most people comes before the cheaper path
    assert text.index("15.000 đồng") < text.index("công dân số") < text.index("Từ 01/01/2027")
    assert "(cập nhật " in text and len(text) <= 600
    assert "Thông tư 117/2026/TT-BTC, Điều 1 khoản 4" in ans.messages[1]
    assert "Thông tư 64/2025/TT-BTC" in ans.messages[1]


def test_can_cuoc_fee_on_2_january_2027_is_the_full_fee_and_the_online_waiver_still_runs(kb):
    text = first(kb.answer("can_cuoc", "fee", dt.date(2027, 1, 2)))
    assert "- Đổi CCCD sang thẻ căn cước: 30.000 đồng\n" in text
    assert "- Cấp đổi thẻ: 50.000 đồng\n" in text and "- Cấp lại (mất, hỏng): 70.000 đồng\n" in text
    assert "15.000" not in text and "25.000" not in text and "Từ 01/01/2027" not in text
    assert CONG_DAN_SO + " (cấp đổi, cấp lại; đến 28/02/2027)" in text


@pytest.mark.parametrize("key", ["can_cuoc", "ho_chieu", "ly_lich_tu_phap", "thuong_tru", "tam_tru",
                                 "trich_luc_ho_tich"])
def test_cong_dan_so_online_waiver_is_offered_until_28_february_2027_and_not_after(kb, key):
    last_day = first(kb.answer(key, "fee", dt.date(2027, 2, 28)))
    assert "công dân số" in last_day and "đến 28/02/2027" in last_day
    after = first(kb.answer(key, "fee", dt.date(2027, 3, 1)))
    assert "công dân số" not in after


def test_passport_fee_is_halved_now_free_online_for_cong_dan_so_and_full_from_january(kb):
    ans = kb.answer("ho_chieu", "fee", DEC_1)
    text = first(ans)
    assert "- Cấp hộ chiếu: 100.000 đồng\n" in text
    assert "- Cấp lại do bị mất hoặc hư hỏng: 200.000 đồng\n" in text
    assert CONG_DAN_SO + " (cấp hộ chiếu phổ thông ở trong nước; đến 28/02/2027)" in text
    assert "Từ 01/01/2027: Cấp hộ chiếu 200.000 đồng; Cấp lại do bị mất hoặc hư hỏng 400.000 đồng." in text
    assert "Thông tư 28/2026/TT-BTC" in ans.messages[1] and "25/2021" not in ans.text
    assert "400.000" not in first(kb.answer("ho_chieu", "fee", dt.date(2026, 10, 1))).split("Từ")[0]


def test_a_change_more_than_60_days_ahead_is_not_announced_yet(kb):
    text = first(kb.answer("can_cuoc", "fee", dt.date(2026, 10, 1)))
    assert "15.000 đồng" in text and "Từ 01/01/2027" not in text  # 92 days ahead


# ----------------------------------------------------------------------------- follow-ups

@pytest.mark.parametrize("said, expected", [
    ("nộp online thì sao?", {"channel": "trực tuyến"}),
    ("tôi là hộ nghèo", {"groups": ["ho_ngheo"]}),
    ("con toi la hoc sinh", {"groups": ["hoc_sinh"]}),
    ("nha toi ho can ngheo", {"groups": ["can_ngheo"]}),
    ("toi co vneid muc 2 roi", {"cong_dan_so": True, "channel": "trực tuyến"}),
    ("lệ phí bao nhiêu", {}),
])
def test_the_conditions_a_citizen_names_are_found_with_or_without_diacritics(kb, said, expected):
    assert kb.detect_conditions(said) == expected


def test_follow_up_online_answers_the_cong_dan_so_path_for_the_procedure_in_context(kb):
    ans = kb.answer("can_cuoc", "fee", DEC_1, conditions=kb.detect_conditions("nộp online thì sao?"))
    text = first(ans)
    assert text.startswith("Lệ phí Cấp, đổi, cấp lại thẻ căn cước – nộp trực tuyến")
    assert CONG_DAN_SO + " (cấp đổi, cấp lại; đến 28/02/2027)" in text
    assert "Mức chung:" in text and "15.000 đồng" in text


def test_follow_up_poor_household_and_student_get_their_own_rate(kb):
    poor = first(kb.answer("khai_sinh", "fee", DEC_1, conditions=kb.detect_conditions("tôi là hộ nghèo")))
    assert "– người thuộc hộ nghèo" in poor and "người thuộc hộ nghèo, người khuyết tật: miễn phí" in poor
    student = first(kb.answer("ly_lich_tu_phap", "fee", DEC_1,
                              conditions=kb.detect_conditions("con toi la hoc sinh")))
    assert "100.000 đồng" in student.split("Mức chung:")[0]


def test_follow_up_condition_without_a_special_rate_says_so_and_gives_the_general_fee(kb):
    text = first(kb.answer("ho_chieu", "fee", DEC_1, conditions=kb.detect_conditions("tôi là hộ nghèo")))
    assert "Không có mức lệ phí riêng cho người thuộc hộ nghèo" in text
    assert "Mức chung: Cấp hộ chiếu 100.000 đồng; Cấp lại do bị mất hoặc hư hỏng 200.000 đồng." in text


# ----------------------------------------------------------------------------- deadlines, not_required

def test_deadline_answer_gives_the_days_the_start_and_what_the_law_says_when_late(kb):
    ans = kb.answer("khai_sinh", "deadline", DEC_1)
    assert ans.known
    assert "trong 60 ngày kể từ ngày sinh" in first(ans)
    assert "Nếu trễ hạn: Quá 60 ngày thì không còn được miễn lệ phí" in first(ans)
    assert "Luật Hộ tịch 60/2014/QH13, Điều 15 khoản 1" in ans.messages[1]
    assert "15 ngày kể từ ngày người đó mất" in first(kb.answer("khai_tu", "deadline", DEC_1))


def test_a_procedure_without_deadline_data_says_unknown_and_where_to_ask(kb):
    ans = kb.answer("ho_chieu", "deadline", DEC_1)
    assert not ans.known and "Chưa có thông tin chính thức về thời hạn phải đăng ký" in ans.text


def test_house_without_permit_answer_is_flagged_unverified_and_sends_to_the_commune(kb):
    ans = kb.answer("giay_phep_xay_dung", "not_required", DEC_1)
    assert ans.known and "khoản 2 Điều 43" in first(ans) and "(chưa xác minh)" in first(ans)
    assert "hỏi UBND xã" in first(ans)


def test_construction_permit_after_july_2026_is_seven_working_days_online(kb):
    assert "7 ngày làm việc" in first(kb.answer("giay_phep_xay_dung", "processing_time", DEC_1))
    assert "15 ngày" in first(kb.answer("giay_phep_xay_dung", "processing_time", dt.date(2026, 6, 1)))
    where = first(kb.answer("giay_phep_xay_dung", "where", DEC_1))
    assert "Cổng Dịch vụ công quốc gia" in where and "sự cố" in where


# ----------------------------------------------------------------------------- operator upkeep

def test_kb_due_lists_the_january_and_february_2027_changes_and_the_new_civil_status_law(capsys):
    assert cli.main(["due", "--date", "2026-12-01", "--days", "90"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(l.startswith("2026-12-31  hết hạn") and "can_cuoc.yml" in l and "15.000 đồng" in l for l in out)
    assert any(l.startswith("2027-01-01  bắt đầu") and "can_cuoc.yml" in l and "30.000 đồng" in l for l in out)
    assert any(l.startswith("2027-01-01  bắt đầu") and "ho_chieu.yml" in l and "200.000 đồng" in l for l in out)
    assert any(l.startswith("2027-02-28  hết hạn") and "ho_chieu.yml" in l and "cong_dan_so=True" in l for l in out)
    assert any(l.startswith("2027-03-01  thay thế") and "60/2014/QH13" in l and "khai_sinh.yml" in l for l in out)


def test_kb_due_with_a_short_window_lists_only_what_falls_in_it(capsys):
    assert cli.main(["due", "--date", "2026-12-01", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-31" in out and "2027-01-01" not in out and "2027-02-28" not in out


def test_validate_fails_when_a_fact_in_force_cites_a_replaced_document(data_copy):
    registry = data_copy / "legal_documents.yml"
    edit(registry, "  - number: 73/2024/TT-BTC\n",
         "  - number: 73/2024/TT-BTC\n    replaced_by: 999/2026/TT-BTC\n    replaced_on: 2026-11-15\n")
    report = validate(data_copy, today=DEC_1)
    assert not report.ok
    hits = [i for i in report.errors if "can_cuoc.yml" in i.file and "dẫn 73/2024/TT-BTC" in i.message]
    assert hits and all(i.line > 0 and i.field.endswith((".source", ".doc")) for i in hits)
    assert any(i.field.startswith("fees[") for i in hits)  # the fee in force today, named by its field
    assert "đã được thay bằng 999/2026/TT-BTC từ ngày 2026-11-15" in hits[0].message
    # the day before the replacement the same facts are not reported
    before = validate(data_copy, today=dt.date(2026, 11, 14))
    assert not any("dẫn 73/2024" in i.message for i in before.errors)


def test_validate_fails_on_a_re_stamped_fee_time_or_place_without_its_quote(data_copy):
    path = data_copy / "procedures" / "thuong_tru.yml"
    edit(path, "    max_days: 7\n    day_unit: ngày làm việc\n    source: Luật Cư trú 68/2020/QH14, Điều 22\n",
         "    max_days: 7\n    day_unit: ngày làm việc\n    verified_on: 2026-12-01\n"
         "    source: Luật Cư trú 68/2020/QH14, Điều 22\n")
    report = validate(data_copy, today=DEC_1)
    hits = [i for i in report.errors if "thuong_tru.yml" in i.file and i.field == "processing_time[0].quote"]
    assert hits, report.format(warnings=False)
    assert hits[0].line == line_of(path, "max_days: 7") + 2  # the verified_on line of that fact
    assert "chưa có 'quote:'" in hits[0].message


def test_validate_warns_30_days_before_a_period_ends_not_earlier(data_copy):
    report = validate(DATA, today=DEC_1)  # 31/12/2026 is 30 days away; 28/02/2027 is 89 days away
    ending = [i for i in report.warnings if "hết hiệu lực ngày" in i.message]
    assert any("can_cuoc.yml" in i.file and "hết hiệu lực ngày 2026-12-31 (còn 30 ngày)" in i.message for i in ending)
    assert not any("2027-02-28" in i.message for i in ending)
    later = validate(DATA, today=dt.date(2027, 2, 1))
    assert any("hết hiệu lực ngày 2027-02-28 (còn 27 ngày)" in i.message and "ho_chieu.yml" in i.file for i in later.warnings)


@pytest.mark.parametrize("old, new, field, message", [
    ("conditions: {channel: trực tuyến, cong_dan_so: true}", "conditions: {channel: trực tuyến, cong_dan: true}",
     "conditions.cong_dan", "điều kiện lạ 'cong_dan'"),
    ("conditions: {channel: trực tuyến, cong_dan_so: true}", "conditions: {channel: qua zalo, cong_dan_so: true}",
     "conditions.channel", "phải là một trong"),
])
def test_unknown_condition_keys_and_values_are_errors_naming_file_line_field(data_copy, old, new, field, message):
    path = data_copy / "procedures" / "can_cuoc.yml"
    edit(path, old, new)
    report = validate(data_copy, today=DEC_1)
    hits = [i for i in report.errors if "can_cuoc.yml" in i.file and i.field.endswith(field) and message in i.message]
    assert hits, report.format(warnings=False)
    assert hits[0].line == line_of(path, new)


def test_unknown_group_is_an_error(data_copy):
    path = data_copy / "procedures" / "ly_lich_tu_phap.yml"
    edit(path, "groups: [hoc_sinh, sinh_vien,", "groups: [hoc_sinhh, sinh_vien,")
    report = validate(data_copy, today=DEC_1)
    assert any("giá trị 'hoc_sinhh' của groups không có" in i.message and i.line == line_of(path, "hoc_sinhh")
               for i in report.errors), report.format(warnings=False)


def test_a_word_claimed_by_two_conditions_in_conditions_yml_is_an_error(data_copy):
    path = data_copy / "conditions.yml"
    edit(path, "words: [cận nghèo,", "words: [hộ nghèo, cận nghèo,")
    report = validate(data_copy, today=DEC_1)
    hits = [i for i in report.errors if "conditions.yml" in i.file and "đã dùng cho" in i.message]
    assert hits and hits[0].line > 0


def test_online_guide_tells_to_integrate_the_5_documents_only_while_the_waiver_runs(kb):
    now = kb.online_steps(DEC_1)
    assert any("tích hợp đủ 5 giấy tờ cơ bản" in s and "28/02/2027" in s for s in now)
    later = kb.online_steps(dt.date(2027, 3, 1))
    assert not any("5 giấy tờ cơ bản" in s for s in later) and len(later) == len(now) - 1
    # the portal's buttons were not seen on the new portal: those steps say so
    assert any(s.startswith("Bước 2:") and s.endswith("(chưa xác minh)") for s in now)


def test_eligibility_answers_who_may_apply_with_its_basis(kb):
    ans = kb.answer("ly_lich_tu_phap", "eligibility", DEC_1)
    assert ans.known and "cha, mẹ, vợ, chồng, con" in first(ans) and "ủy quyền" in first(ans)
    assert "Nghị định 216/2026/NĐ-CP, Điều 22 khoản 2" in ans.messages[1]
    trich_luc = first(kb.answer("trich_luc_ho_tich", "eligibility", DEC_1))
    assert "không phụ thuộc nơi cư trú" in trich_luc


def test_trich_luc_can_be_asked_at_any_commune_desk_not_only_where_registered(kb):
    where = first(kb.answer("trich_luc_ho_tich", "where", DEC_1))
    assert "ở bất kỳ xã nào, không cần về nơi đã đăng ký" in where
    assert "sổ giấy" in where and "(chưa xác minh)" in where  # the old paper books: said, and flagged


def test_construction_permit_overview_sends_online_first_since_july_2026(kb):
    text = first(kb.answer("giay_phep_xay_dung", "procedure", DEC_1))
    assert "Nơi làm: Cổng Dịch vụ công quốc gia" in text


@pytest.mark.parametrize("aspect", ["deadline", "eligibility", "not_required"])
def test_the_new_aspects_answer_every_procedure_briefly_with_a_source_or_a_pointer(kb, aspect):
    from knowledge.canonical import PROCEDURE_KEYS

    for key in PROCEDURE_KEYS:
        ans = kb.answer(key, aspect, DEC_1)
        assert len(ans.messages[0]) <= 600, (key, aspect)
        if ans.known:
            assert ans.sources and "Căn cứ: " in ans.messages[1]
        else:
            assert "Chưa có thông tin chính thức" in ans.text and "hỏi" in ans.text.lower()


def test_a_replaced_document_fails_validate_but_the_bot_still_answers(data_copy, db_url):
    """On the day a law is replaced the operator is told; citizens are not left without answers."""
    from knowledge.base import KnowledgeBase
    from knowledge.loader import load, make_engine

    report = load(make_engine(db_url), data_copy, today=dt.date(2027, 3, 2))
    assert not report.ok and all(not i.blocking for i in report.errors)
    assert any("dẫn 60/2014/QH13, đã được thay bằng 03/2026/QH16" in i.message for i in report.errors)
    kb = KnowledgeBase.open(db_url, data_copy)
    assert "60 ngày" in kb.answer("khai_sinh", "deadline", dt.date(2027, 3, 2)).text


@pytest.mark.parametrize("day", [dt.date(2025, 6, 1), dt.date(2026, 12, 20), dt.date(2027, 1, 2), dt.date(2027, 3, 1)])
def test_first_message_fits_a_phone_screen_on_any_day_and_for_any_condition(kb, day):
    from knowledge.base import EXTRA_ASPECTS
    from knowledge.canonical import ASPECTS, PROCEDURE_KEYS

    people = [None, {"channel": "trực tuyến"}, {"cong_dan_so": True, "channel": "trực tuyến"},
              {"groups": ["ho_ngheo"]}, {"groups": ["hoc_sinh"]}]
    for key in PROCEDURE_KEYS:
        for aspect in ASPECTS + EXTRA_ASPECTS:
            for person in people if aspect == "fee" else [None]:
                first_message = kb.answer(key, aspect, day, conditions=person).messages[0]
                assert len(first_message) <= 600, (key, aspect, person, len(first_message))


def test_a_notice_that_does_not_fit_moves_to_the_second_message(data_copy, db_url):
    from knowledge.base import KnowledgeBase

    long_notice = "Thông báo thử rất dài " * 30
    edit(data_copy / "procedures" / "ho_chieu.yml", "\nagency:",
         f"\nnotices:\n  - text: {long_notice.strip()}\n    source: Luật Xuất cảnh, nhập cảnh của công dân Việt Nam "
         f"49/2019/QH14\n\nagency:")
    ans = KnowledgeBase.open(db_url, data_copy).answer("ho_chieu", "fee", DEC_1)
    assert len(ans.messages[0]) <= 600 and "100.000 đồng" in ans.messages[0]
    assert ans.messages[1].startswith("⚠ Lưu ý: Thông báo thử")
