"""`split_text`: cut a long answer into messages a platform accepts, on paragraph, line,
sentence and word boundaries, in that order of preference."""

from __future__ import annotations

import re
from typing import Callable

_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, length: Callable[[str], int] = len) -> list[str]:
    """Cut `text` into pieces of at most `limit` (as measured by `length`).

    Prefers paragraph breaks, then line breaks, then sentence ends, then spaces; a single word
    longer than the limit is cut hard. Pieces are stripped; empty pieces are dropped.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = (text or "").strip()
    if not text:
        return []
    if length(text) <= limit:
        return [text]
    return [piece for piece in _split(text, limit, length, 0) if piece]


_LEVELS: tuple[tuple[Callable[[str], list[str]], str], ...] = (
    (lambda t: re.split(r"\n\s*\n", t), "\n\n"),
    (lambda t: t.split("\n"), "\n"),
    (lambda t: _SENTENCE_END.split(t), " "),
    (lambda t: t.split(" "), " "),
)


def _split(text: str, limit: int, length: Callable[[str], int], level: int) -> list[str]:
    if length(text) <= limit:
        return [text.strip()]
    if level >= len(_LEVELS):
        return _hard_cut(text, limit, length)
    cut, joiner = _LEVELS[level]
    units = [u.strip() for u in cut(text)]
    units = [u for u in units if u]
    if len(units) <= 1:
        return _split(text, limit, length, level + 1)
    chunks: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        if length(unit) <= limit:
            current = unit
        else:
            parts = _split(unit, limit, length, level + 1)
            chunks.extend(parts[:-1])
            current = parts[-1] if parts else ""
    if current:
        chunks.append(current)
    return [c.strip() for c in chunks]


def _hard_cut(text: str, limit: int, length: Callable[[str], int]) -> list[str]:
    pieces, current = [], ""
    for char in text:
        if current and length(current + char) > limit:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces
