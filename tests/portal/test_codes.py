"""A citizen types or pastes a dossier code however their phone lets them: the assistant
reads the code, or says precisely what is wrong with it."""

from datetime import date

import pytest

from actions.portal.codes import find_dossier_codes, looks_like_code_attempt, parse_dossier_code

TODAY = date(2025, 8, 1)


@pytest.mark.parametrize("typed, expected", [
    ("000.00.12.H05-211020-0001", "000.00.12.H05-211020-0001"),
    ("000.00.12.h05-211020-0001", "000.00.12.H05-211020-0001"),            # lower case
    ("000.00.12.H05 - 211020 - 0001", "000.00.12.H05-211020-0001"),        # spaces
    ("000 . 00 . 12 . H05-211020-0001", "000.00.12.H05-211020-0001"),
    ("000.00.12.H05 211020 0001", "000.00.12.H05-211020-0001"),            # no dashes
    ("000,00,12,h05–211020—0001", "000.00.12.H05-211020-0001"),            # comma, en/em dash
    ("０００.００.１２.Ｈ０５-２１１０２０-０００１", "000.00.12.H05-211020-0001"),   # full-width
    ("38.98.H29-210519-0013", "38.98.H29-210519-0013"),                    # 3-part agency
    ("G22.H29-210519-0013", "G22.H29-210519-0013"),                        # 2-part agency
    ("hồ sơ của tôi mã 000.00.12.H05-211020-0001 tới đâu rồi", "000.00.12.H05-211020-0001"),
    ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả\nMã hồ sơ: 000.00.12.H05-211020-0001\n"
     "Ngày hẹn trả: 25/10/2021", "000.00.12.H05-211020-0001"),            # receipt caption
    ("ma ho so:000.00.12.H05-211020-0001.", "000.00.12.H05-211020-0001"),
])
def test_a_pasted_code_is_read_and_normalised(typed, expected):
    result = parse_dossier_code(typed, today=TODAY)
    assert result.ok and result.code == expected and result.reason is None


@pytest.mark.parametrize("typed, reason", [
    ("", "empty"),
    ("   ", "empty"),
    ("tôi muốn tra hồ sơ", "no_code"),
    ("0912345678", "no_code"),                          # a phone number is not a code
    ("000.00.12.H05-211320-0001", "bad_date"),          # month 13
    ("000.00.12.H05-210230-0001", "bad_date"),          # 30 February
    ("000.00.12.H05-21102-0001", "bad_date"),           # 5 digits
    ("000.00.12.H05-991020-0001", "future_date"),       # 2099
    ("000.00.12.H05-211020-001", "bad_sequence"),       # 3 digits
    ("000.00.12.H05-211020", "bad_sequence"),
    ("H05-211020-0001", "bad_agency"),                  # 1 part
    ("1.2.3.4.5-211020-0001", "bad_agency"),            # 5 parts
])
def test_a_wrong_code_gets_a_reason(typed, reason):
    result = parse_dossier_code(typed, today=TODAY)
    assert not result.ok and result.code is None and result.reason == reason


def test_the_first_valid_code_wins_and_all_can_be_listed():
    text = "hai hồ sơ 000.00.12.H05-211320-0001 và 38.98.h29-210519-0013, 000.00.12.H05-211020-0002"
    assert parse_dossier_code(text, today=TODAY).code == "38.98.H29-210519-0013"
    assert find_dossier_codes(text, today=TODAY) == ["38.98.H29-210519-0013", "000.00.12.H05-211020-0002"]


def test_a_code_glued_to_more_digits_is_not_cut_out_of_them():
    assert not parse_dossier_code("000.00.12.H05-211020-00012", today=TODAY).ok


def test_digits_look_like_an_attempt_words_do_not():
    assert looks_like_code_attempt("000.00.12-2110")
    assert not looks_like_code_attempt("thôi không tra nữa")
