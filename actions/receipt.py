"""A photo of the receipt instead of a typed code: the rasa-sdk actions.

The channel decodes the photo (bot.receipt.read_receipt) and hands Rasa only what it found,
as the internal intent ``/receipt_photo{"receipt_code": "...", "receipt_confidence":
"high|low|none", "receipt_reason": "..."}`` (the photo itself is not kept):

- ``high``: "Tôi đọc được mã hồ sơ: … Đúng không ạ?" with Đúng / Không buttons; a yes
  (``action_receipt_confirmed``) looks the code up exactly as a typed one
  (action_check_dossier_status: the phone digits asked, wrong answers counted); a no
  (``action_receipt_rejected``) asks for the code typed or a clearer photo;
- ``low``: the last 4 digits are asked (``receipt_form``), the code read is completed with
  them (ReceiptReading.complete_with_last_digits) and looked up the same way; a whole code
  typed instead is taken as it is;
- ``none``: why no code was found and how to type it (ReceiptReading.message()).

Whatever arrives is checked again with the dossier-code grammar, so a payload typed by hand
gets no further than typing the code itself. Every sentence is in bot/receipt/messages.yml.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from actions.context import safe_action
from actions.dossier import FOLLOW_UP_FOR_INTENT
from actions.portal.codes import example_code, parse_dossier_code
from bot.receipt import ASK_LAST_DIGITS, CONFIRM, NO_CODE, REASONS, ReceiptReading, messages

logger = logging.getLogger(__name__)

CONFIDENCE = {"high": CONFIRM, CONFIRM: CONFIRM, "low": ASK_LAST_DIGITS,
              ASK_LAST_DIGITS: ASK_LAST_DIGITS}
LAST_DIGITS = 4
# answers to "the last 4 digits?" that are not an attempt at them
_KEEP_ASKING_INTENTS = {"", "nlu_fallback", "affirm", "check_dossier_status", "receipt_photo"}


def _say(key: str, **values: Any) -> str:
    """A text of the dialogue (bot/receipt/messages.yml `dialogue:`); the buttons' titles take
    no values, the others the example code."""
    if key.startswith("buttons."):
        return messages().text(f"dialogue.{key}")
    return " ".join(messages().text(f"dialogue.{key}", example=example_code(), **values).split())


def _entities(tracker: Tracker) -> dict[str, str]:
    found: dict[str, str] = {}
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") and entity.get("value") is not None:
            found.setdefault(str(entity["entity"]), str(entity["value"]).strip())
    return found


def _latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def _latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def reading_of(entities: dict[str, str]) -> ReceiptReading:
    """The channel's reading, trusted no further than the dossier-code grammar allows."""
    confidence = CONFIDENCE.get(entities.get("receipt_confidence", "").lower())
    parsed = parse_dossier_code(entities.get("receipt_code", ""))
    if confidence and parsed.ok:
        return ReceiptReading(code=parsed.code, confidence=confidence)
    reason = entities.get("receipt_reason", "")
    return ReceiptReading(reason=reason if reason in REASONS else NO_CODE)


class ActionReceiptPhoto(Action):
    def name(self) -> str:
        return "action_receipt_photo"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        reading = reading_of(_entities(tracker))
        if reading.code is None:
            logger.info("receipt photo without a code (%s)", reading.reason)
            dispatcher.utter_message(text=reading.message())
            return [SlotSet("receipt_code", None), SlotSet("pending_offer", None)]
        if reading.confidence == CONFIRM:
            dispatcher.utter_message(text=reading.message(), buttons=[
                {"title": _say("buttons.yes"), "payload": "/affirm"},
                {"title": _say("buttons.no"), "payload": "/deny"}])
            return [SlotSet("receipt_code", reading.code), SlotSet("pending_offer", "receipt_confirm")]
        # not sure of every character: the form asks the last digits (action_ask_receipt_last_digits)
        return [SlotSet("receipt_code", reading.code), SlotSet("receipt_last_digits", None),
                SlotSet("pending_offer", None), FollowupAction("receipt_form")]


class ActionReceiptConfirmed(Action):
    """"Đúng": the code read is the citizen's; look it up as if they had typed it."""

    def name(self) -> str:
        return "action_receipt_confirmed"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        parsed = parse_dossier_code(str(tracker.get_slot("receipt_code") or ""))
        if not parsed.ok:
            dispatcher.utter_message(text=_say("rejected"))
            return [SlotSet("receipt_code", None)]
        return [SlotSet("receipt_code", None), SlotSet("dossier_code", parsed.code),
                SlotSet("dossier_goal", None), FollowupAction("action_check_dossier_status")]


class ActionReceiptRejected(Action):
    """"Không": the code read is wrong; ask for it typed, or a clearer photo."""

    def name(self) -> str:
        return "action_receipt_rejected"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=_say("rejected"))
        return [SlotSet("receipt_code", None), SlotSet("pending_offer", None)]


class ActionAskReceiptLastDigits(Action):
    """receipt_form's question: the last 4 digits of the code printed on the receipt."""

    def name(self) -> str:
        return "action_ask_receipt_last_digits"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        reading = ReceiptReading(code=tracker.get_slot("receipt_code") or None,
                                 confidence=ASK_LAST_DIGITS)
        dispatcher.utter_message(text=reading.message())
        return []


class ValidateReceiptForm(FormValidationAction):
    def name(self) -> str:
        return "validate_receipt_form"

    async def extract_receipt_last_digits(self, dispatcher: CollectingDispatcher,
                                          tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        if tracker.get_slot(REQUESTED_SLOT) != "receipt_last_digits":
            return {}
        return {"receipt_last_digits": _latest_text(tracker)}

    async def validate_receipt_last_digits(self, value: Any, dispatcher: CollectingDispatcher,
                                           tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        text = str(value or "")
        typed = parse_dossier_code(text)
        if typed.ok:            # the whole code typed instead: that is the code
            return {"receipt_code": typed.code, "receipt_last_digits": typed.code[-LAST_DIGITS:]}
        digits = re.sub(r"\D", "", text)
        if len(digits) == LAST_DIGITS:
            return {"receipt_last_digits": digits}
        if not digits and _latest_intent(tracker) not in _KEEP_ASKING_INTENTS:
            return {"receipt_last_digits": None, REQUESTED_SLOT: None}   # another question
        dispatcher.utter_message(text=_say("bad_digits", digits=LAST_DIGITS))
        return {"receipt_last_digits": None}


class ActionReceiptLookup(Action):
    """After receipt_form: the code read, completed with the citizen's digits, looked up."""

    def name(self) -> str:
        return "action_receipt_lookup"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        clear = [SlotSet("receipt_code", None), SlotSet("receipt_last_digits", None)]
        reading = ReceiptReading(code=tracker.get_slot("receipt_code") or None,
                                 confidence=ASK_LAST_DIGITS)
        code = reading.complete_with_last_digits(str(tracker.get_slot("receipt_last_digits") or ""))
        if code is None:                       # the citizen left the question for another one
            intent = _latest_intent(tracker)
            follow = FOLLOW_UP_FOR_INTENT.get(intent)
            if follow:
                return clear + [FollowupAction(follow)]
            dispatcher.utter_message(text=_say("rejected"))
            return clear
        return clear + [SlotSet("dossier_code", code), SlotSet("dossier_goal", None),
                        FollowupAction("action_check_dossier_status")]

