"""The procedure resolver: whatever words a citizen used, the dialogue gets a canonical key."""

from __future__ import annotations

import pytest

from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.procedure_resolver import CANONICAL_PROCEDURES, ProcedureResolver
from knowledge.search import ProcedureMatch

TRAINING_YAML = """
version: "3.1"
nlu:
- intent: ask_fee
  examples: |
    - [sổ đỏ]{"entity": "procedure", "value": "dat_dai_lan_dau"} bao nhiêu tiền
    - [bìa đỏ]{"entity": "procedure", "value": "dat_dai_lan_dau"} hết bao nhiêu
    - [nhập hộ khẩu]{"entity": "procedure", "value": "thuong_tru"} tốn bao nhiêu
"""


def make_resolver(tmp_path, search="real", config=None, train=True):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("procedure_resolver")
    kwargs = {} if search == "real" else {"search": search}
    resolver = ProcedureResolver({**ProcedureResolver.get_default_config(), **(config or {})},
                                 storage, resource, **kwargs)
    if train:
        resolver.train(RasaYAMLReader().reads(TRAINING_YAML))
    return resolver


def run(resolver, text, entities=()):
    message = Message(data={TEXT: text, ENTITIES: [dict(e) for e in entities]})
    resolver.process([message])
    return message.get(ENTITIES)


def procedure_of(entities):
    values = [e["value"] for e in entities if e["entity"] == "procedure"]
    return values[0] if values else None


def diet(text, span, value=None):
    start = text.index(span)
    return {"entity": "procedure", "start": start, "end": start + len(span),
            "value": value if value is not None else span, "extractor": "CRFEntityExtractor"}


@pytest.mark.parametrize("written", ["sổ đỏ", "so do", "SỔ ĐỎ", "Sổ  đỏ", "bia do"])
def test_an_entity_spelled_any_way_resolves_to_the_key_learned_from_training(tmp_path, written):
    resolver = make_resolver(tmp_path, search=None)
    text = f"lam {written} het bao nhieu"
    assert procedure_of(run(resolver, text, [diet(text, written)])) == "dat_dai_lan_dau"


@pytest.mark.parametrize("value", ["khai_sinh", "KHAI_SINH", "khai sinh", "Khai Sinh"])
def test_a_canonical_key_written_any_way_is_kept(tmp_path, value):
    resolver = make_resolver(tmp_path, search=None)
    text = "giấy khai sinh cần gì"
    assert procedure_of(run(resolver, text, [diet(text, "khai sinh", value)])) == "khai_sinh"


def test_the_model_remembers_what_it_learned(tmp_path):
    make_resolver(tmp_path, search=None)
    loaded = ProcedureResolver.load(ProcedureResolver.get_default_config(), LocalModelStorage(tmp_path),
                                    Resource("procedure_resolver"), execution_context=None)
    assert loaded.learned["nhap ho khau"] == "thuong_tru"


@pytest.mark.parametrize("text, key", [
    ("lam giay khai sinh can gi", "khai_sinh"),
    ("doi cccd bn tien", "can_cuoc"),
    ("Xin tiền già cho má tui", "tro_cap_xa_hoi"),
    ("trích lục khai sinh ở đâu", "trich_luc_ho_tich"),
])
def test_without_an_entity_the_knowledge_base_names_the_procedure(tmp_path, text, key):
    entities = run(make_resolver(tmp_path), text)
    assert procedure_of(entities) == key
    match = [e for e in entities if e["entity"] == "procedure"][0]
    assert 0 <= match["start"] < match["end"] <= len(text)


@pytest.mark.parametrize("text", [
    "còn lệ phí thì sao?", "mất bao lâu", "nộp ở đâu", "hồ sơ của tôi tới đâu rồi",
    "ủy ban xã An Qui mấy giờ mở cửa", "cho gặp người thật", "", "   ", "😀",
])
def test_a_follow_up_without_a_procedure_gets_none(tmp_path, text):
    assert procedure_of(run(make_resolver(tmp_path), text)) is None


def test_a_longer_alias_wins_over_a_shorter_entity_inside_it(tmp_path):
    text = "xin trích lục khai sinh cho con"
    entities = run(make_resolver(tmp_path), text, [diet(text, "khai sinh", "khai_sinh")])
    assert procedure_of(entities) == "trich_luc_ho_tich"


def test_an_unresolvable_entity_is_dropped_not_passed_on(tmp_path):
    text = "cái này là gì vậy"
    entities = run(make_resolver(tmp_path, search=None), text, [diet(text, "cái này")])
    assert procedure_of(entities) is None


def test_other_entities_are_left_alone(tmp_path):
    text = "hồ sơ 000.00.12.H05-211020-0001 tới đâu rồi"
    code = {"entity": "dossier_code", "start": 6, "end": 31, "value": "000.00.12.H05-211020-0001"}
    entities = run(make_resolver(tmp_path), text, [code])
    assert code in entities


def test_a_broken_recognition_does_not_break_understanding(tmp_path, monkeypatch):
    from bot.nlu import understanding

    def broken(*args, **kwargs):
        raise RuntimeError("situations file is on fire")

    monkeypatch.setattr(understanding, "recognize", broken)
    resolver = make_resolver(tmp_path, search=None)
    text = "so do bao nhieu tien"
    assert procedure_of(run(resolver, text, [diet(text, "so do")])) == "dat_dai_lan_dau"
    assert procedure_of(run(resolver, "lam giay khai sinh")) is None


@pytest.mark.parametrize("text, key", [
    ("Xin xác nhận tình trạng độc thân thì phải nộp những gì", "xac_nhan_hon_nhan"),
    ("ông nội tui vừa qua đời, giờ làm giấy gì", "khai_tu"),
    ("vợ tui mới sanh thằng cu, làm giấy ở đâu", "khai_sinh"),
    ("nhà tui tính xây lại cái nhà tường", "giay_phep_xay_dung"),
])
def test_the_whole_message_names_the_procedure_even_without_its_name(tmp_path, text, key):
    assert procedure_of(run(make_resolver(tmp_path), text)) == key


def test_a_correction_is_not_the_birth_registration_it_names(tmp_path):
    # "giấy khai sinh" is named, but the citizen wants a correction (cải chính), not a birth
    text = "sửa sai năm sinh trong giấy khai sinh thì làm sao"
    entities = run(make_resolver(tmp_path), text, [diet(text, "khai sinh", "khai_sinh")])
    assert procedure_of(entities) != "khai_sinh"


def test_a_confident_procedure_outside_the_curated_ones_leaves_no_entity(tmp_path):
    text = "con trai tôi 18 tuổi có phải đi nghĩa vụ quân sự không"
    assert procedure_of(run(make_resolver(tmp_path), text)) is None


def test_the_aspects_asked_are_in_the_output_in_order(tmp_path):
    message = Message(data={TEXT: "Đăng ký khai tử nộp ở đâu và cần giấy tờ gì vậy?", ENTITIES: []})
    make_resolver(tmp_path).process([message])
    assert message.get("aspects") == ["where", "documents"]


def test_every_canonical_procedure_is_reachable_by_its_own_key(tmp_path):
    resolver = make_resolver(tmp_path, search=None, train=False)
    for key in CANONICAL_PROCEDURES:
        assert resolver.resolve_value(key.replace("_", " ")) == key


def _intent_message(text, intent):
    return Message(data={TEXT: text, ENTITIES: [], "intent": {"name": intent, "confidence": 0.8},
                         "intent_ranking": [{"name": intent, "confidence": 0.8}]})


@pytest.mark.parametrize("intent", ["greet", "thank", "ask_documents"])
def test_a_long_message_is_not_classified_by_its_greeting(tmp_path, intent):
    text = ("Xin chào anh chị, chúc anh chị một ngày tốt lành. Tôi ở ấp Phú Hòa, năm nay 60 tuổi, "
            "nhà làm ruộng. Vợ tôi mới mất tuần trước ở bệnh viện tỉnh, gia đình lo xong hậu sự. "
            "Cho tôi hỏi làm giấy cho bà ấy ở đâu ạ? Cảm ơn anh chị nhiều.")
    message = _intent_message(text, intent)
    make_resolver(tmp_path).process([message])
    assert message.get("intent")["name"] == "ask_where"
    assert message.get("aspects") == ["where"]
    assert procedure_of(message.get(ENTITIES)) == "khai_tu"


def test_a_dossier_question_stays_one(tmp_path):
    message = _intent_message("hồ sơ 000.00.12.H05-211020-0001 khai sinh tới đâu rồi", "check_dossier_status")
    make_resolver(tmp_path).process([message])
    assert message.get("intent")["name"] == "check_dossier_status"


def test_a_greeting_that_asks_nothing_stays_a_greeting(tmp_path):
    message = _intent_message("Chào bạn, cho mình hỏi chút được không?", "greet")
    make_resolver(tmp_path).process([message])
    assert message.get("intent")["name"] == "greet"
