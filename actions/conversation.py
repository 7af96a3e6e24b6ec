"""Conversation management: not understood, and yes/no answers to the offer made last.

Asking for a person is in actions/handoff.py."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import safe_action
from actions.replies import say

logger = logging.getLogger(__name__)

# What a plain "có" / "ừ" accepts, by the offer the bot made last.
ACTION_FOR_OFFER = {
    "next_online_step": "action_online_next_step",
    "human": "action_request_human",
    "retry_dossier": "action_check_dossier_status",
    "subscribe_dossier": "action_subscribe_dossier",
    "handoff_consent": "action_request_human",
    "receipt_confirm": "action_receipt_confirmed",
}
# What a plain "không" leads to instead of the generic reply, by the offer made last.
ACTION_FOR_DENIED_OFFER = {"receipt_confirm": "action_receipt_rejected"}
# The offer whose "có" / "đồng ý" is recorded as such for the action it leads to.
CONSENT_OFFERS = {"handoff_consent": "handoff_consented"}


def _answer_condition(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """"tôi là hộ nghèo" right after a question about a procedure: the NLU may not know what
    to make of it, but the condition words (knowledge/data/conditions.yml) and the procedure in
    context say what to answer: the fee for that citizen."""
    from actions.answers import send_answer
    from actions.context import current_procedure, knowledge_base, latest_text

    procedure, _ = current_procedure(tracker)
    if procedure is None:
        return None
    kb = knowledge_base()
    conditions = kb.detect_conditions(latest_text(tracker))
    if not conditions:
        return None
    answer = kb.answer(procedure, "fee", conditions=conditions)
    logger.info("condition follow-up procedure=%s conditions=%s", procedure, sorted(conditions))
    send_answer(dispatcher, answer)
    return [SlotSet("procedure", procedure), SlotSet("failed_understandings", 0), SlotSet("last_aspect", "fee")]


class ActionFallback(Action):
    """Low NLU confidence: first ask to rephrase with examples; the second time, offer a person."""

    def name(self) -> str:
        return "action_fallback"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        answered = _answer_condition(dispatcher, tracker)
        if answered is not None:
            return answered
        failures = int(tracker.get_slot("failed_understandings") or 0) + 1
        logger.info("not understood (%d in a row)", failures)
        if failures >= 2:
            say(dispatcher, "offer_human")
            return [SlotSet("failed_understandings", failures), SlotSet("pending_offer", "human")]
        say(dispatcher, "rephrase")
        return [SlotSet("failed_understandings", failures)]


class ActionAffirm(Action):
    """"Có", "ừ", "ok": accept the offer the bot made last, if any."""

    def name(self) -> str:
        return "action_affirm"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        offer = tracker.get_slot("pending_offer")
        action = ACTION_FOR_OFFER.get(offer or "")
        if action:
            return [SlotSet("pending_offer", CONSENT_OFFERS.get(offer or "")),
                    FollowupAction(action)]
        say(dispatcher, "affirm_nothing_pending")
        return []


class ActionDeny(Action):
    """"Không": decline the offer the bot made last."""

    def name(self) -> str:
        return "action_deny"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        action = ACTION_FOR_DENIED_OFFER.get(tracker.get_slot("pending_offer") or "")
        if action:
            return [SlotSet("pending_offer", None), FollowupAction(action)]
        say(dispatcher, "deny")
        return [SlotSet("pending_offer", None), SlotSet("failed_understandings", 0)]

