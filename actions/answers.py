"""Answers about procedures and offices, read from the knowledge base.

The wording of facts lives in knowledge/data/ (YAML); these actions only decide *what* to
answer: which procedure (the one named now, or the one carried over from earlier in the
conversation), which aspect (papers, fee, time, ...), and which commune.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.catalog_answers import catalog_procedure, more_specific_record, slot_value
from bot.nlu import understanding
from actions.context import (
    asked_aspects,
    current_commune,
    entry_point,
    knowledge_base,
    latest_intent,
    latest_text,
    procedure_decision,
    safe_action,
)
from actions.replies import say
from knowledge.catalog import catalog_answer
from knowledge.render import ASPECTS

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
# The aspects asked come from the NLU (bot/nlu/understanding.py, nlu_data/understanding/
# aspects.yml: every aspect, in the order asked); the knowledge base names two of them its way.
KB_ASPECT = {"deadlines": "deadline", "late": "deadline"}
# what the aspects outside the knowledge base's sections are called in "not known" replies


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


def send_answers(dispatcher: CollectingDispatcher, answers: list) -> None:
    """Several aspects asked at once: the facts in the order asked in one message (each
    starts with the procedure's name), then their legal bases and links."""
    if len(answers) == 1:
        send_answer(dispatcher, answers[0])
        return
    facts = [a.messages[0] for a in answers if a.messages and a.messages[0]]
    rest: list[str] = []
    for answer in answers:
        for message in answer.messages[1:]:
            for line in message.splitlines():
                if line and line not in rest:
                    rest.append(line)
    dispatcher.utter_message(text="\n\n".join(facts))
    if rest:
        dispatcher.utter_message(text="\n".join(rest))


def answer_aspect(procedure: str, aspect: str, conditions: dict | None = None):
    """The knowledge base's answer, or an honest "no official information, ask ..." for an
    aspect it has no section for."""
    kb = knowledge_base()
    try:
        return kb.answer(procedure, aspect, conditions=conditions or None)
    except ValueError:
        from knowledge.render import Answer

        text = kb.message("unknown_fact", what=kb.message(f"what_{aspect}" if aspect in ASPECTS else "what_other"),
                          name=kb.procedure_name(procedure), ask=kb.message("default_ask"))
        return Answer(text=text, known=False)


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
        say(dispatcher, "greet")
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
        aspects: list[str] = []
        for asked in asked_aspects(tracker) or [ASPECT_BY_INTENT.get(intent, "procedure")]:
            asked = KB_ASPECT.get(asked, asked)
            if asked not in aspects:
                aspects.append(asked)
        decision = procedure_decision(tracker)
        named_now = decision.named_now
        pending = [a for a in (tracker.get_slot("pending_aspect") or "").split(",") if a]
        if pending and named_now and intent == "ask_procedure" and aspects == ["procedure"]:
            # "lệ phí bao nhiêu?" -> "thủ tục nào?" -> "khai sinh": answer the fee of khai sinh
            aspects = pending
        first_intent = INTENT_BY_ASPECT.get(aspects[0], "ask_procedure")
        if decision.action == "answer" and named_now:
            # "đăng ký lại khai tử" names khai tử's alias yet means a national record of its own
            specific = more_specific_record(tracker, decision.key)
            if specific is not None:
                return answer_from_catalog(dispatcher, specific, aspects[0], intent)
        if decision.action in ("outside", "ask"):
            # not a curated procedure: the national catalogue's official record, when the message
            # names one clearly; a catalogue procedure carries over only to an elliptic follow-up
            code, _ = catalog_procedure(
                tracker, carried_over=understanding.is_elliptic(latest_text(tracker)))
            if code is not None:
                return answer_from_catalog(dispatcher, code, aspects[0], intent)
        if decision.action == "clarify":
            # a new situation without a confident procedure: the best guesses, never a reuse
            buttons = [{"title": g.name or knowledge_base().procedure_name(g.key),
                        "payload": f'/{first_intent}{{"procedure": "{g.key}"}}'}
                       for g in decision.guesses]
            say(dispatcher, "ask_which_procedure_guess", buttons=buttons)
            return [SlotSet("pending_aspect", ",".join(aspects))]
        if decision.action == "outside":
            name = next((g.name for g in decision.guesses if g.key == decision.key), "") or decision.key
            say(dispatcher, "procedure_not_curated", procedure_name=name)
            return [SlotSet("pending_aspect", None)]
        procedure = decision.key
        if procedure is None:
            say(dispatcher, "ask_which_procedure", buttons=procedure_buttons(first_intent))
            return [SlotSet("pending_aspect", ",".join(aspects))]

        conditions = condition_follow_up(tracker, intent, named_now) if len(aspects) == 1 and aspects[0] in (
            "fee", "online", "procedure") else {}
        if conditions:
            aspects = ["fee"]
        answers = [answer_aspect(procedure, aspect, conditions) for aspect in aspects]
        logger.info("answer intent=%s procedure=%s aspects=%s conditions=%s known=%s",
                    intent, procedure, aspects, sorted(conditions), [a.known for a in answers])
        send_answers(dispatcher, answers)
        events: list[EventType] = [
            SlotSet("procedure", procedure),
            SlotSet("pending_aspect", None),
            SlotSet("failed_understandings", 0),
            SlotSet("last_aspect", aspects[-1]),
        ]
        if aspects[-1] == "online" and not conditions:
            say(dispatcher, "offer_online_steps")
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
            say(dispatcher, "ask_which_commune", buttons=buttons)
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
            say(dispatcher, "next_step_hint")
            events.append(SlotSet("pending_offer", "next_online_step"))
        else:
            say(dispatcher, "online_steps_done")
            events.append(SlotSet("pending_offer", None))
        return events
