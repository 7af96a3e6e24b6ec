"""The Vietnamese tokenizer: what Rasa's featurizers get from what a citizen typed."""

from __future__ import annotations

import random
import time
import unicodedata

import pytest

from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.tokenizer import VietnameseTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> VietnameseTokenizer:
    return VietnameseTokenizer(VietnameseTokenizer.get_default_config())


def words(tokenizer, text):
    return [t.text for t in tokenizer.tokenize_text(text)]


def assert_exact_offsets(tokenizer, text):
    tokens = tokenizer.tokenize_text(text)
    previous_end = 0
    for token in tokens:
        assert text[token.start:token.end] == token.text, (text, token)
        assert token.start >= previous_end, "tokens overlap or go backwards"
        previous_end = token.end
    return tokens


SENTENCES = [
    "Tôi muốn làm giấy khai sinh cho con",
    "lam giay khai sinh can gi",
    "doi cccd bn tien",
    "hồ sơ 000.00.12.H05-211020-0001 tới đâu rồi",
    "Hoà giải, thuỷ lợi, quý khách",          # old-style tone placement (underthesea rewrites it)
    "ủy ban xã An Qui mấy giờ mở cửa",         # underthesea rewrites "Qui" -> "Quy"
    "nghành xây dựng",                          # underthesea "corrects" the spelling
    "ðăng ký kết hôn",                          # ð typed for đ
    "  đăng   ký\ttạm trú  ",
    "lệ phí 1.000.000đ, hạn 15/07/2025 (thứ 2)...",
    "ĐĂNG KÝ KHAI SINH CHO CON",
    "cho tui hỏi, nhà tui ở An Nhơn... má tui 80 tuổi xin tiền già đc hông???",
    "email a.b@c.vn, web https://dichvucong.gov.vn/p/home",
    "mã 38.98.H29-210519-0013 xong chưa",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_every_token_is_the_exact_substring_it_claims(tokenizer, text):
    tokens = assert_exact_offsets(tokenizer, text)
    assert tokens, "a sentence with words gives tokens"


def test_nfd_input_keeps_offsets_into_the_original_string(tokenizer):
    text = unicodedata.normalize("NFD", "Đăng ký khai sinh hoà giải ở xã Thạnh Phú")
    tokens = assert_exact_offsets(tokenizer, text)
    # the combining marks stay inside their word
    assert [t.lemma for t in tokens][:2] == ["dang_ky", "khai_sinh"]
    assert "".join(t.text for t in tokens).replace(" ", "") == text.replace(" ", "")


def test_multi_syllable_words_are_one_token_with_a_folded_lemma(tokenizer):
    tokens = tokenizer.tokenize_text("Tôi muốn đăng ký khai sinh cho con")
    by_text = {t.text: t.lemma for t in tokens}
    assert by_text["đăng ký"] == "dang_ky"
    assert by_text["khai sinh"] == "khai_sinh"
    assert by_text["Tôi"] == "toi"


def test_text_without_diacritics_gets_the_same_word_features(tokenizer):
    accented = [t.lemma for t in tokenizer.tokenize_text("đăng ký kết hôn cần giấy gì")]
    plain = [t.lemma for t in tokenizer.tokenize_text("dang ky ket hon can giay gi")]
    assert "ket_hon" in accented and "ket_hon" in plain
    assert all(lemma.isascii() for lemma in plain)


def test_unaccented_nonsense_joins_are_split_but_dictionary_words_kept(tokenizer):
    # underthesea glues "thi dang" / "can giay" in unaccented text; they are not words
    result = words(tokenizer, "vo chong tui thi dang ky ket hon can giay gi")
    assert "thi dang" not in result and "can giay" not in result
    assert "ket hon" in result


@pytest.mark.parametrize("code", [
    "000.00.12.H05-211020-0001", "38.98.H29-210519-0013", "H05.22-250101-0099",
])
def test_dossier_codes_stay_one_token(tokenizer, code):
    for text in (f"hồ sơ {code} tới đâu rồi", f"{code}", f"ma ho so:{code}, xong chua?"):
        assert code in words(tokenizer, text), text


@pytest.mark.parametrize("abbreviation", ["CCCD", "GPXD", "HKD", "LLTP", "BHYT", "cccd", "cmnd", "lltp"])
def test_abbreviations_stay_whole(tokenizer, abbreviation):
    assert abbreviation in words(tokenizer, f"làm {abbreviation} ở đâu")
    assert abbreviation in words(tokenizer, f"cho hỏi {abbreviation} mất bao lâu")


def test_numbers_stay_whole(tokenizer):
    result = words(tokenizer, "lệ phí 1.000.000 đồng, nộp ngày 15/07/2025, 3 bản")
    assert "1.000.000" in result and "15/07/2025" in result and "3" in result


def test_a_message_typed_in_capitals_is_still_segmented(tokenizer):
    assert "KHAI SINH" in words(tokenizer, "ĐĂNG KÝ KHAI SINH CHO CON")


def test_punctuation_and_emoji_are_not_tokens(tokenizer):
    assert words(tokenizer, "khai sinh??? 😀 !!!") == ["khai sinh"]


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("   ", []),
    ("\n\t ", []),
    ("😀😀", ["😀😀"]),          # emoji only: one token so the classifier still sees something
    ("???", ["???"]),
])
def test_odd_messages_without_words(tokenizer, text, expected):
    assert words(tokenizer, text) == expected


ODD_INPUTS = [
    "😀", "👍🏽👍🏽", "Привет мир 你好 world مرحبا", "a\u200bb\u200dc", "\x00\x01\x02 abc \x7f",
    "\u0301\u0300 dấu rời", "x" * 5000, "khai sinh " * 1000, "\ufeffchào", "\ud7ff\ue000",
    "<script>alert(1)</script>", "'; DROP TABLE users; --", "a\r\nb\rc", "\u202eabc",
    "." * 300, "1" * 300, "000.00.12.H05-211020-0001" * 3,
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_raises_and_offsets_stay_exact(tokenizer, text):
    assert_exact_offsets(tokenizer, text)


def test_random_garbage_never_raises(tokenizer):
    rng = random.Random(7)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊ áàảãạ\u0300\u0301\u0303 .,?!-_/:0123456789😀\t\n\x00\u200b中"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert_exact_offsets(tokenizer, text)


def test_ten_thousand_characters_in_reasonable_time(tokenizer):
    text = "tôi muốn hỏi thủ tục làm giấy khai sinh cho con ở xã An Qui nhen, " * 152
    assert len(text) >= 10_000
    started = time.perf_counter()
    tokens = assert_exact_offsets(tokenizer, text)
    assert time.perf_counter() - started < 5
    assert tokens[-1].end > 9_000  # the whole message is tokenized, not just the start


def test_rasa_message_interface(tokenizer):
    message = Message(data={TEXT: "dang ky khai sinh o dau"})
    tokenizer.process([message])
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert [t.text for t in tokens][-2:] == ["o", "dau"]


def test_training_splits_tokens_at_annotated_entity_boundaries(tokenizer):
    # underthesea may glue a word to the start of a procedure name in unaccented text;
    # for training the token is cut where the annotation starts, so the label is kept.
    text = "tui muon lam giay khai sinh"
    start = text.index("giay")
    message = Message(data={
        TEXT: text, "intent": "ask_procedure",
        "entities": [{"entity": "procedure", "start": start, "end": len(text), "value": "khai_sinh"}],
    })
    tokenizer.process_training_data(TrainingData([message]))
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert any(t.start == start for t in tokens)
    assert any(t.end == len(text) for t in tokens)
    for t in tokens:
        assert text[t.start:t.end] == t.text


def test_fast_enough_for_every_message(tokenizer):
    messages = ["lam giay khai sinh can gi cho con tui o xa an qui nhen",
                "Cho tôi hỏi đăng ký kết hôn cần giấy tờ gì ạ?"] * 200
    tokenizer.tokenize_text("khởi động")
    started = time.perf_counter()
    for message in messages:
        tokenizer.tokenize_text(message)
    per_message = (time.perf_counter() - started) / len(messages)
    assert per_message < 0.02  # measured ~1 ms on the project machine
