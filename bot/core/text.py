"""Vietnamese text folding: one comparison key for what a citizen typed and the names dvcbot knows.

- `fold("Đăng ký  KHAI SINH")` -> "dang ky khai sinh": lower case, no diacritics (đ and its
  look-alike ð become d), whitespace collapsed. The key for search, aliases, communes, commands.
- `fold_words("Chờ bổ sung (hồ sơ)!")` -> "cho bo sung ho so": `fold`, and every character that
  is not a letter or digit becomes a space (portal status strings, where punctuation is noise).
- `strip_diacritics("Đăng ký")` -> "Dang ky": diacritics removed, case and spacing kept (what a
  citizen on a phone without a Vietnamese keyboard types).
- `lower_nfc`: lower case and collapsed spaces with the diacritics kept (exact accented match).
- `tokens_with_spans`: folded word tokens with their offsets in the original string.

Nothing here imports Rasa or underthesea, so it is cheap to import anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_words", "strip_diacritics", "fold_char", "lower_nfc", "has_diacritics",
           "tokens_with_spans"]

# "đ"/"Đ" are letters of their own in Unicode (no decomposition), so NFD alone does not take
# them to "d"; "ð"/"Ð" are look-alikes typed for them.
_D_LETTERS = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
_D_TRANSLATION = str.maketrans(_D_LETTERS)
_SPACE_RE = re.compile(r"\s+")
_NOT_WORD_RE = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone marks and vowel hats, keep case: "Đăng ký" -> "Dang ky".

    Length is not preserved for NFD input; use for comparison and features only.
    """
    decomposed = unicodedata.normalize("NFD", str(text or "").translate(_D_TRANSLATION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Comparison key: lower case, no diacritics (đ -> d), single spaces, trimmed."""
    return " ".join(strip_diacritics(text).lower().split())


def fold_words(text: str) -> str:
    """`fold`, with every run of characters other than a-z and 0-9 turned into one space."""
    return " ".join(_NOT_WORD_RE.sub(" ", fold(text)).split())


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character the way `fold` does; a combining mark folds to ''."""
    if ch in _D_LETTERS:
        return "d"
    if ch.isascii():
        return ch.lower()
    return "".join(c.lower() for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def lower_nfc(text: str) -> str:
    """NFC + lowercase + collapsed spaces, diacritics kept (for exact accented comparison)."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", str(text)).lower()).strip()


def has_diacritics(text: str) -> bool:
    """True if the text carries any Vietnamese diacritic (or đ), NFC or NFD."""
    return any(not ch.isascii() and fold_char(ch) != ch.lower() for ch in text)


def tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Split text into folded word tokens (letters/digits), each with its [start, end)
    character offsets in the ORIGINAL string (works on NFC and NFD input alike)."""
    tokens: list[tuple[str, int, int]] = []
    buf: list[str] = []
    start = -1
    end = -1
    for i, ch in enumerate(text):
        if unicodedata.combining(ch):
            # a combining mark belongs to the word it follows
            if start >= 0:
                end = i + 1
            continue
        if ch.isalnum() or ch in _D_LETTERS:
            if start < 0:
                start = i
            buf.append(fold_char(ch))
            end = i + 1
        else:
            if start >= 0:
                tokens.append(("".join(buf), start, end))
                buf, start = [], -1
    if start >= 0:
        tokens.append(("".join(buf), start, end))
    return tokens
