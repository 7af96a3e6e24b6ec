"""An operator who breaks the YAML gets told file, line, field and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.canonical import PROCEDURE_KEYS
from knowledge.validate import validate

from kb_testutil import DATA, edit, line_of

TODAY = dt.date(2026, 12, 1)


def _find(report, level, file_part, field_part=None, message_part=None):
    return [i for i in report.issues
            if i.level == level and file_part in i.file
            and (field_part is None or field_part in i.field)
            and (message_part is None or message_part in i.message)]


def test_shipped_data_has_no_errors_and_every_canonical_procedure():
    report = validate(DATA, today=TODAY)
    assert report.ok, report.format(warnings=False)
    keys = {p["key"] for p in report.data.procedures}
    assert set(PROCEDURE_KEYS) <= keys
    assert len(report.data.communes) == 6
    assert report.data.online_steps


def test_missing_canonical_procedure_is_an_error(data_copy):
    (data_copy / "procedures" / "khai_tu.yml").unlink()
    report = validate(data_copy, today=TODAY)
    assert not report.ok
    hits = _find(report, "error", "khai_tu.yml", "key", "thiếu thủ tục bắt buộc")
    assert hits, report.format()


def test_fact_without_source_names_file_line_and_field(data_copy):
    path = data_copy / "procedures" / "thuong_tru.yml"
    edit(path, "    source: Thông tư 75/2022/TT-BTC; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
               "019d2bf7-7704-7449-9e95-fe7ebb959aa2\n", "")
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "error", "thuong_tru.yml", "fees[0].source", "thông tin chưa có nguồn")
    assert hits, report.format()
    assert hits[0].line == line_of(path, "case: Đăng ký thường trú")
    assert f"thuong_tru.yml:{hits[0].line}: fees[0].source: lỗi" in str(hits[0])


def test_source_without_document_number_or_url_is_an_error(data_copy):
    path = data_copy / "procedures" / "tam_tru.yml"
    edit(path, "    source: Luật Cư trú 68/2020/QH14, Điều 28; https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
               "019d2bf7-770b-734d-b7fb-5e1995f194f4\n    quote: \"processingTime",
         "    source: theo luật\n    quote: \"processingTime")
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "error", "tam_tru.yml", "processing_time", "không ghi số hiệu văn bản")
    assert hits and hits[0].line == line_of(path, "source: theo luật")


def test_duplicate_alias_across_procedures_is_an_error(data_copy):
    path = data_copy / "procedures" / "ket_hon.yml"
    edit(path, "  - cưới vợ\n", "  - cưới vợ\n  - giay khai sinh\n")
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "error", "ket_hon.yml", "aliases", "bị trùng")
    assert hits, report.format()
    assert "khai_sinh" in hits[0].message
    assert hits[0].line == line_of(path, "- giay khai sinh")


@pytest.mark.parametrize("old, new, field, reason", [
    ("    amount: 20000\n", "    amount: 20.000\n", "fees[0].amount", "viết 20000, không viết 20.000"),
    ("    amount: 20000\n", "    amount: hai mươi nghìn\n", "fees[0].amount", "số đồng chẵn (ví dụ 20000)"),
    ("    effective_from: 2023-02-05\n", "    effective_from: 2023-13-05\n", "fees[0].effective_from", "viết chưa đúng"),
    ("    max_days: 7\n", "    max_days: bảy\n", "processing_time[0].max_days", "phải là số nguyên"),
    ("  - channel: trực tiếp\n", "  - channel: bồ câu\n", "where[0].channel", "phải là một trong: trực tiếp"),
    ("    kind: bản chính\n", "    kind: bản gốc\n", "documents[0].kind", "phải là một trong: bản chính"),
    ("  code: \"1.004222\"\n", "  code: \"1004222\"\n", "ma_tthc.code", "phải có dạng 1.001193"),
    ("verified_on: 2026-11-25\n", "verified_on: 25/11/2026\n", "verified_on", "YYYY-MM-DD"),
])
def test_bad_types_and_dates_are_errors_with_line_and_field(data_copy, old, new, field, reason):
    path = data_copy / "procedures" / "thuong_tru.yml"
    edit(path, old, new)
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "error", "thuong_tru.yml", field, reason)
    assert hits, report.format(warnings=False)
    assert hits[0].line == line_of(path, new.strip())


def test_effective_period_ending_before_it_starts_is_an_error(data_copy):
    path = data_copy / "procedures" / "can_cuoc.yml"
    edit(path, "    effective_from: 2025-01-01\n    effective_to: 2025-06-30\n",
         "    effective_from: 2025-01-01\n    effective_to: 2024-12-31\n")
    report = validate(data_copy, today=TODAY)
    assert _find(report, "error", "can_cuoc.yml", "effective_to", "sớm hơn effective_from")


def test_yaml_syntax_error_names_the_line(data_copy):
    path = data_copy / "procedures" / "khai_sinh.yml"
    edit(path, "name: Đăng ký khai sinh\n", "name: [Đăng ký khai sinh\n")
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "error", "khai_sinh.yml", None, "lỗi cú pháp YAML")
    assert hits and hits[0].line > 0
    # a broken file is not also reported as a missing procedure
    assert not _find(report, "error", "khai_sinh.yml", "key", "thiếu thủ tục bắt buộc")


def test_field_written_twice_is_an_error(data_copy):
    path = data_copy / "procedures" / "khai_sinh.yml"
    edit(path, "name: Đăng ký khai sinh\n", "name: Đăng ký khai sinh\nname: Khai sinh\n")
    report = validate(data_copy, today=TODAY)
    assert _find(report, "error", "khai_sinh.yml", "name", "ghi hai lần")


def test_missing_section_must_be_marked_unknown_explicitly(data_copy):
    path = data_copy / "procedures" / "ho_kinh_doanh.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("forms:\n")
    end = text.index("fees:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    report = validate(data_copy, today=TODAY)
    assert _find(report, "error", "ho_kinh_doanh.yml", "forms", "thiếu phần này")


def test_stale_fact_is_a_warning_not_an_error(data_copy):
    # without the registry's replacements (Luật Hộ tịch 2014 ends 01/03/2027): only staleness is judged
    edit(data_copy / "legal_documents.yml", "    replaced_by: 03/2026/QH16\n    replaced_on: 2027-03-01\n", "")
    report = validate(data_copy, today=dt.date(2028, 1, 1))
    assert report.ok, report.format(warnings=False)
    stale = _find(report, "warning", "khai_sinh.yml", None, "hơn 12 tháng chưa kiểm tra lại")
    assert stale and all(i.line > 0 for i in stale)


def test_unrecognized_field_is_a_warning_with_a_suggestion(data_copy):
    path = data_copy / "procedures" / "khai_sinh.yml"
    edit(path, "summary:", "sumary:")
    report = validate(data_copy, today=TODAY)
    hits = _find(report, "warning", "khai_sinh.yml", "sumary", "có phải bạn định viết 'summary'?")
    assert hits and hits[0].line == line_of(path, "sumary:")


def test_unknown_facts_are_listed_as_warnings():
    report = validate(DATA, today=TODAY)
    assert _find(report, "warning", "ho_kinh_doanh.yml", "fees[0]", "ghi là chưa rõ")


def test_broken_link_is_a_warning(data_copy):
    path = data_copy / "procedures" / "khai_sinh.yml"
    edit(path, "ma_tthc:\n", "portal_link: htp//dichvucong gov vn\nma_tthc:\n")
    report = validate(data_copy, today=TODAY)
    assert report.ok
    hits = _find(report, "warning", "khai_sinh.yml", "portal_link", "đường link viết chưa đúng")
    assert hits and hits[0].line == line_of(path, "portal_link:")


def test_places_errors_are_reported(data_copy):
    path = data_copy / "places" / "vinh_long_thanh_phu.yml"
    edit(path, "communes: [dai_dien, quoi_dien,", "communes: [dai_dienn, quoi_dien,")
    edit(path, "      address: unknown\n", "      address: Ấp 1\n")  # filled in without a source
    report = validate(data_copy, today=TODAY)
    assert _find(report, "error", "vinh_long_thanh_phu.yml", "old_districts[0].communes", "dai_dienn")
    assert _find(report, "error", "vinh_long_thanh_phu.yml", "communes[0].office.source", "chưa có nguồn")


def test_missing_message_template_is_an_error(data_copy):
    path = data_copy / "messages.yml"
    edit(path, 'source_line: "Căn cứ: {sources}."\n', "")
    edit(path, 'fee_amount: "{amount}"\n', "")   # used by the renderer, required since D16
    report = validate(data_copy, today=TODAY)
    assert _find(report, "error", "messages.yml", "source_line", "thiếu câu này")
    assert _find(report, "error", "messages.yml", "fee_amount", "thiếu câu này")
    assert not report.ok


def test_an_unknown_message_or_placeholder_names_its_line(data_copy):
    path = data_copy / "messages.yml"
    edit(path, 'copies: "{n} bản"\n', 'copies: "{so} bản"\nonline_next: "Gõ tiếp"\n')
    report = validate(data_copy, today=TODAY)
    [placeholder] = _find(report, "error", "messages.yml", "copies", "chỗ điền lạ {so}")
    assert placeholder.line == line_of(path, "copies:")
    assert _find(report, "error", "messages.yml", "copies", "phải giữ chỗ điền {n}")
    [unknown] = _find(report, "error", "messages.yml", "online_next", "tên câu lạ")
    assert unknown.line == line_of(path, "online_next:")
