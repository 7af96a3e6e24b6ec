"""Small Vietnamese text helpers shared by the NLU components, the benchmark and tests.

Nothing here imports Rasa or underthesea, so it is cheap to import anywhere.
"""

from __future__ import annotations

import re
import unicodedata

# "đ"/"Đ" are letters of their own in Unicode (no decomposition), so NFD alone
# does not take them to "d"; "ð" is a common look-alike typed for "đ".
_SPECIAL_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

# Dossier code (mã hồ sơ), Thông tư 01/2018/TT-VPCP art. 19:
# <agency code: 2-4 dot-separated parts>-<YYMMDD>-<4 digits>,
# e.g. 000.00.12.H05-211020-0001, 38.98.H29-210519-0013.
DOSSIER_CODE_PATTERN = r"[0-9A-Za-z]{1,6}(?:\.[0-9A-Za-z]{1,6}){1,3}-\d{6}-\d{4}"
DOSSIER_CODE_RE = re.compile(r"(?<![\w.-])" + DOSSIER_CODE_PATTERN + r"(?![\w-])")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone marks and vowel hats, keep case: "Đăng ký" -> "Dang ky".

    Length is not preserved for NFD input; use for comparison and features only.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Comparison key: no diacritics, lower case, single spaces, trimmed."""
    return " ".join(strip_diacritics(text).lower().split())


def find_dossier_codes(text: str) -> list[tuple[int, int]]:
    """Spans of dossier codes in ``text`` (as written)."""
    return [m.span() for m in DOSSIER_CODE_RE.finditer(text)]
