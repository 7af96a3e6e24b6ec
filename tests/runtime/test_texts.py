"""The one text loader (bot.core.texts): an operator's broken edit is refused with file, line
and text name; a program filling a text in with the wrong values fails here, not in front of a
citizen; and every text file the project ships passes its declaration."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.texts import TEXT_LIST, Buttons, TextFile, TextsError

DECLARED = {
    "opened": {"commune_name", "when?"},
    "consent_yes": set(),
    "answer.header": {"code"},
    "commands": TEXT_LIST,
    "menu": Buttons("title", "payload"),
}
GOOD = """\
opened: "Đã chuyển cho tổ {commune_name} {when}."
consent_yes: "Đồng ý"
answer:
  header: "Hồ sơ {code}:"
commands: [xoa du lieu]
menu:
  - title: "Gặp người thật"
    payload: /request_human
"""


def _file(tmp_path: Path, text: str) -> TextFile:
    path = tmp_path / "texts.yml"
    path.write_text(text, encoding="utf-8")
    return TextFile(path, DECLARED)


def test_a_citizen_gets_the_text_filled_in_as_the_operator_wrote_it(tmp_path):
    texts = _file(tmp_path, GOOD)
    assert texts.text("opened", commune_name="xã An Qui", when="ngay") == "Đã chuyển cho tổ xã An Qui ngay."
    assert texts.text("answer.header", code="H05-1") == "Hồ sơ H05-1:"
    assert texts.value("menu") == [{"title": "Gặp người thật", "payload": "/request_human"}]
    assert texts.value("commands") == ["xoa du lieu"]


def test_an_optional_placeholder_may_be_left_out_by_the_operator(tmp_path):
    texts = _file(tmp_path, GOOD.replace(" {when}.", "."))
    assert texts.text("opened", commune_name="xã An Qui", when="ngay") == "Đã chuyển cho tổ xã An Qui."


@pytest.mark.parametrize("edit, expected", [
    (('consent_yes: "Đồng ý"\n', ""), "texts.yml:1: consent_yes: thiếu câu này"),
    (('consent_yes:', 'consent_yess:'), "texts.yml:2: consent_yess: tên câu lạ"),
    (("{code}", "{cdoe}"), "texts.yml:4: answer.header: chỗ điền lạ {cdoe}; chỉ được dùng: {code}"),
    (("{code}", "{cdoe}"), "texts.yml:4: answer.header: phải giữ chỗ điền {code}"),
    (("{commune_name}", "{commune_name"), "texts.yml:1: opened: dấu ngoặc nhọn bị hỏng"),
    (("    payload: /request_human\n", "    payloads: /request_human\n"),
     "texts.yml:8: menu[1].payloads: trường lạ; một nút chỉ có title:, payload:"),
    (("commands: [xoa du lieu]", "commands: []"), "texts.yml:5: commands: phải là một danh sách câu chữ"),
    (('consent_yes: "Đồng ý"', 'consent_yes: "Đồng ý'), "texts.yml:"),
])
def test_a_broken_edit_is_refused_naming_file_line_and_text(tmp_path, edit, expected):
    with pytest.raises(TextsError) as refused:
        _file(tmp_path, GOOD.replace(*edit)).check()
    assert expected in str(refused.value)


def test_bad_yaml_names_its_line(tmp_path):
    with pytest.raises(TextsError, match=r"texts.yml:2: không phải YAML hợp lệ"):
        _file(tmp_path, GOOD.replace('consent_yes: "Đồng ý"', 'consent_yes: Đồng ý: có')).check()


def test_filling_a_text_with_the_wrong_values_is_an_error_not_an_empty_line(tmp_path):
    texts = _file(tmp_path, GOOD)
    with pytest.raises(TextsError, match="opened"):
        texts.text("opened", commune_name="xã An Qui")            # {when} not given
    with pytest.raises(TextsError, match="consent_yes"):
        texts.text("consent_yes", name="x")                          # a value it does not take
    with pytest.raises(TextsError, match="consent_no"):
        texts.text("consent_no")                                     # not declared


def test_every_shipped_text_file_passes_its_declaration():
    from actions.portal.wording import MESSAGES_FILE, load_messages
    from actions.replies import REPLIES
    from bot import privacy, receipt
    from bot.channels.base import CHANNEL_TEXTS
    from bot.handoff.texts import TEXTS as HANDOFF
    from knowledge.catalog import MESSAGES as CATALOG

    for text_file in (REPLIES, privacy.TEXTS, receipt.MESSAGES, CHANNEL_TEXTS, HANDOFF, CATALOG):
        assert text_file.check().names() == tuple(text_file.declared)
    load_messages(MESSAGES_FILE)
