"""The one Zalo Official Account client: consultation and template messages, the outbox.

Every Zalo sender (the Rasa server's channel, the action server, the hand-off watcher, the
dossier poller) goes through `ZaloClient`, whose access token comes from the token store
(bot.channels.zalo_tokens, table zalo_oa_tokens) at every send: never a copy taken at start-up.
A refused token (-216, -220, -124) is refreshed once and the message sent once more.

Wire formats (header `access_token` on every call; answers {"error": 0, "message": "Success",
"data": {...}} or {"error": <negative code>, "message": ...}):

- consultation ("tư vấn", `cs`): POST https://openapi.zalo.me/v3.0/oa/message/cs,
  {"recipient": {"user_id" | "message_id": ...}, "message": {"text", "attachment"}}. Allowed
  within 7 days of the citizen's last interaction, free within 48 hours; text ≤ 2,000 chars.
- ZBS template message by user id: POST https://business.openapi.zalo.me/message/template,
  {"user_id", "template_id", "template_data": {<param>: <value>}, "tracking_id"}; answer
  data {"msg_id", "sent_time", "quota": {...}}. A template Zalo approved beforehand; allowed
  outside the 7-day window.
- quota / last interaction: POST https://openapi.zalo.me/v3.0/oa/quota/message,
  {"user_id"}; the answer's `last_interaction` (unix milliseconds) tells which of the two
  applies. When Zalo does not give it, the time is unknown (see `notice_route`).

Sources (read 2026-12-01): the official SDK zaloplatform/zalo-java-sdk (cs, OAuth); the
third-party integration notes hoangnd25/monorepo `wip/zalo-platform-integration.md` ("Last
Updated: 2026-01-10": ZBS template endpoint and body, the 48 h / 7 days tiers, the error
table); the quota endpoint path from @warriorteam/redai-zalo-sdk 1.32.17 (`oa.service.js`).
developers.zalo.me itself was not reachable from here. The test double copying these formats is
tests/channels/messaging_fakes.py `FakeZaloApi`.

Error codes (from that error table):
  -216 -220 -124      access token invalid or expired -> refresh once, send again
  -230 -232           outside the interaction window ("use ZBS template")
  -213 -217 -227 -244 the citizen cannot be reached (not following, blocked, inactive 45 days,
                      restricted this kind of message)
  -32 -211 -218       call rate, OA quota, or the citizen's receiving limit -> retried later
  -234                night hours -> retried later
  anything else       refused for good (e.g. -201 invalid parameter, -233 message type)
Logs name the code, never the citizen's id or a personal number.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator, Optional
from urllib.parse import unquote

import httpx
from rasa.core.channels.channel import OutputChannel

from bot.channels.base import TextOutputMixin, sender_ref
from bot.channels.buttons import ButtonPayloads
from bot.channels.zalo_tokens import TokenManager, TokenStore, ZaloAuthError
from bot.messaging.config import (DEFAULT_BUSINESS_API_BASE_URL, DEFAULT_ZALO_API_BASE_URL,
                                  Template, ZaloConfig)
from bot.messaging.outbox import Outbox
from bot.messaging.split import ZALO_LIMIT, split_text

logger = logging.getLogger(__name__)

CS_PATH = "/v3.0/oa/message/cs"
TEMPLATE_PATH = "/message/template"
QUOTA_PATH = "/v3.0/oa/quota/message"
SENDER_PREFIX = "zalo:"
TEXT_LIMIT = ZALO_LIMIT
MAX_BUTTONS = 5
BUTTON_TITLE_LIMIT = 100
BUTTON_PAYLOAD_LIMIT = 1000
REPLIES_PER_MESSAGE = 8         # Zalo counts at most 8 answers to one message as replies
QUICK_RETRIES = (0.5, 1.5)      # seconds, for quota/network errors before using the outbox

FREE_WINDOW = 48 * 3600.0       # consultation messages are free this long after the last message
CS_WINDOW = 7 * 24 * 3600.0     # and allowed this long

AUTH_CODES = frozenset({-216, -220, -124})
WINDOW_CODES = frozenset({-230, -232})
UNREACHABLE_CODES = frozenset({-213, -217, -227, -244})
TRANSIENT_CODES = frozenset({-32, -211, -218, -234})

WHY = {
    -216: "access token invalid",
    -220: "access token expired",
    -124: "access token invalid",
    -230: "citizen has not interacted with the OA for 7 days",
    -232: "citizen's interaction window expired",
    -213: "citizen does not follow the OA",
    -217: "citizen blocked the OA's invitations",
    -227: "citizen's account locked or inactive over 45 days",
    -244: "citizen restricted this kind of message",
    -32: "call rate limit reached",
    -211: "OA quota used up",
    -218: "citizen's receiving limit reached",
    -234: "night hours, OA cannot send now",
    -201: "a parameter is invalid",
    -233: "message type invalid or not supported",
}


class ZaloApiError(Exception):
    """Zalo refused a call. kind: auth, window, unreachable, transient, network or permanent."""

    def __init__(self, code: int, message: str, kind: str):
        super().__init__(f"Zalo error {code}: {message}")
        self.code = code
        self.message = message
        self.kind = kind

    @property
    def why(self) -> str:
        return WHY.get(self.code, self.message[:80])


def classify(code: int) -> str:
    if code in AUTH_CODES:
        return "auth"
    if code in WINDOW_CODES:
        return "window"
    if code in UNREACHABLE_CODES:
        return "unreachable"
    if code in TRANSIENT_CODES:
        return "transient"
    return "permanent"


# --------------------------------------------------------------------------- client


class ZaloClient:
    """POSTs to Zalo with the token store's current access token; a refused token is refreshed
    and the call repeated once."""

    def __init__(self, tokens: TokenManager, http: httpx.AsyncClient,
                 api_base_url: Optional[str] = None,
                 business_api_base_url: Optional[str] = None):
        self.tokens = tokens
        self.http = http
        self.base = (api_base_url or DEFAULT_ZALO_API_BASE_URL).rstrip("/")
        self.business_base = (business_api_base_url or DEFAULT_BUSINESS_API_BASE_URL).rstrip("/")

    async def _post(self, url: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            reply = await self.http.post(url, json=body, headers={"access_token": token})
            data = reply.json()
        except httpx.HTTPError as exc:
            raise ZaloApiError(0, type(exc).__name__, "network") from None
        except ValueError:
            raise ZaloApiError(0, f"HTTP {reply.status_code}, not JSON", "transient") from None
        if not isinstance(data, dict):
            raise ZaloApiError(0, "unexpected answer", "permanent")
        try:
            code = int(data.get("error") or 0)
        except (TypeError, ValueError):
            code = -1
        if code != 0:
            raise ZaloApiError(code, str(data.get("message") or ""), classify(code))
        return data.get("data") or {}

    async def call(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            token = await self.tokens.access_token()
        except ZaloAuthError as exc:
            raise ZaloApiError(-216, str(exc), "auth") from None
        try:
            return await self._post(url, token, body)
        except ZaloApiError as exc:
            if exc.kind != "auth":
                raise
            logger.info("zalo: access token refused (%s), refreshing", exc.code)
            try:
                token = await self.tokens.refresh(stale=token)
            except ZaloAuthError as auth:
                raise ZaloApiError(exc.code, str(auth), "auth") from None
            return await self._post(url, token, body)

    async def send(self, recipient: dict[str, str], message: dict[str, Any]) -> dict[str, Any]:
        """A consultation message."""
        return await self.call(self.base + CS_PATH, {"recipient": recipient, "message": message})

    async def send_template(self, user_id: str, template: Template, values: dict[str, str],
                            tracking_id: str) -> dict[str, Any]:
        """A ZBS template message by user id."""
        return await self.call(self.business_base + TEMPLATE_PATH, {
            "user_id": user_id, "template_id": template.template_id,
            "template_data": template.data(values), "tracking_id": tracking_id})

    async def last_interaction(self, user_id: str) -> Optional[float]:
        """Unix time of the citizen's last interaction with the OA, None when unknown."""
        try:
            data = await self.call(self.base + QUOTA_PATH, {"user_id": user_id})
        except ZaloApiError as exc:
            logger.warning("zalo: last interaction not known (error %s, %s)", exc.code, exc.why)
            return None
        items = data if isinstance(data, list) else [data]
        for item in items:
            raw = item.get("last_interaction") if isinstance(item, dict) else None
            try:
                value = float(raw)
            except (TypeError, ValueError):
                continue
            return value / 1000.0 if value > 1e11 else value
        return None


def user_id_of(recipient_id: str) -> str:
    """Zalo user id from a conversation id ("zalo:123"; a percent-encoded "zalo%3A123" from
    Rasa's HTTP API is decoded)."""
    raw = unquote(str(recipient_id))
    return raw[len(SENDER_PREFIX):] if raw.startswith(SENDER_PREFIX) else raw


# --------------------------------------------------------------------------- messages


def text_message(text: str) -> dict[str, Any]:
    return {"text": text}


def buttons_message(text: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """Text with Zalo template buttons. A key standing for an intent (or a "/intent" payload) is
    sent hidden (oa.query.hide) so the citizen's chat does not show it; other payloads show as
    the citizen's message."""
    items = []
    for button in buttons[:MAX_BUTTONS]:
        title = str(button.get("title") or button.get("payload") or "…")[:BUTTON_TITLE_LIMIT]
        if button.get("url"):
            items.append({"title": title, "type": "oa.open.url",
                          "payload": {"url": str(button["url"])}})
            continue
        payload = str(button.get("payload") or title)[:BUTTON_PAYLOAD_LIMIT]
        kind = "oa.query.hide" if payload.startswith(("/", "k:")) else "oa.query.show"
        items.append({"title": title, "type": kind, "payload": payload})
    return {"text": text, "attachment": {"type": "template", "payload": {"buttons": items}}}


def image_message(url: str) -> dict[str, Any]:
    return {"attachment": {"type": "template", "payload": {
        "template_type": "media", "elements": [{"media_type": "image", "url": url}]}}}


def retry_policy(error: ZaloApiError, attempts: int, now: float) -> tuple[str, Optional[float]]:
    """(status, next attempt time) for an undelivered answer after `attempts` tries."""
    if error.kind in ("window", "unreachable"):
        return "pending", None                      # wait for the citizen to write again
    if error.kind in ("transient", "network", "auth"):
        if attempts >= 12:
            return "failed", None
        return "pending", now + min(3600.0, 60.0 * (2 ** (attempts - 1)))
    return "failed", None


# --------------------------------------------------------------------------- output


class ZaloOutput(TextOutputMixin, OutputChannel):
    """Sends to one citizen. An answer Zalo does not take goes to the outbox; a proactive
    message (a dossier notice through Rasa's trigger_intent) that Zalo refuses because the
    window closed is dropped with a log line: it would be stale by the time the citizen
    writes again."""

    @classmethod
    def name(cls) -> str:
        return "zalo"

    def __init__(self, client: ZaloClient, outbox: Outbox, reply_to: Optional[str] = None,
                 buttons: Optional[ButtonPayloads] = None, proactive: bool = False):
        self.client = client
        self.outbox = outbox
        self.buttons = buttons or ButtonPayloads(outbox.database_url)
        self.reply_to = reply_to
        self.proactive = proactive
        self.replies = 0
        self.delivered = 0
        self.kept = 0

    def _recipient(self, user_id: str) -> dict[str, str]:
        if self.reply_to and self.replies < REPLIES_PER_MESSAGE:
            self.replies += 1
            return {"message_id": self.reply_to}
        return {"user_id": user_id}

    async def deliver(self, recipient_id: str, message: dict[str, Any]) -> bool:
        """Send one message; on failure keep it in the outbox. True if Zalo took it."""
        user_id = user_id_of(recipient_id)
        error = await self.attempt(user_id, message)
        if error is None:
            self.delivered += 1
            return True
        if self.proactive and error.kind in ("window", "unreachable"):
            logger.warning("zalo: proactive message to %s not delivered (error %s, %s); dropped",
                           sender_ref(user_id), error.code, error.why)
            return False
        status, retry_at = retry_policy(error, 1, time.time())
        await asyncio.to_thread(self.outbox.add, user_id, message, error.code,
                                f"{error.kind}: {error.why}", retry_at, status)
        self.kept += 1
        logger.warning("zalo: answer to %s not delivered (error %s, %s); kept in the outbox (%s)",
                       sender_ref(user_id), error.code, error.why, status)
        return False

    async def attempt(self, user_id: str, message: dict[str, Any]) -> Optional[ZaloApiError]:
        """Send with short retries for quota/network errors; the last error, or None if sent."""
        recipient = self._recipient(user_id)
        waits = list(QUICK_RETRIES)
        while True:
            try:
                await self.client.send(recipient, message)
                return None
            except ZaloApiError as exc:
                if "message_id" in recipient and exc.kind == "permanent":
                    # The citizen's message is too old to answer: write to the user instead.
                    recipient = {"user_id": user_id}
                    self.reply_to = None
                    continue
                if exc.kind in ("transient", "network") and waits:
                    await asyncio.sleep(waits.pop(0))
                    continue
                return exc

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.deliver_text(recipient_id, text)

    async def deliver_text(self, recipient_id: str, text: str) -> bool:
        """Like send_text_message, but says whether Zalo took every piece now."""
        delivered = True
        for piece in split_text(text, TEXT_LIMIT):
            delivered = await self.deliver(recipient_id, text_message(piece)) and delivered
        return delivered

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: list[dict[str, Any]], **kwargs: Any) -> None:
        pieces = split_text(text, TEXT_LIMIT) or ["👇"]
        for piece in pieces[:-1]:
            await self.deliver(recipient_id, text_message(piece))
        # intent payloads travel as opaque keys (sent hidden): a tap sends the key back
        buttons = [dict(b, payload=await self.buttons.encode(str(b["payload"])))
                   if isinstance(b, dict) and b.get("payload") is not None and not b.get("url")
                   else b for b in buttons]
        groups = [buttons[i:i + MAX_BUTTONS] for i in range(0, len(buttons), MAX_BUTTONS)] or [[]]
        await self.deliver(recipient_id, buttons_message(pieces[-1], groups[0]))
        for group in groups[1:]:
            await self.deliver(recipient_id, buttons_message("👇", group))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.deliver(recipient_id, image_message(image))


async def send_outbox_items(output: ZaloOutput, items: list, *, stop_at_first_error: bool
                            ) -> int:
    """Send claimed outbox rows through `output`; each ends delivered or failed again (its
    claim cleared). Rows after a failure are given back when `stop_at_first_error`."""
    outbox = output.outbox
    sent = 0
    for index, item in enumerate(items):
        error = await output.attempt(item.recipient_id, item.message)
        if error is None:
            await asyncio.to_thread(outbox.delivered, item.id)
            sent += 1
            continue
        status, retry_at = retry_policy(error, item.attempts + 1, time.time())
        await asyncio.to_thread(outbox.failed_again, item.id, error.code,
                                f"{error.kind}: {error.why}", retry_at, status)
        if stop_at_first_error:
            for rest in items[index + 1:]:
                await asyncio.to_thread(outbox.release, rest.id)
            break
    return sent


# --------------------------------------------------------------------------- outside Rasa


class ZaloSender:
    """Zalo for the processes without a Zalo channel (hand-off watcher, action server, poller):
    the same client, token store and outbox as the channel, one HTTP client per use (these
    processes send from several event loops)."""

    def __init__(self, settings: Optional[ZaloConfig] = None, database_url: Optional[str] = None,
                 transport: Optional[httpx.AsyncBaseTransport] = None, timeout: float = 15.0):
        self.settings = settings or ZaloConfig.from_env()
        self.database_url = database_url
        self.transport = transport
        self.timeout = timeout
        self.outbox = Outbox(database_url)

    @asynccontextmanager
    async def client(self) -> AsyncIterator[ZaloClient]:
        app_id = self.settings.app_id or ""
        store = TokenStore(app_id, self.database_url)
        await asyncio.to_thread(store.seed, self.settings.seed_access_token,
                                self.settings.seed_refresh_token)
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as http:
            tokens = TokenManager(app_id, self.settings.app_secret, store, http,
                                  self.settings.oauth_base_url)
            yield ZaloClient(tokens, http, self.settings.api_base_url,
                             self.settings.business_api_base_url)

    async def send_text(self, recipient_id: str, text: str) -> bool:
        """A text to a citizen (the hand-off's CitizenSender): undelivered pieces wait in the
        outbox like the channel's answers."""
        if not self.settings.app_id:
            logger.warning("zalo: ZALO_APP_ID is not set, message to a citizen not sent")
            return False
        async with self.client() as client:
            return await ZaloOutput(client, self.outbox).deliver_text(recipient_id, text)


# --------------------------------------------------------------------------- dossier notices


@dataclass(frozen=True)
class NoticeRoute:
    """How a dossier notice reaches a Zalo citizen: "cs" (a consultation message, through
    Rasa's rendering), "template" (a ZBS template message, sent here) or "drop" (too late)."""

    way: str
    reason: str


def notice_route(last_interaction: Optional[float], now: float, has_template: bool) -> NoticeRoute:
    """The window rule. Within 48 hours of the citizen's last message: consultation (free).
    Later: the template when one is configured. Without a template: consultation up to 7 days
    (charged or from the OA's quota), nothing after that (Zalo refuses with -230: the notice is
    dropped rather than kept for a citizen who may never write again). An unknown time: the
    template when configured, else one consultation attempt."""
    if last_interaction is not None and now - last_interaction <= FREE_WINDOW:
        return NoticeRoute("cs", "within 48 hours")
    if has_template:
        return NoticeRoute("template", "outside 48 hours" if last_interaction is not None
                           else "last interaction unknown")
    if last_interaction is None:
        return NoticeRoute("cs", "last interaction unknown, no template configured")
    if now - last_interaction <= CS_WINDOW:
        return NoticeRoute("cs", "within 7 days, no template configured")
    return NoticeRoute("drop", "more than 7 days since the citizen's last message and no "
                       "ZBS template configured")


@dataclass(frozen=True)
class NoticeResult:
    way: str                # cs: send through Rasa; template: sent (or not) here; drop
    sent: bool = False
    error: str = ""
    retry: bool = False     # a template send that may work later (network, quota)


class ZaloNotices:
    """The poller's Zalo side: choose the route of each notice and send the template ones."""

    def __init__(self, sender: ZaloSender, clock=time.time):
        self.sender = sender
        self.clock = clock

    async def deliver(self, recipient_id: str, kind: str, values: dict[str, str],
                      tracking_id: str) -> NoticeResult:
        """Route one notice ("zalo:<user id>", its kind, the template fields code/status/date)
        and send it when it goes as a template."""
        user_id = user_id_of(recipient_id)
        template = self.sender.settings.template_for(kind)
        async with self.sender.client() as client:
            last = await client.last_interaction(user_id)
            route = notice_route(last, self.clock(), template is not None)
            if route.way == "drop":
                logger.warning("zalo: notice to %s dropped: %s", sender_ref(user_id), route.reason)
                return NoticeResult("drop", error=route.reason)
            if route.way == "cs":
                return NoticeResult("cs")
            assert template is not None
            try:
                await client.send_template(user_id, template, values, tracking_id)
            except ZaloApiError as exc:
                logger.warning("zalo: template notice to %s not sent (error %s, %s)",
                               sender_ref(user_id), exc.code, exc.why)
                return NoticeResult("template", error=f"Zalo error {exc.code}: {exc.why}",
                                    retry=exc.kind in ("transient", "network", "auth"))
        logger.info("zalo: notice to %s sent as a template message (%s)", sender_ref(user_id),
                    route.reason)
        return NoticeResult("template", sent=True)
