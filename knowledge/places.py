"""Resolving a commune from what a citizen typed: new names, former names, old district.

"xã An Nhơn" -> An Qui; "an nhon" -> An Qui; "thị trấn Thạnh Phú" -> Thạnh Phú; "huyện Thạnh Phú"
-> the district (ambiguous: several communes). Whole words, diacritic-insensitive; typed
diacritics must agree ("đại diện" is not "Đại Điền").
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.text import lower_nfc, tokens_with_spans

PREFIXES = (("thi", "tran"), ("xa",), ("phuong",), ("huyen",), ("tt",), ("h",), ("x",), ("p",))


@dataclass(frozen=True)
class Commune:
    key: str
    name: str
    province: str | None
    former_units: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class Office:
    """A commune's one-stop desk; None means not filled in yet (unknown, never guessed)."""

    commune_key: str
    commune_name: str
    name: str | None
    address: str | None
    phone: str | None
    hours: str | None
    source: str | None
    verified_on: object | None


@dataclass(frozen=True)
class PlaceMatch:
    kind: str  # "commune" | "district"
    commune_key: str | None  # for kind == "commune"
    district: str | None  # for kind == "district"
    commune_keys: tuple[str, ...]  # the communes of a district (or the one commune)
    start: int
    end: int


def _strip_prefix(tokens: tuple[str, ...]) -> tuple[str, ...]:
    for prefix in PREFIXES:
        if tokens[:len(prefix)] == prefix and len(tokens) > len(prefix):
            return tokens[len(prefix):]
    return tokens


class PlaceIndex:
    def __init__(self):
        self.patterns: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str, str, tuple[str, ...]]]] = {}

    def add(self, text: str, kind: str, target: str, members: tuple[str, ...], strip: bool = True) -> None:
        raw = tokens_with_spans(text)
        if not raw:
            return
        nfc = lower_nfc(text)
        acc = tuple(nfc[s:e] for _, s, e in tokens_with_spans(nfc))
        toks = tuple(t for t, _, _ in raw)
        variants = {(toks, acc)}
        stripped = _strip_prefix(toks)
        if strip and stripped != toks:
            variants.add((stripped, acc[len(toks) - len(stripped):]))
        for vt, va in variants:
            self.patterns.setdefault(vt[0], []).append((vt, va, kind, target, members))

    def find(self, text: str) -> PlaceMatch | None:
        toks = tokens_with_spans(text or "")
        best = None
        for i, (tok, _, _) in enumerate(toks):
            for pt, pa, kind, target, members in self.patterns.get(tok, ()):
                n = len(pt)
                window = toks[i:i + n]
                if len(window) < n or any(window[j][0] != pt[j] for j in range(n)):
                    continue
                ok = True
                for (_, s, e), acc in zip(window, pa):
                    word = text[s:e]
                    if not word.isascii() and lower_nfc(word) != acc:
                        ok = False
                        break
                if not ok:
                    continue
                start, end = window[0][1], window[-1][2]
                rank = (n, end - start, -start)
                if best is None or rank > best[0]:
                    best = (rank, PlaceMatch(kind, target if kind == "commune" else None,
                                             target if kind == "district" else None, members, start, end))
        return best[1] if best else None
