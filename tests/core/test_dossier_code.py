"""One dossier-code pattern: the tokenizer, the regex featurizer's YAML, the portal look-up and
the masking all find the same codes."""

from __future__ import annotations

import re

import yaml

from actions.portal.codes import parse_dossier_code
from bot.core.dossier_code import (DASHED_CODE_RE, DOSSIER_CODE_PATTERN, DOSSIER_CODE_RE,
                                   LOOSE_CODE_RE, normalise_match, prepare)
from bot.core.masking import mask_personal
from bot.paths import REPO_ROOT

VALID = ["000.00.12.H05-211020-0001", "38.98.H29-210519-0013", "H29.1.2.3-250701-9999"]
INVALID = [
    "0912345678",                    # a phone number
    "079123456789",                  # a CCCD (12 digits)
    "000.00.12.H05-21102-0001",      # date of 5 digits
    "000.00.12.H05-211020-001",      # sequence of 3 digits
    "H05-211020-0001",               # agency of one part
    "1.2.3.4.5-211020-0001",         # agency of five parts
    "1.500.000 đồng",                # an amount
]


def test_the_regex_featurizer_yaml_carries_the_module_pattern():
    doc = yaml.safe_load((REPO_ROOT / "nlu_data/train/nlu/handwritten.yml").read_text(encoding="utf-8"))
    regexes = [block for block in doc["nlu"] if block.get("regex") == "dossier_code"]
    assert len(regexes) == 1
    examples = [line[2:].strip() for line in regexes[0]["examples"].splitlines() if line.strip()]
    assert examples == [DOSSIER_CODE_PATTERN]


def test_valid_codes_are_one_token_and_invalid_ones_are_not_codes():
    for code in VALID:
        assert re.fullmatch(DOSSIER_CODE_PATTERN, code), code
        assert DOSSIER_CODE_RE.search(f"hồ sơ {code} sao rồi").group(0) == code
    for text in INVALID:
        assert not DOSSIER_CODE_RE.search(text), text
        assert not LOOSE_CODE_RE.search(prepare(text)), text


def test_a_code_glued_to_a_longer_code_is_not_taken():
    assert not DOSSIER_CODE_RE.search("000.00.12.H05-211020-00012")
    assert not DOSSIER_CODE_RE.search("x000.00.12.H05-211020-0001-7")


def test_codes_as_citizens_paste_them_are_read_and_normalised():
    for typed in ("000.00.12.h05 - 211020 - 0001", "000,00,12,H05–211020–0001",
                  "Biên nhận số 000.00.12.h05-211020-0001 ngày 20/10", "000.00.12.H05 211020 0001"):
        match = LOOSE_CODE_RE.search(prepare(typed))
        assert match and normalise_match(match) == "000.00.12.H05-211020-0001", typed
        assert parse_dossier_code(typed).code == "000.00.12.H05-211020-0001", typed


def test_masking_and_the_hand_off_use_the_same_shape():
    text = "mã 000.00.12.H05-211020-0001, sđt 0912 345 678"
    assert DASHED_CODE_RE.search(text).group(0) == "000.00.12.H05-211020-0001"
    masked = mask_personal(text)
    assert "000.00.12.H05-******-**01" in masked and "0912" not in masked
    assert mask_personal(masked) == masked
    # three runs of digits with spaces are a number to mask, not a code to keep readable
    assert not DASHED_CODE_RE.search("12.34 567890 1234")
