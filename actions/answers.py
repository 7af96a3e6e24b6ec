"""Answers about procedures and offices, read from the knowledge base.

The wording of facts lives in knowledge/data/ (YAML); these actions only decide *what* to
answer: which procedure (the one named now, or the one carried over from earlier in the
conversation), which aspect (papers, fee, time, ...), and which commune.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.text import fold

from actions.catalog_answers import catalog_procedure, slot_value
from actions.context import (
    current_commune,
    current_procedure,
    entry_point,
    knowledge_base,
    latest_intent,
    latest_text,
    safe_action,
)

from knowledge.catalog import catalog_answer

logger = logging.getLogger(__name__)

ASPECT_BY_INTENT = {
    "ask_documents": "documents",
    "ask_fee": "fee",
    "ask_processing_time": "processing_time",
    "ask_where": "where",
    "ask_online": "online",
    "ask_form": "form",
    "ask_procedure": "procedure",
}
INTENT_BY_ASPECT = {aspect: intent for intent, aspect in ASPECT_BY_INTENT.items()}
POPULAR_BUTTONS = 6
# Questions the NLU has no intent for yet (routing free-form questions is the understanding
# issue's): a few unambiguous phrasings pick the knowledge base's deadline, eligibility and
# not_required answers. Folded text (no diacritics), whole words.
ASPECT_CUES = (
    ("deadline", re.compile(r"\b(bao lau phai|may ngay phai|trong bao lau phai|han chot|tre han|qua han|"
                            r"tre thi sao|de tre|lam tre)\b")),
    ("not_required", re.compile(r"\b(co can (xin )?(giay )?phep|khong can (xin )?(giay )?phep|mien (giay )?phep|"
                                r"khong phai xin phep|co phai xin phep)\b")),
    ("eligibility", re.compile(r"\b(ai duoc (lam|xin)|co duoc (lam|xin|cap|dang ky|ket hon)|duoc (lam|xin) (dum|ho|thay)|"
                               r"xin (dum|ho|thay) duoc khong|lam (dum|ho|thay) duoc khong|"
                               r"(bao nhieu|may|du) tuoi (thi )?(moi )?(duoc )?(ket hon|lay vo|lay chong))\b")),
)


def aspect_from_cues(text: str) -> str | None:
    folded = fold(text or "")
    for aspect, pattern in ASPECT_CUES:
        if pattern.search(folded):
            return aspect
    return None


# intents whose question a condition ("tôi là hộ nghèo", "nộp online") does not change
CONDITION_BLIND_INTENTS = {"ask_documents", "ask_form", "ask_where", "ask_processing_time"}


def condition_follow_up(tracker: Tracker, intent: str, named_now: bool) -> dict:
    """The conditions a follow-up names when they change what the citizen pays: "nộp online thì
    sao?" after a fee answer, "tôi là hộ nghèo", "con tôi là học sinh". {} otherwise."""
    conditions = knowledge_base().detect_conditions(latest_text(tracker))
    if not conditions or intent in CONDITION_BLIND_INTENTS:
        return {}
    if intent == "ask_online" and tracker.get_slot("last_aspect") != "fee" and not conditions.get("groups"):
        return {}  # "nộp online được không?": the online answer (it carries the online fees too)
    if intent in ("ask_fee", "ask_online") or not named_now or conditions.get("groups"):
        return conditions
    return {}


def send_answer(dispatcher: CollectingDispatcher, answer) -> None:
    """The answer first (fits a phone screen), then the legal basis and the link."""
    for message in answer.messages:
        if message:
            dispatcher.utter_message(text=message)


def procedure_buttons(intent: str, count: int = POPULAR_BUTTONS) -> list[dict[str, str]]:
    kb = knowledge_base()
    return [
        {"title": name, "payload": f'/{intent}{{"procedure": "{key}"}}'}
        for key, name in kb.popular_procedures(count)
    ]


class ActionGreet(Action):
    """Greets; a conversation opened from a leaflet or deep link remembers its commune."""

    def name(self) -> str:
        return "action_greet"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = []
        dispatcher.utter_message(response="utter_greet")
        point = entry_point(tracker)
        if point and point.get("commune"):
            commune = knowledge_base().resolve_commune(str(point["commune"]))
            if commune is not None:
                events.append(SlotSet("commune", commune.key))
                events.append(SlotSet("entry_point", str(point.get("source") or "")))
        return events


class ActionAnswerProcedure(Action):
    """Answers one aspect (papers, fee, time, place, form, online, overview) of a procedure."""

    def name(self) -> str:
        return "action_answer_procedure"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intent = latest_intent(tracker)
        aspect = ASPECT_BY_INTENT.get(intent, "procedure")
        cue = aspect_from_cues(latest_text(tracker))
        if cue and intent not in ("ask_documents", "ask_form", "ask_where"):
            aspect = cue
        procedure, named_now = current_procedure(tracker)
        pending = tracker.get_slot("pending_aspect")
        if pending and named_now and intent == "ask_procedure":
            # "lệ phí bao nhiêu?" -> "thủ tục nào?" -> "khai sinh": answer the fee of khai sinh
            aspect = pending
        names_condition = procedure is not None and bool(knowledge_base().detect_conditions(latest_text(tracker)))
        if procedure is None or (not named_now and not names_condition):
            # a procedure that is not curated, named now or carried over: the national catalogue
            # ("hộ nghèo cần giấy tờ gì" after khai sinh names a condition of khai sinh, not a new procedure)
            code, code_named_now = catalog_procedure(tracker, carried_over=procedure is None)
            if code is not None:
                if pending and code_named_now and intent == "ask_procedure":
                    aspect = pending
                return answer_from_catalog(dispatcher, code, aspect, intent)
        if procedure is None:
            dispatcher.utter_message(response="utter_ask_which_procedure",
                                     buttons=procedure_buttons(INTENT_BY_ASPECT.get(aspect, "ask_procedure")))
            return [SlotSet("pending_aspect", aspect)]

        conditions = condition_follow_up(tracker, intent, named_now) if not cue else {}
        if conditions:
            aspect = "fee"
        answer = knowledge_base().answer(procedure, aspect, conditions=conditions or None)
        logger.info("answer intent=%s procedure=%s aspect=%s conditions=%s known=%s",
                    intent, procedure, aspect, sorted(conditions), answer.known)
        send_answer(dispatcher, answer)
        events: list[EventType] = [
            SlotSet("procedure", procedure),
            SlotSet("pending_aspect", None),
            SlotSet("failed_understandings", 0),
            SlotSet("last_aspect", aspect),
        ]
        if aspect == "online" and not conditions:
            dispatcher.utter_message(response="utter_offer_online_steps")
            events += [SlotSet("pending_offer", "next_online_step"), SlotSet("online_step", 0)]
        return events


def answer_from_catalog(dispatcher: CollectingDispatcher, code: str, aspect: str,
                        intent: str) -> list[EventType]:
    """The catalogue's answer (first message at most ~600 characters; legal bases after it)."""
    answer = catalog_answer(code, aspect)
    logger.info("answer intent=%s catalogue=%s aspect=%s known=%s", intent, code, aspect, answer.known)
    dispatcher.utter_message(text=answer.text)
    if answer.followup:
        dispatcher.utter_message(text=answer.followup)
    return [SlotSet("procedure", slot_value(code)), SlotSet("pending_aspect", None),
            SlotSet("failed_understandings", 0)]


class ActionAnswerOffice(Action):
    """Hours, address and phone of the commune's one-stop desk (bộ phận một cửa)."""

    def name(self) -> str:
        return "action_answer_office"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        kb = knowledge_base()
        commune = current_commune(tracker)
        if commune is None:
            buttons = [{"title": c.name, "payload": f'/ask_office{{"commune": "{c.key}"}}'}
                       for c in kb.communes()]
            dispatcher.utter_message(response="utter_ask_which_commune", buttons=buttons)
            return [SlotSet("failed_understandings", 0)]
        answer = kb.office_answer(commune)
        dispatcher.utter_message(text=answer.text)
        return [SlotSet("commune", commune), SlotSet("failed_understandings", 0)]


class ActionOnlineNextStep(Action):
    """Sends the next step of the online-submission guide ("tiếp" for the one after)."""

    def name(self) -> str:
        return "action_online_next_step"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        steps = knowledge_base().online_steps()
        index = int(tracker.get_slot("online_step") or 0)
        if index >= len(steps):
            index = 0  # finished earlier: start again from the first step
        dispatcher.utter_message(text=steps[index])
        events: list[EventType] = [SlotSet("online_step", index + 1),
                                   SlotSet("failed_understandings", 0)]
        if index + 1 < len(steps):
            dispatcher.utter_message(response="utter_next_step_hint")
            events.append(SlotSet("pending_offer", "next_online_step"))
        else:
            dispatcher.utter_message(response="utter_online_steps_done")
            events.append(SlotSet("pending_offer", None))
        return events
