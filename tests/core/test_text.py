"""One folding for what a citizen types: the variants differ only where their names say so."""

from __future__ import annotations

import unicodedata

from bot.core.text import fold, fold_words, has_diacritics, lower_nfc, strip_diacritics, tokens_with_spans


def test_fold_lowers_strips_every_diacritic_and_collapses_spaces():
    assert fold("  Đăng ký   KHAI SINH\t") == "dang ky khai sinh"
    assert fold("Giấy chứng nhận quyền sử dụng đất") == "giay chung nhan quyen su dung dat"
    assert fold("ðăng ký") == "dang ky"             # the look-alike typed for đ
    assert fold(None) == "" and fold("") == ""


def test_fold_is_the_same_for_nfc_and_nfd_input():
    text = "Chứng thực bản sao"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "chung thuc ban sao"


def test_fold_keeps_punctuation_fold_words_turns_it_into_spaces():
    assert fold("Chờ bổ sung (hồ sơ)!") == "cho bo sung (ho so)!"
    assert fold_words("Chờ bổ sung (hồ sơ)!") == "cho bo sung ho so"
    assert fold_words("Đã trả kết quả/Hoàn thành") == "da tra ket qua hoan thanh"


def test_strip_diacritics_keeps_case_and_spacing():
    assert strip_diacritics("Đăng ký  Kết hôn") == "Dang ky  Ket hon"
    assert strip_diacritics("ĐỔI CCCD") == "DOI CCCD"


def test_lower_nfc_keeps_the_accents_and_has_diacritics_sees_them():
    assert lower_nfc("  Xã  Tân Lập ") == "xã tân lập"
    assert has_diacritics("Tân") and has_diacritics("đi") and not has_diacritics("tan lap")


def test_tokens_keep_their_offsets_in_the_original_text():
    text = "Làm sổ đỏ, ở đâu?"
    tokens = tokens_with_spans(text)
    assert [t for t, _, _ in tokens] == ["lam", "so", "do", "o", "dau"]
    assert [text[s:e] for _, s, e in tokens] == ["Làm", "sổ", "đỏ", "ở", "đâu"]
