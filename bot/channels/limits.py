"""Settings, the rate limit and the gate every citizen message passes (no Rasa import).

- `setting`, `ConfigError`: a channel setting (credentials.yml first, then bot.core.settings).
- `Limits`: the rate and size limits (DVCBOT_RATE_LIMIT_PER_MINUTE, DVCBOT_MAX_MESSAGE_CHARS).
- `RateLimiter` (bot.channels.inbox): a per-sender counter in the database, shared by replicas.
- `Gate`: rate limit, then non-text, then size.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from bot.core.settings import LimitsSettings, settings

DEFAULT_RATE_LIMIT_PER_MINUTE = LimitsSettings.rate_per_minute
DEFAULT_MAX_MESSAGE_CHARS = LimitsSettings.max_message_chars


class ConfigError(ValueError):
    """A channel's configuration (credentials.yml, texts.yml) is wrong; the message names the
    file or field. Environment variables raise bot.core.settings.SettingsError."""


def setting(credentials: dict[str, Any] | None, key: str, env_name: str,
            default: str | None = None) -> str | None:
    """A channel setting: credentials.yml field first, then the environment, then default.

    Empty strings and unfilled `${VAR}` placeholders count as absent.
    """
    value = (credentials or {}).get(key)
    if isinstance(value, str):
        value = value.strip()
        if not value or re.fullmatch(r"\$\{[A-Z0-9_]+\}", value):
            value = None
    if value is None:
        value = settings().value(env_name)
    if value is None:
        return default
    return str(value)


@dataclass(frozen=True)
class Limits:
    rate_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE  # 0 disables the rate limit
    max_message_chars: int = DEFAULT_MAX_MESSAGE_CHARS

    @classmethod
    def from_env(cls) -> "Limits":
        limits = settings().limits
        return cls(rate_per_minute=limits.rate_per_minute, max_message_chars=limits.max_message_chars)


class Verdict(enum.Enum):
    ALLOW = "allow"
    REFUSE_AND_TELL = "refuse_and_tell"  # first refusal of a burst: answer politely once
    REFUSE_SILENTLY = "refuse_silently"


class Action(enum.Enum):
    FORWARD = "forward"  # hand the text to the assistant
    REPLY = "reply"      # answer with `reply` ourselves, the assistant sees nothing
    DROP = "drop"        # say nothing


@dataclass(frozen=True)
class GateResult:
    action: Action
    text: str | None = None
    reply: str | None = None
    reason: str = ""


class Gate:
    """Checks applied to every incoming message, in this order: rate limit, non-text, size.
    `check` counts in the database: call it off the event loop."""

    def __init__(self, limits: Limits | None = None, limiter: Any = None,
                 wording: dict[str, Any] | None = None, database_url: str | None = None):
        from bot.channels.inbox import RateLimiter
        from bot.channels.wording import texts

        self.limits = limits or Limits.from_env()
        self.limiter = limiter or RateLimiter(self.limits.rate_per_minute,
                                              database_url=database_url)
        self.wording = wording or texts()

    def check(self, sender_key: str, text: str | None) -> GateResult:
        verdict = self.limiter.check(sender_key)
        if verdict is Verdict.REFUSE_AND_TELL:
            return GateResult(Action.REPLY, reply=self.wording["rate_limited"], reason="rate_limited")
        if verdict is Verdict.REFUSE_SILENTLY:
            return GateResult(Action.DROP, reason="rate_limited")
        if text is None or not text.strip():
            return GateResult(Action.REPLY, reply=self.wording["non_text"], reason="non_text")
        length = len(text)
        if length > self.limits.max_message_chars:
            reply = self.wording["too_long"].format(length=length,
                                                    limit=self.limits.max_message_chars)
            return GateResult(Action.REPLY, reply=reply, reason="too_long")
        return GateResult(Action.FORWARD, text=text.strip())

    @property
    def counts_in_database(self) -> bool:
        """Whether `check` writes to the database (a rate limit is set): then it belongs off
        the event loop; without one it is a few string checks."""
        return getattr(self.limiter, "per_minute", 1) > 0
