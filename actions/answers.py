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

from actions.context import (
    asked_aspects,
    current_commune,
    entry_point,
    knowledge_base,
    latest_intent,
    procedure_decision,
    safe_action,
)

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
# what the aspects outside the seven sections are called in "not known" replies
ASPECT_WHAT = {"eligibility": "điều kiện, đối tượng được làm", "deadlines": "thời hạn phải làm",
               "late": "việc làm trễ hạn (có bị phạt không)"}


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
        aspects = asked_aspects(tracker) or [ASPECT_BY_INTENT.get(intent, "procedure")]
        decision = procedure_decision(tracker)
        pending = [a for a in (tracker.get_slot("pending_aspect") or "").split(",") if a]
        if pending and decision.named_now and intent == "ask_procedure" and aspects in (
                ["procedure"], []):
            # "lệ phí bao nhiêu?" -> "thủ tục nào?" -> "khai sinh": answer the fee of khai sinh
            aspects = pending
        pending_value = ",".join(aspects)
        first_intent = INTENT_BY_ASPECT.get(aspects[0], "ask_procedure")
        if decision.action == "clarify":
            # a new situation without a confident procedure: offer the best guesses, never reuse
            buttons = [{"title": g.name or knowledge_base().procedure_name(g.key),
                        "payload": f'/{first_intent}{{"procedure": "{g.key}"}}'}
                       for g in decision.guesses]
            dispatcher.utter_message(response="utter_ask_which_procedure_guess", buttons=buttons)
            return [SlotSet("pending_aspect", pending_value)]
        if decision.action == "outside":
            name = next((g.name for g in decision.guesses if g.key == decision.key), "") or decision.key
            dispatcher.utter_message(response="utter_procedure_not_curated", procedure_name=name)
            return [SlotSet("pending_aspect", None)]
        procedure = decision.key
        if procedure is None:
            dispatcher.utter_message(response="utter_ask_which_procedure",
                                     buttons=procedure_buttons(first_intent))
            return [SlotSet("pending_aspect", pending_value)]

        kb = knowledge_base()
        texts = []
        for aspect in aspects:
            texts.append(self._answer_one(kb, procedure, aspect))
        logger.info("answer intent=%s procedure=%s aspects=%s", intent, procedure, aspects)
        # one reply, the aspects in the order asked; every part starts with the procedure name
        dispatcher.utter_message(text="\n\n".join(texts))
        events: list[EventType] = [
            SlotSet("procedure", procedure),
            SlotSet("pending_aspect", None),
            SlotSet("failed_understandings", 0),
        ]
        if aspects[-1] == "online":
            dispatcher.utter_message(response="utter_offer_online_steps")
            events += [SlotSet("pending_offer", "next_online_step"), SlotSet("online_step", 0)]
        return events

    @staticmethod
    def _answer_one(kb: Any, procedure: str, aspect: str) -> str:
        try:
            return kb.answer(procedure, aspect).text
        except ValueError:
            # an aspect the knowledge base has no section for (yet): say so, and where to ask
            name = kb.procedure_name(procedure)
            return kb.message("unknown_fact", what=ASPECT_WHAT.get(aspect, aspect), name=name,
                              ask=kb.message("default_ask"))


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
