"""A photo of the receipt instead of a typed code: what the citizen is told after the channel
decoded it (the internal receipt_photo intent), through to the dossier's status. The actions
as Rasa calls them, the portal simulator over HTTP behind them, a real SQLite database; the
follow-up actions Rasa would run next are run here in the same order."""

from __future__ import annotations

import asyncio
from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionAffirm, ActionDeny
from actions.dossier import ActionCheckDossierStatus, ValidateDossierForm
from actions.receipt import (ActionAskReceiptLastDigits, ActionReceiptConfirmed,
                             ActionReceiptLookup, ActionReceiptPhoto, ActionReceiptRejected,
                             ValidateReceiptForm)

from .test_actions import DOMAIN, IN_PROGRESS, NEED_PAPERS

ACTIONS = {a.name(): a for a in (ActionReceiptConfirmed(), ActionReceiptRejected(),
                                 ActionReceiptLookup(), ActionCheckDossierStatus())}


class Conversation:
    """Slots carried from turn to turn, as Rasa's tracker would."""

    def __init__(self, sender: str = "zalo:77") -> None:
        self.sender = sender
        self.slots: dict[str, Any] = {"dossier_code": None, "phone_suffix": None,
                                      "dossier_goal": None, "requested_slot": None,
                                      "pending_offer": None, "receipt_code": None,
                                      "receipt_last_digits": None}
        self.said: list[dict] = []
        self.followups: list[str] = []

    def tracker(self, text: str, intent: str, entities=(), active_loop: Optional[str] = None) -> Tracker:
        latest = {"text": text, "intent": {"name": intent, "confidence": 0.99},
                  "entities": list(entities)}
        events = [{"event": "user", "text": text, "input_channel": "zalo", "parse_data": latest}]
        return Tracker(self.sender, dict(self.slots), latest, events, False, None,
                       {"name": active_loop} if active_loop else {}, "action_listen")

    def run(self, action, tracker: Tracker) -> Optional[str]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
        self.said += dispatcher.messages
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return next((e["name"] for e in events if e.get("event") == "followup"), None)

    def turn(self, action, text: str, intent: str, entities=(), active_loop=None) -> None:
        """One user message: the action, then the follow-ups it asks for (until a form)."""
        tracker = self.tracker(text, intent, entities, active_loop)
        follow = self.run(action, tracker)
        while follow in ACTIONS:
            self.followups.append(follow)
            follow = self.run(ACTIONS[follow], self.tracker(text, intent, entities, active_loop))
        if follow:
            self.followups.append(follow)

    def form_answer(self, validator, slot: str, text: str, form: str, intent: str = "nlu_fallback") -> None:
        """The citizen answers the form's question for ``slot``."""
        self.slots["requested_slot"] = slot
        tracker = self.tracker(text, intent, active_loop=form)
        dispatcher = CollectingDispatcher()
        events = asyncio.run(validator.run(dispatcher, tracker, DOMAIN))
        self.said += dispatcher.messages
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]

    def texts(self) -> list[str]:
        return [m.get("text") or m.get("response") or "" for m in self.said]


def photo(code: str = "", confidence: str = "none", reason: str = "") -> list[dict]:
    return [{"entity": "receipt_code", "value": code},
            {"entity": "receipt_confidence", "value": confidence},
            {"entity": "receipt_reason", "value": reason}]


@pytest.fixture
def chat(portal_env) -> Conversation:
    return Conversation()


def test_a_clear_photo_is_shown_for_a_yes_then_looked_up_with_the_phone_digits(chat):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo",
              photo(IN_PROGRESS.lower(), "high"))
    (question,) = chat.said
    assert question["text"] == f"Tôi đọc được mã hồ sơ: {IN_PROGRESS}. Đúng không ạ?"
    assert [(b["title"], b["payload"]) for b in question["buttons"]] == [
        ("Đúng", "/affirm"), ("Không", "/deny")]
    assert chat.slots["dossier_code"] is None          # nothing looked up before the yes

    chat.turn(ActionAffirm(), "/affirm", "affirm")
    # the same path as a typed code: the phone digits are asked before anything is shown
    assert chat.followups[-1] == "dossier_form" and chat.slots["dossier_code"] == IN_PROGRESS
    assert len(chat.said) == 1
    chat.form_answer(ValidateDossierForm(), "phone_suffix", "0001", "dossier_form")
    chat.turn(ActionCheckDossierStatus(), "0001", "nlu_fallback")
    answer = chat.texts()[-1]
    assert IN_PROGRESS in answer and "Đang xử lý" in answer and "Nguyễn" not in answer
    assert chat.slots["receipt_code"] is None and chat.slots["phone_suffix"] is None


def test_wrong_phone_digits_after_a_photo_show_nothing_just_like_a_typed_code(chat):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo(NEED_PAPERS, "high"))
    chat.turn(ActionAffirm(), "/affirm", "affirm")
    chat.form_answer(ValidateDossierForm(), "phone_suffix", "9999", "dossier_form")
    chat.turn(ActionCheckDossierStatus(), "9999", "nlu_fallback")
    reply = chat.texts()[-1]
    assert "Chờ bổ sung" not in reply and "Trần" not in reply
    assert chat.slots["dossier_code"] is None


def test_no_to_the_code_read_asks_for_it_typed_or_a_clearer_photo(chat):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo(IN_PROGRESS, "high"))
    chat.turn(ActionDeny(), "/deny", "deny")
    reply = chat.texts()[-1]
    assert "nhắn giúp mã hồ sơ" in reply and "chụp lại ảnh giấy hẹn rõ hơn" in reply
    assert chat.slots["receipt_code"] is None and chat.slots["pending_offer"] is None
    assert chat.slots["dossier_code"] is None


def test_an_unsure_reading_asks_the_last_4_digits_and_looks_up_the_completed_code(chat):
    misread = IN_PROGRESS[:-4] + "0007"                # the OCR was not sure of the digits
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo(misread, "low"))
    assert chat.followups == ["receipt_form"] and chat.said == []
    chat.run(ActionAskReceiptLastDigits(), chat.tracker("/receipt_photo", "receipt_photo"))
    assert "4 chữ số cuối" in chat.texts()[-1] and misread not in chat.texts()[-1]
    chat.form_answer(ValidateReceiptForm(), "receipt_last_digits", "12", "receipt_form")
    assert "4 chữ số cuối" in chat.texts()[-1] and chat.slots["receipt_last_digits"] is None
    chat.form_answer(ValidateReceiptForm(), "receipt_last_digits", "0001", "receipt_form")
    chat.turn(ActionReceiptLookup(), "0001", "nlu_fallback")
    assert chat.slots["dossier_code"] == IN_PROGRESS and chat.followups[-1] == "dossier_form"


def test_a_whole_code_typed_at_the_digits_question_is_the_code(chat):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo",
              photo(IN_PROGRESS[:-4] + "0007", "low"))
    chat.form_answer(ValidateReceiptForm(), "receipt_last_digits",
                     f"ma la {NEED_PAPERS}", "receipt_form", intent="check_dossier_status")
    chat.turn(ActionReceiptLookup(), NEED_PAPERS, "check_dossier_status")
    assert chat.slots["dossier_code"] == NEED_PAPERS


def test_another_question_at_the_digits_question_leaves_it(chat):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo(IN_PROGRESS, "low"))
    chat.form_answer(ValidateReceiptForm(), "receipt_last_digits", "làm khai sinh cần gì",
                     "receipt_form", intent="ask_documents")
    assert chat.slots["requested_slot"] is None
    chat.turn(ActionReceiptLookup(), "làm khai sinh cần gì", "ask_documents")
    assert chat.followups[-1] == "action_answer_procedure"
    assert chat.slots["dossier_code"] is None and chat.slots["receipt_code"] is None


@pytest.mark.parametrize("reason, expected", [
    ("no_code", "chưa tìm thấy mã hồ sơ"),
    ("too_large", "lớn quá (tối đa 15 MB)"),
    ("unsupported_type", "JPEG, PNG hoặc WebP"),
    ("something new", "chưa tìm thấy mã hồ sơ"),
])
def test_a_photo_without_a_code_gets_the_reason_and_how_to_type_it(chat, reason, expected):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo("", "none", reason))
    (reply,) = chat.texts()
    assert expected in reply and "nhắn mã hồ sơ" in reply and "{" not in reply
    assert chat.slots["receipt_code"] is None


@pytest.mark.parametrize("code", ["0912345678", "079201001234", "01/12/2026", "not a code"])
def test_a_payload_with_a_phone_cccd_or_date_for_the_code_offers_nothing(chat, code):
    chat.turn(ActionReceiptPhoto(), "/receipt_photo", "receipt_photo", photo(code, "high"))
    (reply,) = chat.texts()
    assert "chưa tìm thấy mã hồ sơ" in reply and code not in reply
    assert chat.slots["receipt_code"] is None and chat.slots["pending_offer"] is None
