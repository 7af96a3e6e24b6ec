"""`action_session_start`: Rasa's own, plus two things the personal data law asks for.

- The privacy notice (bot/privacy.yml) is said once, at the citizen's first contact (the first
  session of a conversation that has never been shown it; recorded in the database, so a
  restart or another replica does not repeat it, and `xóa dữ liệu của tôi` makes it new again).
- Slots are carried over to the new session as Rasa does (domain session_config), except the
  ones that belong to one look-up: the phone digits (second factor), the code verified in the
  last session, and a half-filled form.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import privacy

logger = logging.getLogger(__name__)

NOT_CARRIED_OVER = frozenset({"phone_suffix", "dossier_verified", "dossier_goal",
                              "requested_slot"})


def carried_slots(tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
    config = (domain or {}).get("session_config") or {}
    if not config.get("carry_over_slots_to_new_session", True):
        return []
    events: list[EventType] = []
    for name, value in (tracker.slots or {}).items():
        if name in NOT_CARRIED_OVER or value is None or name == "session_started_metadata":
            continue
        events.append(SlotSet(name, value))
    return events


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        try:
            events.extend(carried_slots(tracker, domain))
        except Exception:  # noqa: BLE001 - a new session never fails
            logger.exception("session start: slots not carried over")
        try:
            if await asyncio.to_thread(privacy.first_contact, str(tracker.sender_id)):
                dispatcher.utter_message(text=privacy.notice())
        except Exception:  # noqa: BLE001 - the notice is shown at the next session then
            logger.exception("session start: privacy notice not recorded")
        events.append(ActionExecuted("action_listen"))
        return events
