"""The NLU data: complete, canonical, generated files up to date, test split never trained on."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu import gen_training_data
from bot.nlu.procedure_resolver import CANONICAL_PROCEDURES
from bot.core.dossier_code import DOSSIER_CODE_RE
from bot.core.text import fold
from bot.bench import load_nlu
from bot.nlu.understand import CANONICAL_INTENTS, INTENT_MAP
from tests.nlu.conftest import REPO

TRAIN = REPO / "nlu_data" / "train" / "nlu"
TEST = REPO / "nlu_data" / "test"


@pytest.fixture(scope="module")
def train():
    return load_data(str(TRAIN))


@pytest.fixture(scope="module")
def test():
    return load_nlu(TEST)   # NLU files only: the test stories live there too


def procedures(data):
    return Counter(
        e["value"] for m in data.intent_examples for e in m.get("entities") or []
        if e["entity"] == "procedure"
    )


def test_generated_training_files_match_their_templates(tmp_path):
    # someone edited a generated YAML by hand, or changed templates without re-running
    assert gen_training_data.main(["--check"]) == 0


def test_no_test_message_is_in_the_training_data(train, test):
    seen = {fold(m.get("text")) for m in train.intent_examples}
    leaked = [m.get("text") for m in test.intent_examples if fold(m.get("text")) in seen]
    assert leaked == []


def test_every_intent_is_trained_and_tested(train, test):
    trained = set(train.intents)
    assert set(CANONICAL_INTENTS) <= trained
    assert set(INTENT_MAP) <= trained
    assert trained <= set(CANONICAL_INTENTS) | set(INTENT_MAP)
    assert set(CANONICAL_INTENTS) <= set(test.intents)


def test_every_procedure_is_trained_and_tested_with_canonical_keys(train, test):
    for data, minimum in ((train, 30), (test, 4)):
        counts = procedures(data)
        assert set(counts) == set(CANONICAL_PROCEDURES)
        assert min(counts.values()) >= minimum


def test_the_training_data_looks_like_citizens_typing(train):
    texts = [m.get("text") for m in train.intent_examples]
    unaccented = sum(t.isascii() for t in texts) / len(texts)
    assert 0.3 < unaccented < 0.7
    joined = " ".join(texts).lower()
    for habit in ["ko", "dc", " j ", "bn", "nhiu", "hông", "nhen", "dzậy", "tui", "cccd", "ntn"]:
        assert habit in joined, habit
    assert 1500 <= len(texts) <= 3000  # sized for training in under 3 minutes


def test_follow_ups_without_a_procedure_are_taught(train):
    follow_ups = [m for m in train.intent_examples
                  if m.get("intent") in {"ask_fee", "ask_processing_time", "ask_where"}
                  and not m.get("entities")]
    assert len(follow_ups) >= 30


def test_annotated_dossier_codes_have_the_official_shape(train, test):
    for data in (train, test):
        for message in data.intent_examples:
            for entity in message.get("entities") or []:
                if entity["entity"] == "dossier_code":
                    code = message.get("text")[entity["start"]:entity["end"]]
                    assert DOSSIER_CODE_RE.fullmatch(code), code


def test_the_dossier_code_regex_is_in_the_training_data(train):
    patterns = [r["pattern"] for r in train.regex_features if r["name"] == "dossier_code"]
    assert patterns
    assert re.fullmatch(patterns[0], "000.00.12.H05-211020-0001")
    assert re.fullmatch(patterns[0], "38.98.H29-210519-0013")
    assert not re.fullmatch(patterns[0], "0912345678")


def test_the_intent_registry_is_domain_yml(train):
    from bot.nlu.understand import domain_intents
    from bot.nlu.understanding import vocabulary

    registry = set(domain_intents())
    assert set(train.intents) == registry
    generated = {i.removesuffix("_followup") for i in gen_training_data.T}
    generated |= set(gen_training_data.RAMBLING) | set(gen_training_data.REALIZATIONS)
    assert generated <= registry
    assert set(vocabulary().aspect_intents.values()) <= set(CANONICAL_INTENTS)
    assert set(CANONICAL_INTENTS) == registry - set(INTENT_MAP)


def test_every_procedure_mention_is_a_name_in_the_knowledge_base():
    # the knowledge base aliases are the single source of procedure names
    assert gen_training_data.unknown_mention_spans() == {}


def test_no_understanding_message_is_in_the_training_data(train):
    seen = {fold(m.get("text")) for m in train.intent_examples}
    held_out = gen_training_data.held_out_texts()
    assert held_out
    assert sorted(seen & held_out) == []
