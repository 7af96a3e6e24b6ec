"""A citizen answering with one word gets understood, however the classifier scored it."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.short_replies import ShortReplyClassifier, ShortReplyTableError, load_table, short_reply_intent


@pytest.mark.parametrize("text, intent", [
    ("có", "affirm"), ("Dạ có ạ!", "affirm"), ("ok nha", "affirm"), ("dc", "affirm"),
    ("ko", "deny"), ("Không ạ", "deny"), ("thoi khoi", "deny"),
    ("tiếp", "next_step"), ("tiep di nhe", "next_step"),
    ("theo dõi", "subscribe_dossier"), ("theo doi giup toi", "subscribe_dossier"),
    ("huỷ theo dõi", "unsubscribe_dossier"), ("hủy theo dõi", "unsubscribe_dossier"),
    ("Cảm ơn!!", "thank"),
])
def test_a_short_reply_has_a_fixed_intent(text, intent):
    assert short_reply_intent(text) == intent


@pytest.mark.parametrize("text", [
    "có cần giấy gì không", "không biết làm khai sinh sao", "tiếp theo làm gì với sổ đỏ",
    "theo dõi hồ sơ 000.00.12.H05-211020-0001 giúp tôi", "", None, "a" * 500,
])
def test_longer_messages_are_left_to_the_classifier(text):
    assert short_reply_intent(text) is None


def test_the_component_overrides_a_low_confidence_guess():
    message = Message(data={TEXT: "có"})
    message.set(INTENT, {"name": "greet", "confidence": 0.3})
    message.set(INTENT_RANKING_KEY, [{"name": "greet", "confidence": 0.3},
                                     {"name": "affirm", "confidence": 0.2}])
    [processed] = ShortReplyClassifier().process([message])
    assert processed.get(INTENT) == {"name": "affirm", "confidence": 1.0}
    assert [r["name"] for r in processed.get(INTENT_RANKING_KEY)] == ["affirm", "greet"]


def test_a_reply_listed_under_two_intents_is_an_error_naming_the_file(tmp_path):
    table = tmp_path / "short.yml"
    table.write_text("affirm: [có]\ndeny: [co]\n", encoding="utf-8")
    with pytest.raises(ShortReplyTableError, match="short.yml: deny: 'co' is already listed under affirm"):
        load_table(str(table))
