"""The condition vocabulary (knowledge/data/conditions.yml): labels and the words citizens use.

A fact may hold only under conditions: `{"channel": "trực tuyến", "cong_dan_so": True,
"groups": ["ho_ngheo"]}`. `Vocabulary.detect("tôi là hộ nghèo")` finds the conditions a
citizen names in a message (diacritic-insensitive, whole words); `label(conditions)` is the
Vietnamese wording of a fact's conditions; `matches(fact_conditions, person)` says whether a
fact applies to a person described by the detected conditions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.text import fold


@dataclass
class Vocabulary:
    spec: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # (folded word, key, value) longest first, so "ho can ngheo" wins over "can ngheo"
        words: list[tuple[str, str, object]] = []
        for key, entry in self.spec.items():
            if entry.get("type") == "flag":
                words += [(fold(w), key, True) for w in entry.get("words", [])]
            else:
                for value, v in entry.get("values", {}).items():
                    words += [(fold(w), key, value) for w in v.get("words", [])]
        words.sort(key=lambda item: -len(item[0]))
        self._words = [(re.compile(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])"), key, value)
                       for w, key, value in words if w]

    def detect(self, text: str) -> dict:
        """The conditions named in a message: {} when none."""
        folded = fold(text or "")[:2000]
        found: dict = {}
        for pattern, key, value in self._words:
            match = pattern.search(folded)
            if match is None:
                continue
            folded = folded[:match.start()] + " " * (match.end() - match.start()) + folded[match.end():]
            kind = self.spec[key]["type"]
            if kind == "list":
                found.setdefault(key, [])
                if value not in found[key]:
                    found[key].append(value)
            else:
                found.setdefault(key, value)
        if found.get("cong_dan_so"):
            found.setdefault("channel", "trực tuyến")  # a công dân số files online by definition
        return found

    def label(self, conditions: dict | None, short: bool = False) -> str:
        """'nộp trực tuyến bằng tài khoản VNeID mức 2 ...' / 'người thuộc hộ nghèo, người khuyết tật'.
        `short`: the `short:` wording where conditions.yml gives one (for headers)."""
        if not conditions:
            return ""
        parts: list[str] = []
        if conditions.get("cong_dan_so") and "cong_dan_so" in self.spec:
            spec = self.spec["cong_dan_so"]
            parts.append(spec.get("short", spec["label"]) if short else spec["label"])
        elif conditions.get("channel") and "channel" in self.spec:
            value = self.spec["channel"]["values"].get(conditions["channel"], {})
            parts.append(value.get("label", conditions["channel"]))
        groups = conditions.get("groups") or []
        if groups and "groups" in self.spec:
            values = self.spec["groups"]["values"]
            parts.append(", ".join(values.get(g, {}).get("label", g) for g in groups))
        return "; ".join(p for p in parts if p)

    @staticmethod
    def matches(fact_conditions: dict | None, person: dict) -> bool:
        """Does a fact with these conditions apply to a person described by `person`?"""
        if not fact_conditions:
            return True
        for key, value in fact_conditions.items():
            if key == "groups":
                if not set(value) & set(person.get("groups") or []):
                    return False
            elif key == "cong_dan_so":
                if bool(person.get("cong_dan_so")) != bool(value):
                    # a citizen who only says "online" may be a công dân số: the fact is offered, with its condition
                    if not (value and person.get("channel") == "trực tuyến"):
                        return False
            elif person.get(key) != value:
                return False
        return True


__all__ = ["Vocabulary"]
