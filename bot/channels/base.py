"""The channels' shared helpers, one module per job; this module is their one import path for
code outside bot/channels (and for channel modules that need several of them).

- bot.channels.limits: `setting` (credentials.yml, then bot.core.settings), `ConfigError`,
  `Limits`, `Gate`.
- bot.channels.inbox: the durable inbox (dedupe across replicas and restarts) and the
  database `RateLimiter`.
- bot.channels.wording: `texts()`, the channel's wording from texts.yml.
- bot.messaging.split: `split_text`, `utf16_len` (one cut for every sender).
- bot.channels.ordering: `KeyedLocks` (one conversation's messages in order), `Background`.
- bot.channels.network: `trusted_proxies`, `client_address`.
- bot.channels.logview: `preview`, `sender_ref` (what logs may show).
- bot.channels.intents: `typed_text`, `safe_user_text`, `GREETING`, `entry_point_metadata`.
- bot.channels.output: `TextOutputMixin`.
- bot.channels.admission: `handle_in_turn`, `answer_in_time`, `Busy` (turn admission).
- bot.channels.pipeline: `CitizenMessage` and the one order every message goes through.
"""

from bot.channels.admission import (Busy, answer_in_time, concurrent_messages_limit,
                                    handle_in_turn, max_waiting_messages, turn_lease_seconds,
                                    turn_timeout_seconds)
from bot.channels.inbox import RateLimiter
from bot.channels.intents import (BLOCKED_INTENT_PREFIXES, BLOCKED_INTENTS, GREETING,
                                  entry_point_metadata, safe_user_text, typed_text)
from bot.channels.limits import (DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_RATE_LIMIT_PER_MINUTE, Action,
                                 ConfigError, Gate, GateResult, Limits, Verdict, setting)
from bot.channels.logview import preview, sender_ref
from bot.channels.network import client_address, trusted_proxies
from bot.channels.ordering import Background, KeyedLocks
from bot.channels.output import TextOutputMixin
from bot.channels.wording import CHANNEL_TEXTS, TEXTS_FILE, texts
from bot.messaging.split import split_text, utf16_len

__all__ = [
    "Action", "BLOCKED_INTENTS", "BLOCKED_INTENT_PREFIXES", "Background", "Busy", "ConfigError",
    "DEFAULT_MAX_MESSAGE_CHARS", "DEFAULT_RATE_LIMIT_PER_MINUTE", "GREETING", "Gate",
    "CHANNEL_TEXTS", "GateResult", "KeyedLocks", "Limits", "RateLimiter", "TEXTS_FILE",
    "TextOutputMixin", "Verdict", "answer_in_time", "client_address",
    "concurrent_messages_limit", "entry_point_metadata", "handle_in_turn",
    "max_waiting_messages", "preview", "safe_user_text", "sender_ref", "setting", "split_text",
    "texts", "trusted_proxies", "turn_lease_seconds", "turn_timeout_seconds", "typed_text",
    "utf16_len",
]
