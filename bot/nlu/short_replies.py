"""Rasa component: short whole-message replies ("có", "ko", "tiếp", "theo dõi") get a fixed intent.

A one-word answer carries too little for the statistical classifier ("có" also starts
"có cần giấy gì không"), yet it is what a citizen types most after a question. The table is in
bot/nlu/short_replies.yml, editable without code. Place the component after the intent
classifier and before FallbackClassifier in config.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.core.text import fold

TABLE_FILE = Path(__file__).with_name("short_replies.yml")
# polite particles and punctuation around a short reply: "dạ có ạ!", "ok nha", "tiếp đi nhé"
_PARTICLES = {"da", "a", "nha", "nhe", "nhen", "hen", "di", "ha", "vay", "a."}
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


class ShortReplyTableError(ValueError):
    """The table file is malformed; the message names the file and the field."""


def _key(text: str) -> str:
    words = _PUNCTUATION.sub(" ", fold(text)).split()
    while len(words) > 1 and words[-1] in _PARTICLES:
        words.pop()
    while len(words) > 1 and words[0] in _PARTICLES:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=4)
def load_table(path: str = str(TABLE_FILE)) -> dict[str, str]:
    """{folded reply: intent}; a reply listed under two intents is an error."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ShortReplyTableError(f"{path}: expected intent names, each with a list of replies")
    table: dict[str, str] = {}
    for intent, replies in data.items():
        if not isinstance(replies, list):
            raise ShortReplyTableError(f"{path}: {intent}: expected a list of replies")
        for reply in replies:
            key = _key(str(reply))
            if key in table and table[key] != intent:
                raise ShortReplyTableError(
                    f"{path}: {intent}: {reply!r} is already listed under {table[key]}")
            table[key] = str(intent)
    return table


def short_reply_intent(text: str | None) -> Optional[str]:
    """The fixed intent of a whole-message short reply, or None."""
    if not text or len(text) > 40:
        return None
    return load_table().get(_key(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ShortReplyClassifier(GraphComponent):
    """Sets the intent of exact short replies from the table, with confidence 1."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "ShortReplyClassifier":
        load_table()  # a broken table fails at start-up, naming the file
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = short_reply_intent(message.get(TEXT))
            if intent is None:
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking,
                        add_to_output=True)
        return messages
