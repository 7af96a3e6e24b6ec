"""The held-out understanding split (nlu_data/test/understanding.yml) and its scores.

`dvcbot bench nlu` scores it with a real model; the scoring functions only need an
object with ``understand(text, details=True) -> dict`` (the `dvcbot understand` JSON),
so tests can drive them with a scripted one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bot.core.text import strip_diacritics
from knowledge.canonical import PROCEDURE_KEYS

OTHER = "other"  # a procedure outside the curated ones: right unless a curated key is given


@dataclass
class Message:
    text: str
    intent: str
    procedure: str
    aspects: List[str]
    kind: List[str]


@dataclass
class Conversation:
    first: str
    then: str
    expect: str
    carry: bool


def load(path: Path) -> tuple[List[Message], List[Conversation]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    messages = [Message(str(m["text"]), str(m["intent"]), str(m["procedure"]),
                        [str(a) for a in m.get("aspects") or []], list(m.get("kind") or []))
                for m in data.get("messages") or []]
    conversations = [Conversation(str(c["first"]), str(c["then"]), str(c["expect"]),
                                  bool(c["carry"]))
                     for c in data.get("conversations") or []]
    return messages, conversations


def procedure_right(gold: str, got: Optional[str]) -> bool:
    """``gold`` is a key, "none", "other" or several right keys "a|b"."""
    if gold == OTHER:
        return got not in PROCEDURE_KEYS
    return (got or "none") in gold.split("|")


@dataclass
class MessageScores:
    n: int = 0
    intent_right: int = 0
    procedure_right: int = 0
    by_kind: Dict[str, List[int]] = field(default_factory=dict)  # kind -> [n, procedure right]
    multi_n: int = 0
    aspect_gold: int = 0
    aspect_got: int = 0
    aspect_hit: int = 0
    aspect_order_right: int = 0
    errors: List[Dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "n": self.n,
            "intent_accuracy": self.intent_right / self.n if self.n else 0.0,
            "intent_errors": self.n - self.intent_right,
            "procedure_accuracy": self.procedure_right / self.n if self.n else 0.0,
            "procedure_errors": self.n - self.procedure_right,
            "by_kind": {k: {"n": n, "procedure_accuracy": r / n if n else 0.0, "procedure_errors": n - r}
                        for k, (n, r) in sorted(self.by_kind.items())},
            "multi_n": self.multi_n,
            "aspect_recall": self.aspect_hit / self.aspect_gold if self.aspect_gold else 0.0,
            "aspect_precision": self.aspect_hit / self.aspect_got if self.aspect_got else 0.0,
            "aspect_missed": self.aspect_gold - self.aspect_hit,
            "aspect_extra": self.aspect_got - self.aspect_hit,
            "aspect_order_right": self.aspect_order_right,
        }


def score_messages(understander, messages: List[Message], strip: bool) -> MessageScores:
    scores = MessageScores()
    for message in messages:
        text = strip_diacritics(message.text) if strip else message.text
        result = understander.understand(text, details=True)
        intent = result.get("intent") or "none"
        procedure = result.get("procedure")
        aspects = list(result.get("aspects") or [])
        scores.n += 1
        scores.intent_right += intent == message.intent
        right = procedure_right(message.procedure, procedure)
        scores.procedure_right += right
        for kind in message.kind or ["plain"]:
            entry = scores.by_kind.setdefault(kind, [0, 0])
            entry[0] += 1
            entry[1] += right
        if len(message.aspects) >= 2:
            scores.multi_n += 1
            hit = len(set(aspects) & set(message.aspects))
            scores.aspect_gold += len(message.aspects)
            scores.aspect_got += len(aspects)
            scores.aspect_hit += hit
            scores.aspect_order_right += [a for a in aspects if a in message.aspects] == message.aspects
        if intent != message.intent or not right or (
                len(message.aspects) >= 2 and aspects != message.aspects):
            scores.errors.append({
                "text": text[:160], "gold": f"{message.intent}/{message.procedure}/{message.aspects}",
                "got": f"{intent}/{procedure}/{aspects}",
            })
    return scores


@dataclass
class ConversationScores:
    n: int = 0
    right: int = 0
    silent_wrong: int = 0
    clarified: int = 0
    errors: List[Dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "n": self.n, "right": self.right,
            "silent_wrong": self.silent_wrong,
            "silent_wrong_rate": self.silent_wrong / self.n if self.n else 0.0,
            "clarified": self.clarified,
            "clarify_rate": self.clarified / self.n if self.n else 0.0,
        }


def score_conversations(understander, conversations: List[Conversation], strip: bool,
                        decide) -> ConversationScores:
    """``decide(text, previous, result) -> (action, key)``: what the dialogue would do
    with the second message after an answer about ``first`` (actions/context.py)."""
    scores = ConversationScores()
    for conversation in conversations:
        first = strip_diacritics(conversation.first) if strip else conversation.first
        then = strip_diacritics(conversation.then) if strip else conversation.then
        previous = understander.understand(first, details=True).get("procedure")
        result = understander.understand(then, details=True)
        action, key = decide(then, previous, result)
        scores.n += 1
        answered = action == "answer"
        if answered and not procedure_right(conversation.expect, key):
            scores.silent_wrong += 1
        elif answered:
            scores.right += 1
        elif action == "outside" and conversation.expect == OTHER:
            scores.right += 1
        else:
            scores.clarified += 1
        if not (answered and procedure_right(conversation.expect, key)) and not (
                action == "outside" and conversation.expect == OTHER):
            scores.errors.append({"text": f"{first} -> {then}",
                                  "gold": conversation.expect, "got": f"{action}/{key}"})
    return scores
