"""Intents from citizens: typed text is never Rasa's `/intent{entities}`; button payloads and
the channels' own commands are the only way in. Entry points of leaflet links."""

from __future__ import annotations

import logging
import re
from typing import Any

from bot.channels.logview import preview

logger = logging.getLogger(__name__)

# Rasa reads any message that begins with "/" (after stripping whitespace) as
# `/<intent>{<entities JSON>}` (RegexMessageHandler, in every pipeline). Text a citizen typed
# never does: `typed_text` drops the leading slashes, so the words go to the NLU like any
# other text (the channels' own commands, e.g. Telegram's /start and /huy, are handled by the
# channel before this). Intents reach Rasa only from buttons the server issued (opaque keys,
# bot.channels.buttons) and, for internal intents (EXTERNAL_*), from Rasa's token-protected
# HTTP API.

# The one intent a channel itself may send when a conversation opens (Telegram's /start, Zalo's
# follow, the web chat page, a REST caller): a greeting, with no entities.
GREETING = "/greet"


def typed_text(text: str) -> str:
    """What a citizen typed, as text Rasa reads as words, never as `/intent{entities}`."""
    text = (text or "").strip()
    while text.startswith("/"):
        text = text.lstrip("/").strip()
    return text


# Intents that must not come even from a button payload (a payload that a bug or an old
# deployment left in a key): external events and Rasa's conversation-control intents.
BLOCKED_INTENT_PREFIXES = ("EXTERNAL_",)
BLOCKED_INTENTS = frozenset({"restart", "back", "session_start", "nlu_fallback"})
_INTENT_NAME = re.compile(r"^(/+)([^{@\s]*)")


def safe_user_text(text: str) -> str:
    """A server-issued button payload for Rasa: a "/intent" is kept unless the intent is
    blocked (then it is read as words). Never for typed text: see `typed_text`."""
    match = _INTENT_NAME.match(text)
    if not match:
        return text
    slashes, name = match.groups()
    if len(slashes) > 1 or not name or name in BLOCKED_INTENTS or name.startswith(BLOCKED_INTENT_PREFIXES):
        return text.lstrip("/").strip()
    return text


def entry_point_metadata(payload: str | None, channel: str, sender: str) -> dict[str, Any]:
    """Metadata {"entry_point": {...}} for a conversation opened from a leaflet link.

    The payload format belongs to bot.entry_points (QR leaflets): parse_payload(payload) returns
    an EntryPoint (source, commune, team) or None, and record_entry(...) counts the visit.
    An unknown or missing payload still gives the channel, with the other fields None.
    """
    entry: dict[str, Any] = {"source": None, "commune": None, "team": None, "channel": channel}
    if not payload:
        return {"entry_point": entry}
    try:
        from bot import entry_points  # written by the web chat / QR engineer
    except ImportError:
        logger.warning("%s: bot.entry_points is missing; deep-link payload ignored", channel)
        return {"entry_point": entry}
    try:
        parsed = entry_points.parse_payload(payload)
    except Exception:  # a malformed link must never break the conversation
        logger.warning("%s: deep-link payload could not be read (%s)", channel, preview(payload))
        parsed = None
    if parsed is None:
        logger.info("%s: unknown deep-link payload (%s)", channel, preview(payload))
        return {"entry_point": entry}
    for field in ("source", "commune", "team"):
        entry[field] = getattr(parsed, field, None)
    try:
        entry_points.record_entry(parsed, channel=channel, sender=sender)
    except Exception:
        logger.warning("%s: could not record the entry point", channel, exc_info=True)
    return {"entry_point": entry}
