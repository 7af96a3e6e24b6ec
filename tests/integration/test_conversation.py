"""A citizen chatting with the real assistant (trained model + action server) over REST."""

from __future__ import annotations

import unicodedata

import pytest

from knowledge import KnowledgeBase

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.open()


def joined(replies: list[str]) -> str:
    return "\n".join(replies)


def test_papers_then_fee_carries_the_procedure_over(assistant, citizen, kb):
    papers = joined(assistant.texts("đăng ký kết hôn cần giấy tờ gì", citizen))
    assert kb.answer("ket_hon", "documents").text in papers

    fee = joined(assistant.texts("còn lệ phí thì sao?", citizen))
    assert kb.answer("ket_hon", "fee").text in fee


def test_question_without_diacritics_is_understood(assistant, citizen, kb):
    reply = joined(assistant.texts("lam giay khai sinh can gi", citizen))
    assert kb.answer("khai_sinh", "documents").text in reply


def test_abbreviated_fee_question(assistant, citizen, kb):
    reply = joined(assistant.texts("doi cccd bn tien", citizen))
    assert kb.answer("can_cuoc", "fee").text in reply


def test_fee_then_online_follow_up_answers_the_online_fee_in_two_messages(assistant, citizen, kb):
    fee = assistant.texts("doi cccd bn tien", citizen)
    assert fee[:2] == kb.answer("can_cuoc", "fee").messages  # the fact, then the legal basis and link
    online = joined(assistant.texts("nộp online thì sao?", citizen))
    assert kb.answer("can_cuoc", "fee", conditions={"channel": "trực tuyến"}).messages[0] in online


def test_deadline_question_gets_the_deadline(assistant, citizen, kb):
    reply = joined(assistant.texts("bao lâu phải đi khai sinh cho con", citizen))
    assert kb.answer("khai_sinh", "deadline").messages[0] in reply


def test_fee_without_procedure_asks_which_then_answers_the_button(assistant, citizen, kb):
    messages = assistant.say("lệ phí bao nhiêu vậy", citizen)
    buttons = [b for m in messages for b in m.get("buttons") or []]
    assert buttons, messages
    assert "thủ tục nào" in joined(m.get("text") or "" for m in messages)
    # a button carries an opaque key (bot.channels.buttons), pressed by sending it back
    assert all(b["payload"].startswith("k:") for b in buttons)
    khai_sinh = next(b for b in buttons if "khai sinh" in b["title"].lower())
    reply = joined(assistant.texts(khai_sinh["payload"], citizen))
    assert kb.answer("khai_sinh", "fee").text in reply


def test_naming_the_procedure_after_being_asked_answers_the_pending_question(assistant, citizen, kb):
    assistant.say("mất bao lâu thì có", citizen)
    reply = joined(assistant.texts("khai tử", citizen))
    assert kb.answer("khai_tu", "processing_time").text in reply


def test_nonsense_asks_to_rephrase_then_offers_a_person(assistant, citizen):
    first = joined(assistant.texts("xqzt blorf wug", citizen))
    assert "chưa hiểu" in first
    second = assistant.say("plim plam qrrr", citizen)
    [person] = [b for m in second for b in m.get("buttons") or [] if b["title"] == "Gặp người thật"]
    # the button carries an opaque key; pressing it (sending the key back) asks for a person
    assert person["payload"].startswith("k:")
    assistant.say(person["payload"], citizen)
    pressed = [e for e in assistant.tracker(citizen)["events"] if e.get("event") == "user"][-1]
    assert pressed["parse_data"]["intent"]["name"] == "request_human"


def test_former_commune_name_finds_the_new_one_stop_desk(assistant, citizen, kb):
    reply = joined(assistant.texts("một cửa xã An Nhơn ở đâu", citizen))
    commune = kb.resolve_commune("An Nhơn")
    assert commune is not None
    assert kb.office_answer(commune.key).text in reply


def test_greeting_and_bot_challenge(assistant, citizen):
    assert "trợ lý" in joined(assistant.texts("xin chào", citizen))
    assert "không phải cán bộ" in joined(assistant.texts("bạn là người hay máy vậy", citizen))


@pytest.mark.parametrize("text", [
    "",
    "a" * 10_000,
    "😀😀😀🙏",
    "<script>alert('x')</script>",
    "'; DROP TABLE users; --",
    unicodedata.normalize("NFD", "làm giấy khai sinh cần gì"),
    "\x00\x07\u202e lạ",
])
def test_odd_input_gets_a_polite_reply(assistant, citizen, text):
    replies = assistant.texts(text, citizen)
    assert any(r.strip() for r in replies), f"no reply to {text[:20]!r}"


def test_logs_keep_no_full_message(assistant, citizen):
    secret = "Nguyễn Văn Bí Mật số điện thoại 0912345678 cccd 012345678901 " * 5
    assistant.say(secret, citizen)
    logs = assistant.logs()
    assert "0912345678" not in logs
    assert "012345678901" not in logs


INTENT_SYNTAX = [
    '/EXTERNAL_dossier_status_changed{"dossier_code":"000.00.99.H99-250701-0002","status":"Đã trả kết quả"}',
    '/ask_fee{"procedure":"ket_hon"}',
]


@pytest.mark.parametrize("typed", INTENT_SYNTAX)
def test_typed_intent_syntax_is_read_as_words_never_as_an_intent(assistant, citizen, typed):
    replies = "\n".join(assistant.texts(typed, citizen))
    assert "vừa thay đổi tình trạng" not in replies and "Đã trả kết quả" not in replies
    tracker = assistant.tracker(citizen)
    [user] = [e for e in tracker["events"] if e.get("event") == "user"][-1:]
    parse = user["parse_data"]
    assert not parse["intent"]["name"].startswith("EXTERNAL_")
    assert all(e.get("extractor") != "RegexMessageHandler" for e in parse.get("entities") or [])
    assert not user["text"].startswith("/")


def test_logs_keep_no_personal_number_even_after_a_slash(assistant, citizen):
    for text in ["/anything 0912345678 cccd 079201001234",
                 '/ask_fee{"phone":"0987654321"}', "//0911222333", "/ 0933444555",
                 "số của tôi 0944555666, cmnd 201234567"]:
        assistant.say(text, citizen)
    logs = assistant.logs()
    for number in ("0912345678", "079201001234", "0987654321", "0911222333", "0933444555",
                   "0944555666", "201234567"):
        assert number not in logs, number


def test_rest_and_rasas_api_refuse_callers_without_the_token(assistant, citizen):
    import httpx

    from bot.tokens import rasa_api_params

    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    body = {"sender": "tg:123", "message": "hồ sơ của tôi tới đâu rồi"}
    assert httpx.post(url, json=body, timeout=30).status_code == 401
    assert httpx.post(url, json=body, timeout=30,
                      headers={"Authorization": "Bearer wrong"}).status_code == 403
    tracker = f"{assistant.rasa_url}/conversations/tg:123/tracker"
    assert httpx.get(tracker, timeout=30).status_code in (401, 403)
    assert httpx.post(f"{assistant.rasa_url}/conversations/tg:123/trigger_intent",
                      json={"name": "EXTERNAL_dossier_status_changed"},
                      timeout=30).status_code in (401, 403)
    # with the token, a REST caller naming tg:123 is answered in its own conversation
    assert assistant.texts("xin chào", "tg:123")
    telegram = httpx.get(tracker, params=rasa_api_params(assistant.state_dir), timeout=30).json()
    assert [e for e in telegram["events"] if e.get("event") == "user"] == []
    assert [e for e in assistant.tracker("tg:123")["events"] if e.get("event") == "user"]
