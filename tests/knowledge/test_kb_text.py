import unicodedata

import pytest

from bot.core.text import fold, has_diacritics, tokens_with_spans


@pytest.mark.parametrize("raw, folded", [
    ("Đăng ký  KHAI SINH", "dang ky khai sinh"),
    ("  sổ đỏ\tlần đầu \n", "so do lan dau"),
    (unicodedata.normalize("NFD", "Xác nhận độc thân"), "xac nhan doc than"),
    ("Quới Điền", "quoi dien"),
    ("", ""),
    ("CCCD 😀", "cccd 😀"),
])
def test_fold_strips_diacritics_case_and_extra_spaces(raw, folded):
    assert fold(raw) == folded


def test_token_offsets_point_into_the_original_text_even_for_nfd_input():
    text = unicodedata.normalize("NFD", "Làm sổ đỏ, cccd!")
    tokens = tokens_with_spans(text)
    assert [t for t, _, _ in tokens] == ["lam", "so", "do", "cccd"]
    assert [unicodedata.normalize("NFC", text[s:e]) for _, s, e in tokens] == ["Làm", "sổ", "đỏ", "cccd"]


def test_has_diacritics_tells_typed_accents_apart():
    assert not has_diacritics("so do lan dau")
    assert has_diacritics("số đó")
    assert has_diacritics("do đo")
