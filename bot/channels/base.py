"""Helpers shared by the Telegram and Zalo channels (no Rasa import here).

- `split_text`: cut a long answer into messages a platform accepts, on paragraph, line,
  sentence and word boundaries, in that order of preference.
- `RateLimiter`: a token bucket per sender; the first refused message of a burst gets a polite
  answer, the others are dropped silently.
- `Gate`: what every incoming message goes through before it reaches the assistant
  (rate limit, non-text, oversized).
- `SeenCache`: a bounded, expiring set used to ignore webhook deliveries seen already.
- `KeyedLocks`: one FIFO lock per conversation so that one citizen's messages are handled in
  the order they arrived even though webhooks are acknowledged at once.
- `preview`, `sender_ref`: what logs may show of a message and of a sender (no digits, so no
  phone, ID or dossier numbers; a hash instead of the platform's user id).
- `texts()`: the channel's own wording, from texts.yml (editable by a non-programmer).
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

from bot.core.texts import Buttons, TextFile, TextsError

from bot.core.masking import preview
from bot.core.settings import LimitsSettings, env_int, settings  # noqa: F401 - env_int: for a setting not declared yet

logger = logging.getLogger(__name__)

TEXTS_FILE = Path(__file__).with_name("texts.yml")

DEFAULT_RATE_LIMIT_PER_MINUTE = LimitsSettings.rate_per_minute
DEFAULT_MAX_MESSAGE_CHARS = LimitsSettings.max_message_chars


# --------------------------------------------------------------------------- configuration


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


# --------------------------------------------------------------------------- channel texts


CHANNEL_TEXTS = TextFile(TEXTS_FILE, {
    "rate_limited": set(), "too_long": {"limit", "length?"}, "non_text": set(),
    "button_expired": set(), "undelivered_intro": set(), "help": set(), "menu_hint": set(),
    "menu": Buttons("label", "payload"), "busy": set(), "no_answer": set(),
    "session_refused": set(), "server_error": set(), "zalo_page_missing": set(),
    "command_help": set(), "command_huy": set(),
})


def texts(path: Path | None = None) -> dict[str, Any]:
    """The channel texts (checked by bot.core.texts; the file is read once per process)."""
    try:
        loaded = CHANNEL_TEXTS.load(path)
    except TextsError as error:
        raise ConfigError(str(error)) from None
    return {name: loaded.value(name) for name in loaded.names()}


# --------------------------------------------------------------------------- message splitting

_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, length: Callable[[str], int] = len) -> list[str]:
    """Cut `text` into pieces of at most `limit` (as measured by `length`).

    Prefers paragraph breaks, then line breaks, then sentence ends, then spaces; a single word
    longer than the limit is cut hard. Pieces are stripped; empty pieces are dropped.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = (text or "").strip()
    if not text:
        return []
    if length(text) <= limit:
        return [text]
    return [piece for piece in _split(text, limit, length, 0) if piece]


_LEVELS: tuple[tuple[Callable[[str], list[str]], str], ...] = (
    (lambda t: re.split(r"\n\s*\n", t), "\n\n"),
    (lambda t: t.split("\n"), "\n"),
    (lambda t: _SENTENCE_END.split(t), " "),
    (lambda t: t.split(" "), " "),
)


def _split(text: str, limit: int, length: Callable[[str], int], level: int) -> list[str]:
    if length(text) <= limit:
        return [text.strip()]
    if level >= len(_LEVELS):
        return _hard_cut(text, limit, length)
    cut, joiner = _LEVELS[level]
    units = [u.strip() for u in cut(text)]
    units = [u for u in units if u]
    if len(units) <= 1:
        return _split(text, limit, length, level + 1)
    chunks: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        if length(unit) <= limit:
            current = unit
        else:
            parts = _split(unit, limit, length, level + 1)
            chunks.extend(parts[:-1])
            current = parts[-1] if parts else ""
    if current:
        chunks.append(current)
    return [c.strip() for c in chunks]


def _hard_cut(text: str, limit: int, length: Callable[[str], int]) -> list[str]:
    pieces, current = [], ""
    for char in text:
        if current and length(current + char) > limit:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


# --------------------------------------------------------------------------- rate limit


class Verdict(enum.Enum):
    ALLOW = "allow"
    REFUSE_AND_TELL = "refuse_and_tell"  # first refusal of a burst: answer politely once
    REFUSE_SILENTLY = "refuse_silently"


class RateLimiter:
    """Token bucket per sender: `per_minute` tokens, refilled continuously.

    Memory is bounded: at most `max_senders` buckets are kept, the least recently used go first
    (a forgotten sender simply starts again with a full bucket).
    """

    def __init__(self, per_minute: int, capacity: int | None = None,
                 clock: Callable[[], float] = time.monotonic, max_senders: int = 50_000):
        self.per_minute = per_minute
        self.capacity = float(capacity or per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_senders = max_senders
        self._buckets: "OrderedDict[str, list[float | bool]]" = OrderedDict()

    def check(self, sender: str) -> Verdict:
        if self.per_minute <= 0:
            return Verdict.ALLOW
        now = self.clock()
        bucket = self._buckets.get(sender)
        if bucket is None:
            bucket = [self.capacity, now, False]  # tokens, last refill, told this burst
            self._buckets[sender] = bucket
            while len(self._buckets) > self.max_senders:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(sender)
        tokens, last, told = bucket
        tokens = min(self.capacity, float(tokens) + (now - float(last)) * self.rate)
        if tokens >= 1.0:
            bucket[:] = [tokens - 1.0, now, False]
            return Verdict.ALLOW
        bucket[:] = [tokens, now, True]
        return Verdict.REFUSE_SILENTLY if told else Verdict.REFUSE_AND_TELL


# --------------------------------------------------------------------------- the gate


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
    """Checks applied to every incoming message, in this order: rate limit, non-text, size."""

    def __init__(self, limits: Limits | None = None, limiter: RateLimiter | None = None,
                 wording: dict[str, Any] | None = None):
        self.limits = limits or Limits.from_env()
        self.limiter = limiter or RateLimiter(self.limits.rate_per_minute)
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


# --------------------------------------------------------------------------- duplicates, order


class SeenCache:
    """Remembers keys for `ttl` seconds, at most `max_items` of them (oldest dropped first).

    In memory only: after a restart a redelivered event would be handled again. Zalo redelivers
    only within minutes, so this is an accepted risk.
    """

    def __init__(self, ttl: float = 600.0, max_items: int = 20_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_items = max_items
        self.clock = clock
        self._items: "OrderedDict[str, float]" = OrderedDict()

    def _expire(self, now: float) -> None:
        while self._items:
            key, seen_at = next(iter(self._items.items()))
            if now - seen_at < self.ttl and len(self._items) <= self.max_items:
                break
            self._items.popitem(last=False)

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen (and records it), False for a repeat."""
        now = self.clock()
        self._expire(now)
        if key in self._items:
            return False
        self._items[key] = now
        self._expire(now)
        return True

    def __len__(self) -> int:
        return len(self._items)


class KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, list[Any]] = {}  # key -> [lock, users]

    def hold(self, key: str) -> "_Held":
        return _Held(self, key)

    def waiting(self, key: str) -> int:
        """How many hold (or wait for) this key's lock now."""
        entry = self._locks.get(key)
        return entry[1] if entry else 0


class _Held:
    def __init__(self, owner: KeyedLocks, key: str):
        self.owner, self.key = owner, key

    async def __aenter__(self) -> None:
        entry = self.owner._locks.setdefault(self.key, [asyncio.Lock(), 0])
        entry[1] += 1
        await entry[0].acquire()

    async def __aexit__(self, *exc: Any) -> None:
        entry = self.owner._locks[self.key]
        entry[0].release()
        entry[1] -= 1
        if entry[1] == 0:
            del self.owner._locks[self.key]


class Background:
    """Tasks started after a webhook was acknowledged; kept referenced until done."""

    def __init__(self, name: str):
        self.name = name
        self._tasks: set[asyncio.Task] = set()

    def start(self, coroutine: Awaitable[Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            logger.error("%s: background task failed: %s", self.name, type(exc).__name__,
                         exc_info=exc)

    async def wait(self, timeout: float = 30.0) -> None:
        """Wait until every task started so far has finished (used by tests and shutdown)."""
        deadline = time.monotonic() + timeout
        while self._tasks and time.monotonic() < deadline:
            await asyncio.wait(list(self._tasks), timeout=max(0.01, deadline - time.monotonic()))

    def __len__(self) -> int:
        return len(self._tasks)


# --------------------------------------------------------------------------- client address


def trusted_proxies() -> tuple:
    """DVCBOT_TRUSTED_PROXIES: the reverse proxies (addresses or networks, comma-separated)
    whose X-Forwarded-For is believed. Empty (the default): the peer address is the client."""
    return settings().limits.trusted_proxies


def client_address(peer: str | None, forwarded_for: str | None, trusted: tuple) -> str:
    """The client's address: the peer, unless the peer is a trusted proxy; then the right-most
    address of X-Forwarded-For that is not a trusted proxy (what a client writes to the left of
    it is not believed)."""
    import ipaddress

    def is_trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in trusted)

    peer = (peer or "").strip() or "?"
    if not trusted or not is_trusted(peer) or not forwarded_for:
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop):
            return hop
    return hops[0] if hops else peer


# --------------------------------------------------------------------------- log-safe views

def sender_ref(sender_id: Any) -> str:
    """A stable pseudonym of a platform user id for logs (8 hex characters)."""
    return hashlib.sha256(str(sender_id).encode("utf-8")).hexdigest()[:8]


# --------------------------------------------------------------------------- intents from users

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


# --------------------------------------------------------------------------- entry points


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


# --------------------------------------------------------------------------- output


class TextOutputMixin:
    """What Telegram and Zalo output channels do alike with Rasa's richer message kinds:
    quick replies become buttons, attachments and custom JSON become text (if any)."""

    async def send_quick_replies(self, recipient_id: str, text: str,
                                 quick_replies: list[dict[str, Any]], **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any],
                               **kwargs: Any) -> None:
        # Only a custom message with a text means something to a citizen on a chat app.
        if isinstance(json_message, dict) and json_message.get("text"):
            if json_message.get("buttons"):
                await self.send_text_with_buttons(recipient_id, json_message["text"],
                                                  json_message["buttons"])
            else:
                await self.send_text_message(recipient_id, json_message["text"])
        else:
            logger.debug("%s: custom message without text not sent", self.name())


# ----------------------------------------------------------------------------- admission

_semaphores: dict[int, tuple[Any, asyncio.Semaphore, list[int]]] = {}


class Busy(RuntimeError):
    """Too many citizens' messages are already waiting for the assistant: answer "busy" now
    rather than queue without end (M8)."""


def max_waiting_messages() -> int:
    """DVCBOT_MAX_WAITING_MESSAGES: messages that may wait for a place (default 200); one more
    is answered "busy" at once."""
    return settings().limits.max_waiting_messages


def concurrent_messages_limit() -> int:
    """DVCBOT_CONCURRENT_MESSAGES: how many citizen messages Rasa works on at once in this
    process (default 2; 0: no limit, Rasa's own behaviour)."""
    return settings().limits.concurrent_messages


def turn_lease_seconds() -> float:
    """DVCBOT_TURN_LEASE_SECONDS: after this long a message gives its place to the next one
    and carries on beside it (default 0.5 s), so that a slow look-up never holds up others."""
    return settings().limits.turn_lease_seconds


def turn_timeout_seconds() -> float:
    """DVCBOT_TURN_TIMEOUT_SECONDS: the longest the assistant may work on one Telegram or Zalo
    message (default 60 s); then the citizen is told to write again (M8)."""
    return float(settings().limits.turn_timeout_seconds)


async def answer_in_time(on_new_message: Callable[[Any], Awaitable[Any]], message: Any) -> bool:
    """handle_in_turn within turn_timeout_seconds(); False when the time ran out or too many
    messages were already waiting (the citizen is then told to write again)."""
    try:
        await asyncio.wait_for(handle_in_turn(on_new_message, message), turn_timeout_seconds())
    except (asyncio.TimeoutError, Busy):
        return False
    return True


async def handle_in_turn(on_new_message: Callable[[Any], Awaitable[Any]], message: Any) -> Any:
    """Hand a citizen's message to Rasa when one of a few places is free, first come first served.

    Left alone, Rasa works on every waiting message at once, switching between them at each
    await (tracker store, action server): under load, a message that needs two or three custom
    actions waits behind all the others two or three times over, and the slowest answers take
    twice the median. Two places keep the processor busy while one message waits on the action
    server, and answer in arrival order (measured at 20 conversations: p95 1.10 s -> 0.75 s at
    the same throughput, README "Performance and scale"). A message still working after the
    lease (a slow portal) gives its place to the next one and carries on beside it.
    """
    limit = concurrent_messages_limit()
    if limit <= 0:
        return await on_new_message(message)
    loop = asyncio.get_running_loop()
    held = _semaphores.get(id(loop))
    if held is None or held[0] is not loop:
        held = _semaphores[id(loop)] = (loop, asyncio.Semaphore(limit), [0])
    places, waiting = held[1], held[2]
    if places.locked() and waiting[0] >= max_waiting_messages():
        raise Busy(f"{waiting[0]} messages already waiting")
    waiting[0] += 1
    try:
        await places.acquire()
    finally:
        waiting[0] -= 1
    released = False

    def give_place_back() -> None:
        nonlocal released
        if not released:
            released = True
            places.release()

    lease = loop.call_later(turn_lease_seconds(), give_place_back)
    try:
        return await on_new_message(message)
    finally:
        lease.cancel()
        give_place_back()
