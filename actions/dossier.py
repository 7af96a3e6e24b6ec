"""Dossier status (tra cứu hồ sơ) and notifications: the rasa-sdk actions.

- ``validate_dossier_form``: reads the code from what the citizen typed (spaces, lower case,
  inside a sentence or a receipt photo caption), explains the expected shape when it is
  wrong; asks the last digits of the applicant's phone for each look-up (the second factor,
  DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX, on by default); lets the citizen leave (any other
  question stops it).
- ``action_check_dossier_status``: procedure, status in plain words, what to do next,
  appointment date and whether it is late; nothing personal (the applicant's masked name only
  when the operator sets DVCBOT_DOSSIER_SHOW_NAME=1). Wrong answers are counted in the
  database (actions/portal/guesses.py): too many from one conversation or client are refused,
  many for one code slow further wrong answers and alert the operator.
- ``action_subscribe_dossier`` / ``action_unsubscribe_dossier`` ("theo dõi", "hủy theo dõi"):
  only a dossier looked up with the second factor in this session can be followed; follows are
  capped per conversation and in total.
- ``action_notify_dossier_change``: renders the message the poller triggers through Rasa.

Every sentence comes from actions/portal/messages.yml and statuses.yml.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import date
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from actions.portal.client import PortalError, default_adapter
from actions.portal.codes import example_code, looks_like_code_attempt, parse_dossier_code
from actions.portal.guesses import GuessGuard
from actions.portal.models import Dossier, format_date, local_date
from actions.portal.subscriptions import SubscriptionStore, subscription_days, zalo_window_only
from actions.portal.wording import messages, statuses
from actions import replies
from bot.core import tz
from bot.core.settings import settings

logger = logging.getLogger(__name__)

PHONE_SUFFIX_DIGITS = 4
DOSSIER_INTENTS = {"check_dossier_status", "subscribe_dossier", "unsubscribe_dossier"}
# Intents that do not stop the form: an unsure NLU guess or a plain "yes" is more likely a
# badly typed code (the citizen then gets the explanation of the shape).
UNSURE_INTENTS = {"", "nlu_fallback", "affirm"}
# When another question stops the form, the answer the rules would have given.
FOLLOW_UP_FOR_INTENT = {
    "ask_documents": "action_answer_procedure",
    "ask_fee": "action_answer_procedure",
    "ask_processing_time": "action_answer_procedure",
    "ask_where": "action_answer_procedure",
    "ask_online": "action_answer_procedure",
    "ask_form": "action_answer_procedure",
    "ask_procedure": "action_answer_procedure",
    "ask_office": "action_answer_office",
    "request_human": "action_request_human",
    "next_step": "action_online_next_step",
    "greet": "action_greet",
    "EXTERNAL_dossier_status_changed": "action_notify_dossier_change",
}
LOOKUP_GRACE = 1.0   # seconds on top of the portal budget before the action gives up itself


# --------------------------------------------------------------------------- helpers

def second_factor_mode() -> str:
    """DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX: "auto" (default: asked for every look-up, checked
    whenever the portal gives the applicant's phone), "always" (1: a dossier without a phone
    on record is not shown) or "off" (0: the operator's explicit choice, not advised)."""
    return settings().dossier.require_phone_suffix


def phone_suffix_required() -> bool:
    """The phone digits are asked before each look-up."""
    return second_factor_mode() != "off"


def show_applicant_name() -> bool:
    """DVCBOT_DOSSIER_SHOW_NAME=1: the answer also shows the applicant's masked name."""
    return settings().dossier.show_name


def follow_limits() -> tuple[int, int]:
    """(per conversation, in total): DVCBOT_FOLLOWS_PER_CONVERSATION, DVCBOT_FOLLOWS_TOTAL."""
    dossier = settings().dossier
    return dossier.follows_per_conversation, dossier.follows_total


_warned_no_phone = False


def second_factor_ok(dossier: Dossier, suffix: str) -> bool:
    if not phone_suffix_required():
        return True
    if not re.sub(r"\D", "", dossier.applicant_phone or ""):
        # the portal gives no phone for this dossier: nothing to check against
        global _warned_no_phone
        if not _warned_no_phone:
            _warned_no_phone = True
            logger.warning("the portal gave a dossier without the applicant's phone: the second "
                           "factor cannot be checked for it (DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX=1 "
                           "refuses such dossiers)")
        return second_factor_mode() == "auto"
    return dossier.phone_matches(suffix)


def _latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def _latest_text(tracker: Tracker) -> str:
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("EXTERNAL: ") else text


def _is_external(tracker: Tracker) -> bool:
    return _latest_intent(tracker).startswith("EXTERNAL_")


def _moved_on(tracker: Tracker) -> bool:
    """The citizen, asked for a code (or phone digits), said something else entirely."""
    intent = _latest_intent(tracker)
    if intent in DOSSIER_INTENTS or intent in UNSURE_INTENTS:
        return False
    text = _latest_text(tracker)
    return not looks_like_code_attempt(text) and not parse_dossier_code(text).ok


def _bot_spoke_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


def _code_in_message(tracker: Tracker) -> Optional[str]:
    """A code named in the latest message (NLU entity or the text itself), normalised."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "dossier_code":
            parsed = parse_dossier_code(str(entity.get("value") or ""))
            if parsed.ok:
                return parsed.code
    parsed = parse_dossier_code(_latest_text(tracker))
    return parsed.code if parsed.ok else None


def _current_code(tracker: Tracker) -> Optional[str]:
    found = _code_in_message(tracker)
    if found:
        return found
    slot = tracker.get_slot("dossier_code")
    parsed = parse_dossier_code(str(slot)) if slot else None
    return parsed.code if parsed and parsed.ok else None


def _channel(tracker: Tracker) -> str:
    try:
        return tracker.get_latest_input_channel() or ""
    except Exception:  # noqa: BLE001 - an odd tracker must not stop the answer
        return ""


async def lookup(code: str) -> Optional[Dossier]:
    """The portal look-up with a hard ceiling, whatever the adapter does."""
    adapter = default_adapter()
    budget = getattr(getattr(adapter, "config", None), "timeout", 3.0) + LOOKUP_GRACE
    try:
        return await asyncio.wait_for(adapter.lookup(code), budget)
    except asyncio.TimeoutError:
        raise PortalError(f"look-up exceeded {budget:.1f} s") from None


def _store() -> SubscriptionStore:
    return SubscriptionStore()


def _guard() -> GuessGuard:
    return GuessGuard()


async def _slow_down(seconds: float) -> None:
    """Holds a wrong answer back (tests replace it to see the delay without waiting)."""
    await asyncio.sleep(seconds)


def _client_ref(tracker: Tracker) -> Optional[str]:
    """The client the channel says the message came from (e.g. a pseudonym of the web chat
    visitor's address, metadata ``client_ref``), when it says so."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            value = (event.get("metadata") or {}).get("client_ref")
            return str(value)[:200] if value else None
    return None


# --------------------------------------------------------------------------- rendering

def render_status_answer(dossier: Dossier, *, subscribed: bool = False, offer: bool = True,
                         today: Optional[date] = None) -> str:
    """The reply to "hồ sơ của tôi tới đâu rồi": one message, a few short lines."""
    say = messages()
    info = statuses().info(dossier.status_text, dossier.status)
    today = today or tz.today()
    lines = [say.get("answer.header", code=dossier.code)]
    if dossier.procedure:
        lines.append(say.get("answer.procedure", procedure=dossier.procedure))
    if dossier.masked_name and show_applicant_name():
        lines.append(say.get("answer.applicant", name=dossier.masked_name))
    lines.append(say.get("answer.status", status=info.label, explanation=info.explanation))
    next_step, rule = info.next_step, info.rule
    if dossier.status in {"result_ready", "returned"}:
        if dossier.completed_at:
            lines.append(say.get("answer.completed", date=format_date(dossier.completed_at)))
    elif dossier.status not in {"rejected", "cancelled"} and dossier.appointment_at:
        days = (local_date(dossier.appointment_at) - today).days
        when = format_date(dossier.appointment_at)
        if days > 0:
            lines.append(say.get("answer.appointment_future", date=when, days=days))
        elif days == 0:
            lines.append(say.get("answer.appointment_today", date=when))
        else:
            lines.append(say.get("answer.appointment_late", date=when, days=-days))
            if dossier.status in {"in_progress", "received", "paused", None}:
                late = statuses().info(None, "overdue")
                next_step, rule = late.next_step, late.rule
    if next_step:
        lines.append(say.get("answer.next_step", next_step=next_step))
    if rule:
        lines.append(say.get("answer.rule", source=rule.source, rule=rule.text))
    if subscribed and not info.final:
        lines.append(say.get("answer.already_subscribed"))
    elif offer and not info.final:
        lines.append(say.get("answer.offer_subscribe"))
    return "\n".join(lines)


def render_notification(entities: dict[str, str]) -> Optional[str]:
    """The message for one EXTERNAL_dossier_status_changed (None when it names no code)."""
    say = messages()
    code = entities.get("code") or entities.get("dossier_code")
    if not code:
        return None
    kind = entities.get("kind") or "changed"
    if kind == "expired":
        return say.get("notify.expired", code=code, days=subscription_days())
    if kind == "not_found":
        return say.get("notify.not_found", code=code)
    if kind in {"reminder_due_tomorrow", "overdue"}:
        return render_reminder(kind, code, entities)
    info = statuses().info(entities.get("status"), entities.get("status_key"))
    lines = [say.get("notify.first" if kind == "first" else "notify.changed", code=code,
                     status=info.label, explanation=info.explanation)]
    if entities.get("dossier_procedure"):
        lines.append(say.get("notify.procedure", procedure=entities["dossier_procedure"]))
    appointment = entities.get("appointment_date")
    if appointment and info.key not in {"result_ready", "returned", "rejected", "cancelled"}:
        try:
            shown = date.fromisoformat(appointment).strftime("%d/%m/%Y")
            lines.append(say.get("notify.appointment", date=shown))
        except ValueError:
            pass
    if info.next_step:
        lines.append(say.get("notify.next_step", next_step=info.next_step))
    if info.rule:
        lines.append(say.get("notify.rule", source=info.rule.source, rule=info.rule.text))
    if info.final or entities.get("final") == "1":
        lines.append(say.get("notify.ended"))
    return "\n".join(lines)


def render_reminder(kind: str, code: str, entities: dict[str, str]) -> str:
    """The day-before reminder, or the notice that the appointment passed without a result."""
    say = messages()
    info = statuses().info(entities.get("status"), entities.get("status_key"))
    try:
        when = date.fromisoformat(entities.get("appointment_date") or "").strftime("%d/%m/%Y")
    except ValueError:
        when = entities.get("appointment_date") or ""
    lines = [say.get(f"notify.{kind}", code=code, date=when, status=info.label)]
    if entities.get("dossier_procedure"):
        lines.append(say.get("notify.procedure", procedure=entities["dossier_procedure"]))
    if kind == "overdue":
        late = statuses().info(None, "overdue")
        lines.append(say.get("notify.next_step", next_step=late.next_step))
        if late.rule:
            lines.append(say.get("notify.rule", source=late.rule.source, rule=late.rule.text))
        lines.append(say.get("notify.still_following"))
    elif info.key in {None, "received", "in_progress", "overdue"}:
        lines.append(say.get("notify.bring"))
    elif info.next_step:
        lines.append(say.get("notify.next_step", next_step=info.next_step))
    return "\n".join(lines)


# --------------------------------------------------------------------------- the form

class ValidateDossierForm(FormValidationAction):
    def name(self) -> str:
        return "validate_dossier_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        slots = list(domain_slots)
        if phone_suffix_required() and "phone_suffix" not in slots:
            slots.append("phone_suffix")
        return slots

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: dict[str, Any]) -> Optional[EventType]:
        if tracker.get_slot("requested_slot") is None and _moved_on(tracker):
            return SlotSet(REQUESTED_SLOT, None)           # the citizen left the form
        return await super().next_requested_slot(dispatcher, tracker, domain)

    async def extract_dossier_code(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: dict[str, Any]) -> dict[str, Any]:
        """A code anywhere in the message (NLU may have missed it, e.g. typed with spaces)."""
        if _is_external(tracker):
            return {}
        code = _code_in_message(tracker)
        return {"dossier_code": code} if code else {}

    async def validate_dossier_code(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") == "dossier_code" and _moved_on(tracker):
            return {"dossier_code": None, REQUESTED_SLOT: None}
        parsed = parse_dossier_code(str(value or ""))
        if not parsed.ok:
            in_text = parse_dossier_code(_latest_text(tracker))
            parsed = in_text if in_text.ok else parsed
        if parsed.ok:
            return {"dossier_code": parsed.code}
        say = messages()
        dispatcher.utter_message(text=say.get(f"bad_code.{parsed.reason}") + " "
                                 + say.get("code_shape", example=example_code()))
        return {"dossier_code": None}

    async def extract_phone_suffix(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: dict[str, Any]) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "phone_suffix" or _is_external(tracker):
            return {}
        return {"phone_suffix": _latest_text(tracker)}

    async def validate_phone_suffix(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") == "phone_suffix" and _moved_on(tracker):
            return {"phone_suffix": None, REQUESTED_SLOT: None}
        digits = re.sub(r"\D", "", str(value or ""))
        if len(digits) >= PHONE_SUFFIX_DIGITS and len(digits) <= 12:
            return {"phone_suffix": digits[-PHONE_SUFFIX_DIGITS:]}
        dispatcher.utter_message(text=messages().get("bad_phone_suffix", digits=PHONE_SUFFIX_DIGITS))
        return {"phone_suffix": None}


class ActionAskDossierCode(Action):
    """The form's question for `dossier_code` (Rasa asks action_ask_<slot> when it exists)."""

    def name(self) -> str:
        return "action_ask_dossier_code"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        replies.say(dispatcher, "ask_dossier_code")
        return []


class ActionAskPhoneSuffix(Action):
    """The form's question for `phone_suffix`."""

    def name(self) -> str:
        return "action_ask_phone_suffix"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=messages().get("ask_phone_suffix", digits=PHONE_SUFFIX_DIGITS))
        return []


# --------------------------------------------------------------------------- look-up

class ActionCheckDossierStatus(Action):
    def name(self) -> str:
        return "action_check_dossier_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        try:
            return await self._run(dispatcher, tracker)
        except Exception:  # noqa: BLE001 - never a stack trace, never silence
            logger.exception("dossier look-up failed unexpectedly")
            replies.say(dispatcher, "busy")
            return []

    async def _run(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        say = messages()
        goal = tracker.get_slot("dossier_goal")
        events: list[EventType] = [SlotSet("dossier_goal", None)] if goal else []
        code = _current_code(tracker)
        if not code:
            if _moved_on(tracker):                 # the form was left for another question
                follow = FOLLOW_UP_FOR_INTENT.get(_latest_intent(tracker))
                if follow:
                    return events + [FollowupAction(follow)]
                dispatcher.utter_message(text=say.get("form_stopped"))
            elif not _bot_spoke_this_turn(tracker):
                dispatcher.utter_message(text=say.get("no_code", example=example_code()))
            return events
        if goal == "subscribe":
            return events + await subscribe(dispatcher, tracker, code)
        return events + await check(dispatcher, tracker, code)


async def _verified_lookup(dispatcher: CollectingDispatcher, tracker: Tracker, code: str
                           ) -> tuple[str, Optional[Dossier], list[EventType]]:
    """("found"|"not_found"|"down"|"refused"|"ask", dossier, events). Says what went wrong
    itself, except "down" (the caller knows what to offer) and "ask" (the form asks the phone
    digits, then action_check_dossier_status comes back).

    The phone digits are used for this one look-up and cleared, whatever the outcome."""
    say = messages()
    suffix = str(tracker.get_slot("phone_suffix") or "")
    events: list[EventType] = [SlotSet("phone_suffix", None)] if suffix else []
    if phone_suffix_required() and not suffix:
        return "ask", None, [SlotSet("dossier_code", code), FollowupAction("dossier_form")]
    guard = _guard()
    conversation, client = str(tracker.sender_id), _client_ref(tracker)
    if await asyncio.to_thread(guard.refused, conversation, client):
        logger.info("dossier look-up refused: too many wrong answers from this conversation")
        dispatcher.utter_message(text=say.get("too_many_attempts"))
        return "refused", None, events + [SlotSet("dossier_code", None)]
    try:
        dossier = await lookup(code)
    except PortalError as error:
        logger.warning("portal look-up failed (%s): %s", type(error).__name__, error)
        return "down", None, events
    if dossier is None or not second_factor_ok(dossier, suffix):
        verdict = await asyncio.to_thread(guard.record_failure, code, conversation, client,
                                          "not_found" if dossier is None else "mismatch")
        if verdict.delay > 0:
            await _slow_down(verdict.delay)
        key = "not_found_or_mismatch" if phone_suffix_required() else "not_found"
        dispatcher.utter_message(text=say.get(key, code=code))
        return "not_found", None, events + [SlotSet("dossier_code", None)]
    return "found", dossier, events + [SlotSet("dossier_verified", code)]


async def check(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> list[EventType]:
    outcome, dossier, events = await _verified_lookup(dispatcher, tracker, code)
    if outcome == "down":
        dispatcher.utter_message(text=messages().get("portal_down", code=code))
        return events + [SlotSet("dossier_code", code), SlotSet("pending_offer", "retry_dossier")]
    if dossier is None:
        return events
    try:
        followed = code in await asyncio.to_thread(_store().active_codes, tracker.sender_id,
                                                   _channel(tracker))
    except Exception:  # noqa: BLE001 - the answer matters more than the offer
        logger.exception("could not read dossier subscriptions")
        followed = False
    final = statuses().is_final(dossier.status)
    dispatcher.utter_message(text=render_status_answer(dossier, subscribed=followed))
    offer = None if (final or followed) else "subscribe_dossier"
    return events + [SlotSet("dossier_code", code), SlotSet("pending_offer", offer)]


# --------------------------------------------------------------------------- subscriptions

async def _follow_refused(dispatcher: CollectingDispatcher, store: SubscriptionStore,
                          tracker: Tracker, code: str) -> bool:
    """True (and said why) when this conversation, or the service, follows too many dossiers."""
    per_conversation, total = follow_limits()
    active = await asyncio.to_thread(store.active_codes, tracker.sender_id, _channel(tracker))
    if code in active:
        return False
    if len(active) >= per_conversation:
        dispatcher.utter_message(text=messages().get("follow_limit", limit=per_conversation,
                                                     codes=", ".join(active)))
        return True
    if await asyncio.to_thread(store.active_count) >= total:
        logger.error("dossier follows: the total cap (%d) is reached; new follows refused", total)
        dispatcher.utter_message(text=messages().get("follow_full", code=code))
        return True
    return False


async def subscribe(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> list[EventType]:
    """Follow a dossier, only after a look-up verified in this session (now or earlier)."""
    say = messages()
    store = _store()
    if await _follow_refused(dispatcher, store, tracker, code):
        return [SlotSet("pending_offer", None)]
    events: list[EventType] = []
    if tracker.get_slot("dossier_verified") == code:      # verified earlier in this session
        try:
            dossier = await lookup(code)
            outcome = "found" if dossier is not None else "not_found"
        except PortalError as error:
            logger.warning("portal look-up failed (%s): %s", type(error).__name__, error)
            dossier, outcome = None, "down"
        if outcome == "not_found":
            dispatcher.utter_message(text=say.get("not_found", code=code))
            return [SlotSet("dossier_code", None), SlotSet("dossier_verified", None)]
    else:
        outcome, dossier, events = await _verified_lookup(dispatcher, tracker, code)
        if outcome == "ask":          # the form asks the phone digits, then comes back here
            return events + [SlotSet("dossier_goal", "subscribe")]
        if outcome in {"not_found", "refused"}:
            return events
    if outcome == "down" or dossier is None:
        # not verified: following now would tell the status later to whoever asked
        dispatcher.utter_message(text=say.get("portal_down", code=code))
        return events + [SlotSet("dossier_code", code), SlotSet("pending_offer", "retry_dossier")]
    if statuses().is_final(dossier.status):
        info = statuses().info(dossier.status_text, dossier.status)
        dispatcher.utter_message(text=say.get("already_final", code=code, status=info.label))
        return events + [SlotSet("dossier_code", code), SlotSet("pending_offer", None)]
    try:
        await asyncio.to_thread(store.subscribe, tracker.sender_id, _channel(tracker), code,
                                dossier.status_fingerprint, dossier.status_text)
    except Exception:  # noqa: BLE001
        logger.exception("could not store a dossier subscription")
        dispatcher.utter_message(text=say.get("subscribe_failed", code=code))
        return events + [SlotSet("dossier_code", code)]
    days = subscription_days()
    dispatcher.utter_message(text=render_status_answer(dossier, offer=False))
    dispatcher.utter_message(text=say.get("subscribed", code=code, days=days))
    if _channel(tracker) == "zalo" and zalo_window_only():
        dispatcher.utter_message(text=say.get("subscribed_zalo_window"))
    return events + [SlotSet("dossier_code", code), SlotSet("pending_offer", None)]


class ActionSubscribeDossier(Action):
    def name(self) -> str:
        return "action_subscribe_dossier"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        try:
            code = _current_code(tracker)
            if not code:                       # ask for it; the form comes back to subscribe
                return [SlotSet("dossier_goal", "subscribe"), FollowupAction("dossier_form")]
            return await subscribe(dispatcher, tracker, code)
        except Exception:  # noqa: BLE001
            logger.exception("dossier subscription failed unexpectedly")
            replies.say(dispatcher, "busy")
            return []


class ActionUnsubscribeDossier(Action):
    def name(self) -> str:
        return "action_unsubscribe_dossier"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        say = messages()
        try:
            store = _store()
            channel = _channel(tracker)
            code = _code_in_message(tracker)
            ended = await asyncio.to_thread(store.unsubscribe, tracker.sender_id, channel, code)
            if ended:
                key = "unsubscribed" if len(ended) == 1 else "unsubscribed_all"
                dispatcher.utter_message(text=say.get(key, codes=", ".join(ended)))
            elif code:
                active = await asyncio.to_thread(store.active_codes, tracker.sender_id, channel)
                if active:
                    dispatcher.utter_message(text=say.get("not_subscribed_code", code=code,
                                                          codes=", ".join(active)))
                else:
                    dispatcher.utter_message(text=say.get("no_subscription"))
            else:
                dispatcher.utter_message(text=say.get("no_subscription"))
        except Exception:  # noqa: BLE001
            logger.exception("dossier unsubscription failed unexpectedly")
            replies.say(dispatcher, "busy")
        return [SlotSet("pending_offer", None)]


# --------------------------------------------------------------------------- notifications

class ActionNotifyDossierChange(Action):
    """Triggered by the poller (EXTERNAL_dossier_status_changed): tell the citizen, once."""

    def name(self) -> str:
        return "action_notify_dossier_change"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        entities: dict[str, str] = {}
        for entity in (tracker.latest_message or {}).get("entities") or []:
            if entity.get("entity") and entity.get("value") is not None:
                entities.setdefault(str(entity["entity"]), str(entity["value"]))
        text = render_notification(entities)
        if text is None:
            logger.warning("dossier notification without a code: nothing to say")
            return []
        notification_id = entities.get("notification_id")
        if notification_id and notification_id.isdigit():
            try:
                claimed = await asyncio.to_thread(_store().claim_render, int(notification_id))
            except Exception:  # noqa: BLE001 - better a possible repeat than a lost notice
                logger.exception("could not claim notification %s; sending anyway", notification_id)
                claimed = None
            if claimed is False:
                logger.info("notification %s already delivered: not repeated", notification_id)
                return []
        dispatcher.utter_message(text=text)
        return []
