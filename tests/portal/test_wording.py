"""Every status a portal reports is explained in plain Vietnamese, with the next step, from
YAML a non-programmer edits; a mistake in that YAML names the file, line and field."""

from pathlib import Path

import pytest

from actions.dossier import render_notification, render_status_answer
from actions.portal.models import Dossier
from actions.portal.simulator import SEED
from actions.portal.wording import (CANONICAL_STATUSES, WordingError, load_messages,
                                    load_statuses, messages, statuses)
from bot.core.text import fold_words

# The statuses seen in one-stop systems (knowledge-sources.md, "Codes").
PORTAL_STATUSES = {
    "Chờ tiếp nhận": "received",
    "Đã tiếp nhận": "received",
    "Đang xử lý": "in_progress",
    "Chờ bổ sung hồ sơ": "need_more_papers",
    "Tạm dừng xử lý": "paused",
    "Chờ thực hiện nghĩa vụ tài chính": "await_payment",
    "Đã có kết quả": "result_ready",
    "Đã trả kết quả": "returned",
    "Quá hạn / trễ hẹn": "overdue",
    "Quá hạn": "overdue",
    "Trễ hẹn": "overdue",
    "Từ chối": "rejected",
    "Đã hủy": "cancelled",
}


@pytest.mark.parametrize("portal_text, key", PORTAL_STATUSES.items())
def test_each_portal_status_maps_with_or_without_diacritics(portal_text, key):
    catalogue = statuses()
    assert catalogue.canonical(portal_text) == key
    assert catalogue.canonical(fold_words(portal_text)) == key          # "cho bo sung ho so"
    assert catalogue.canonical(portal_text.upper()) == key


@pytest.mark.parametrize("portal_text, key", [
    ("Đang xử lý - quá hạn", "overdue"),
    ("Từ chối tiếp nhận", "rejected"),
    ("Đang xử lý tại phòng chuyên môn", "in_progress"),
    ("  đã   trả kết quả ", "returned"),
])
def test_a_status_inside_a_longer_text_maps_by_priority(portal_text, key):
    assert statuses().canonical(portal_text) == key


@pytest.mark.parametrize("key", CANONICAL_STATUSES)
def test_every_canonical_status_has_a_label_an_explanation_and_is_final_only_when_over(key):
    info = statuses().info(None, key)
    assert info.key == key and info.label and len(info.explanation) > 20
    assert info.final == (key in {"returned", "rejected", "cancelled"})
    if key in {"need_more_papers", "await_payment", "result_ready"}:
        assert len(info.next_step) > 20     # these need the citizen to act


def test_the_next_steps_say_what_to_bring_or_do():
    assert "giấy" in statuses().info(None, "need_more_papers").next_step
    assert "nộp" in statuses().info(None, "await_payment").next_step
    assert "nhận kết quả" in statuses().info(None, "result_ready").next_step


def test_an_unknown_status_is_shown_as_the_portal_wrote_it():
    info = statuses().info("Đang chuyển liên thông")
    assert info.key is None and info.label == "Đang chuyển liên thông"
    assert info.explanation and not info.final


def test_the_shipped_messages_load():
    assert "{" not in messages().get("answer.header", code="X")
    assert "000.00.12.H05-211020-0001" in messages().get("code_shape", example="000.00.12.H05-211020-0001")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_typo_in_a_placeholder_names_file_line_and_field(tmp_path):
    source = Path("actions/portal/messages.yml").read_text(encoding="utf-8")
    broken = source.replace('header: "Hồ sơ {code}:"', 'header: "Hồ sơ {cdoe}:"')
    path = _write(tmp_path, "messages.yml", broken)
    line = next(i for i, l in enumerate(broken.splitlines(), 1) if "{cdoe}" in l)
    with pytest.raises(WordingError) as error:
        load_messages(path)
    assert f"messages.yml:{line}: answer.header: chỗ điền lạ {{cdoe}}" in str(error.value)
    assert "cdoe" in str(error.value)


def test_a_missing_status_and_a_wrong_type_are_reported(tmp_path):
    source = Path("actions/portal/statuses.yml").read_text(encoding="utf-8")
    path = _write(tmp_path, "statuses.yml", source.replace("    final: true\n", "    final: maybe\n", 1))
    with pytest.raises(WordingError, match=r"statuses.yml:\d+: field 'statuses.cancelled.final'"):
        load_statuses(path)
    start = source.index("  paused:")
    end = source.index("  overdue:")
    path = _write(tmp_path, "statuses.yml", source[:start] + source[end:])
    with pytest.raises(WordingError, match="missing canonical status paused"):
        load_statuses(path)


def test_broken_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "statuses.yml", "statuses:\n  received: [unclosed\n")
    with pytest.raises(WordingError, match=r"statuses.yml:\d+: không phải YAML hợp lệ"):
        load_statuses(path)


# --------------------------------------------------------------------------- in the answers

def _simulator_statuses() -> list[tuple[str, str]]:
    return [(code, status) for code, status, *_ in SEED]


@pytest.mark.parametrize("code, portal_text", _simulator_statuses())
def test_every_status_the_simulator_returns_is_said_in_plain_words(code, portal_text):
    key = statuses().canonical(portal_text)
    dossier = Dossier(code=code, status_text=portal_text, status=key)
    answer = render_status_answer(dossier)
    info = statuses().info(portal_text, key)
    assert f"Tình trạng: {info.label}. {info.explanation}" in answer
    if key is None:                              # not in the catalogue: read out as written
        assert info.label == portal_text and portal_text in answer
    elif info.next_step:
        assert info.next_step in answer


@pytest.mark.parametrize("key", ["returned", "need_more_papers", "rejected"])
def test_returned_more_papers_and_refused_say_what_to_do_and_whom_to_ask(key):
    info = statuses().info(None, key)
    assert "bộ phận một cửa" in info.next_step


def test_an_unknown_status_is_read_verbatim_in_the_answer_and_the_notification():
    odd = "Đang chờ ý kiến Sở Xây dựng (lần 2)"
    answer = render_status_answer(Dossier(code="000.00.99.H99-250701-0001", status_text=odd,
                                          status=statuses().canonical(odd)))
    assert f"Tình trạng: {odd}." in answer
    notice = render_notification({"code": "000.00.99.H99-250701-0001", "status": odd})
    assert odd in notice


def test_no_duty_of_the_office_is_stated_without_the_text_that_says_it():
    # "theo quy định ..." in an explanation or next step would be a legal claim without a
    # source: such a statement belongs in a `rule:` with its source and quote
    for key in CANONICAL_STATUSES:
        info = statuses().info(None, key)
        for text in (info.explanation, info.next_step):
            assert "quy định" not in text.lower() and "nghị định" not in text.lower(), key
        if info.rule:
            assert info.rule.source and info.rule.quote


RULED = '''
  overdue:
    label: Quá hạn
    portal_names: [Quá hạn]
    explanation: Hồ sơ đã quá ngày hẹn trả kết quả.
    next_step: Bạn hỏi bộ phận một cửa nơi đã nộp.
    final: false
    rule:
      text: cơ quan gửi thư xin lỗi và hẹn lại ngày trả kết quả
      source: Văn bản thử, Điều 1
      quote: "nguyên văn điều khoản"
'''


def _with_overdue(tmp_path: Path, entry: str) -> Path:
    source = Path("actions/portal/statuses.yml").read_text(encoding="utf-8")
    start, end = source.index("  overdue:"), source.index("  in_progress:")
    return _write(tmp_path, "statuses.yml", source[:start] + entry.lstrip("\n") + "\n" + source[end:])


def test_a_cited_rule_is_said_with_its_source(tmp_path, monkeypatch):
    monkeypatch.setenv("DVCBOT_PORTAL_STATUSES_FILE", str(_with_overdue(tmp_path, RULED)))
    notice = render_notification({"code": "38.99.H99-250702-0012", "kind": "overdue",
                                  "status": "Đang xử lý", "appointment_date": "2026-11-29"})
    assert "Theo Văn bản thử, Điều 1: cơ quan gửi thư xin lỗi và hẹn lại ngày trả kết quả" in notice


def test_a_rule_without_its_quote_names_file_line_and_field(tmp_path):
    path = _with_overdue(tmp_path, RULED.replace('      quote: "nguyên văn điều khoản"\n', ""))
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if l.strip() == "rule:")
    with pytest.raises(WordingError) as error:
        load_statuses(path)
    assert f"statuses.yml:{line}: field 'statuses.overdue.rule.quote'" in str(error.value)
