"""Vietnamese text folding for diacritic-insensitive matching.

`fold("Đăng ký  KHAI SINH")` -> "dang ky khai sinh". Used by search, alias matching,
commune resolution and by other modules (NLU, actions) that compare what a citizen typed
with names in the knowledge base.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_char", "has_diacritics", "tokens_with_spans", "lower_nfc"]

_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character: lowercase, no diacritics, đ -> d. Combining marks fold to ''."""
    if ch in "đĐ":
        return "d"
    if ch.isascii():
        return ch.lower()
    out = []
    for c in unicodedata.normalize("NFD", ch):
        if unicodedata.combining(c):
            continue
        if c in "đĐ":
            c = "d"
        out.append(c.lower())
    return "".join(out)


def fold(text: str) -> str:
    """NFC, lowercase, strip diacritics (incl. đ -> d), collapse whitespace, strip ends."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    folded = "".join(fold_char(ch) for ch in text)
    return _SPACE_RE.sub(" ", folded).strip()


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
        if ch.isalnum() or ch in "đĐ":
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
