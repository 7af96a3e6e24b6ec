"""`action_request_human`: hand the conversation to the commune's volunteer team.

Runs on the intent request_human ("gặp người thật", "chuyển người thật", the "Gặp người thật"
button after two failed understandings, a "có" to that offer). It

1. finds the commune (named now, by a button, or remembered); unknown -> asks which one, with
   a button per commune (payload /request_human{"commune": "<key>"});
2. asks the citizen's consent first (personal data law: the messages go to a Telegram group):
   "Đồng ý" / "Không" buttons, pending_offer "handoff_consent"; only their "đồng ý" ("có"),
   which action_affirm turns into pending_offer "handoff_consented" for this one run, opens
   a ticket (bot.handoff) with the procedure in play and the last messages of the
   conversation, masked, which is posted to the commune's volunteer group on Telegram;
3. tells the citizen a person will answer here, and roughly when: within the commune's
   one-stop desk hours when the places data states them, otherwise "khi có người trực";
4. when no team is registered for the commune (or hand-off is not configured), says so
   honestly and gives the commune's one-stop desk information instead.

Slot set: `handoff_ticket` (text: the ticket number while a hand-off was opened in this
conversation; informational, the ticket table is the truth about whether it is still active).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import conversation_procedure, current_commune, knowledge_base, safe_action
from bot.handoff import get_service
from bot.handoff import kb as handoff_kb
from bot.handoff.texts import text

logger = logging.getLogger(__name__)

RECENT_MESSAGES = 8


def recent_messages(tracker: Tracker, limit: int = RECENT_MESSAGES) -> list[dict[str, str]]:
    """The last user and bot texts of the conversation (button payloads left out). Masking
    happens in the hand-off service before anything is stored or posted."""
    out: list[dict[str, str]] = []
    for event in tracker.events or []:
        kind = event.get("event")
        body = (event.get("text") or "").strip()
        if kind not in {"user", "bot"} or not body:
            continue
        if kind == "user" and body.startswith("/"):
            continue
        out.append({"who": "citizen" if kind == "user" else "bot", "text": body})
    return out[-limit:]


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    @safe_action
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = [SlotSet("failed_understandings", 0),
                                   SlotSet("pending_offer", None)]
        service = get_service()
        kb = knowledge_base()
        commune = current_commune(tracker)
        channel = tracker.get_latest_input_channel() or ""
        any_team = any(team.reachable for team in service.teams().teams.values())

        if commune is None and any_team:
            buttons = [{"title": c.name, "payload": f'/request_human{{"commune": "{c.key}"}}'}
                       for c in kb.communes()]
            dispatcher.utter_message(text=text("ask_commune"), buttons=buttons)
            return events

        if tracker.get_slot("pending_offer") != "handoff_consented" and \
                service.available(commune, channel) and \
                await service.tickets.active_for(channel, tracker.sender_id) is None:
            # nothing is stored or posted before the citizen agrees
            dispatcher.utter_message(
                text=text("consent_ask", commune_name=handoff_kb.commune_name(commune)),
                buttons=[{"title": text("consent_yes"), "payload": "/affirm"},
                         {"title": text("consent_no"), "payload": "/deny"}])
            asked: list[EventType] = [SlotSet("failed_understandings", 0),
                                      SlotSet("pending_offer", "handoff_consent")]
            if commune is not None:
                asked.append(SlotSet("commune", commune))
            return asked

        procedure = conversation_procedure(tracker)
        result = await service.open_ticket(tracker.sender_id, channel, commune, procedure,
                                           recent_messages(tracker))
        logger.info("request_human: %s (commune %s, channel %s)", result.status, commune or "-",
                    channel or "-")
        if commune is not None:
            events.append(SlotSet("commune", commune))
        if result.status == "opened":
            dispatcher.utter_message(text=service.opened_message(commune))
            events.append(SlotSet("handoff_ticket", str(result.ticket.id)))
            return events
        if result.status == "already_open":
            dispatcher.utter_message(text=text("handoff_already_open"))
            return events

        # no team for this commune, or hand-off not configured: say so, give the desk
        commune_name = next((c.name for c in kb.communes() if c.key == commune), None)
        office = kb.office_answer(commune)
        if commune_name:
            dispatcher.utter_message(text=text("no_team", commune_name=commune_name))
        else:
            dispatcher.utter_message(text=text("no_team_no_office", commune_name=text("your_commune")))
        dispatcher.utter_message(text=office.text)
        return events
