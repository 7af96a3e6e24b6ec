"""What the actions need to know about the conversation, and the shared knowledge base.

Small helpers used by every action: the latest intent, the procedure in play (named now or
carried over), the commune, the entry point a leaflet or deep link carried, and a decorator
that turns any unexpected error into a polite reply instead of silence.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Awaitable, Callable

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import say
from bot.nlu import understanding
from knowledge import KnowledgeBase

logger = logging.getLogger(__name__)


def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base (opened once, cached by KnowledgeBase.open)."""
    return KnowledgeBase.open()


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def entry_point(tracker: Tracker) -> dict[str, Any] | None:
    """The entry point (leaflet, commune, team) a channel attached to the latest message."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    point = metadata.get("entry_point")
    return point if isinstance(point, dict) else None


def latest_is_payload(tracker: Tracker) -> bool:
    """A button press ("/ask_fee{...}"), not words typed by the citizen."""
    return latest_text(tracker).lstrip().startswith("/")


def procedure_decision(tracker: Tracker) -> understanding.Decision:
    """Which procedure the answer is about (bot.nlu.understanding.decide).

    The procedure NLU found in this message (a confident, curated one); else the one
    carried over from earlier, but only when the message is an elliptic follow-up
    ("còn lệ phí thì sao?", "nộp ở đâu") that names nothing else; else the best
    guesses to offer as buttons, or a question."""
    keys = set(knowledge_base().procedure_keys())
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "procedure" and entity.get("value") in keys:
            return understanding.Decision("answer", entity["value"], True)
    slot = tracker.get_slot("procedure")
    previous = slot if slot in keys else None
    if latest_is_payload(tracker):
        return understanding.Decision("answer", previous) if previous else understanding.Decision("ask")
    text = latest_text(tracker)
    detect = getattr(knowledge_base(), "detect_conditions", None)
    condition = bool(detect is not None and detect(text))
    return understanding.decide(text, previous, known=keys, condition=condition)


def current_procedure(tracker: Tracker) -> tuple[str | None, bool]:
    """(procedure key, named in the latest message?): the procedure_decision when it is
    an answer, else (None, False)."""
    decision = procedure_decision(tracker)
    if decision.action == "answer":
        return decision.key, decision.named_now
    return None, False


def conversation_procedure(tracker: Tracker) -> str | None:
    """The procedure the conversation is about, for uses other than answering (the hand-off
    ticket): the one this message names, else the last one answered (no carry-over rule)."""
    procedure, named_now = current_procedure(tracker)
    if named_now:
        return procedure
    slot = tracker.get_slot("procedure")
    return slot if slot in set(knowledge_base().procedure_keys()) else procedure


def asked_aspects(tracker: Tracker) -> list[str]:
    """Every aspect the latest message asks, in order (NLU's ``aspects``; typed text only)."""
    if latest_is_payload(tracker):
        return []
    aspects = (tracker.latest_message or {}).get("aspects")
    if isinstance(aspects, list) and aspects:
        return [str(a) for a in aspects]
    return understanding.detect_aspects(latest_text(tracker))


def current_commune(tracker: Tracker) -> str | None:
    """The commune named now (new or former name), else the one remembered for the citizen."""
    kb = knowledge_base()
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "commune" and entity.get("value"):
            commune = kb.resolve_commune(str(entity["value"]))
            if commune is not None:
                return commune.key
    commune = kb.resolve_commune(latest_text(tracker))
    if commune is not None:
        return commune.key
    slot = tracker.get_slot("commune")
    if slot:
        commune = kb.resolve_commune(str(slot))
        if commune is not None:
            return commune.key
    return None


Run = Callable[..., Awaitable[list[EventType]]]


def safe_action(run: Run) -> Run:
    """Any unexpected error becomes a polite reply and a log line without the message text."""

    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict[str, Any]) -> list[EventType]:
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception:  # noqa: BLE001 - the citizen must always get an answer
            logger.exception("action %s failed (intent=%s)", self.name(), latest_intent(tracker))
            say(dispatcher, "busy")
            return []

    return wrapper
