"""Zalo Official Account OpenAPI v3: sending messages, error codes, the undelivered-message outbox.

Send: POST https://openapi.zalo.me/v3.0/oa/message/cs, header `access_token`, JSON body
{"recipient": {...}, "message": {...}}; the answer is {"error": 0, "message": "Success",
"data": {"message_id": ..., "user_id": ...}} or {"error": <negative code>, "message": ...}.

Recipient: {"message_id": <the citizen's msg_id>} answers a message (up to 8 answers within
48 hours count as replies, free); {"user_id": ...} is a "proactive" message (counted against the
OA's quota). Text is at most 2,000 characters; buttons (at most 5) go in
message.attachment = {"type": "template", "payload": {"buttons": [...]}}.

Error codes handled (from Zalo's published tables and production integrations):
  -216, -124          access token invalid or expired -> refresh the token, send once more
  -213 -217 -227 -230 -232 -234 -244
                      the citizen cannot be reached now (not following, blocked, 7 days without
                      interaction, night hours...) -> kept in the outbox until they write again
  -32                 call limit / quota reached -> retried later from the outbox
  -235                this kind of OA (e.g. a state agency OA) is refused on v3 -> /v2.0/oa/message
  anything else       refused for good -> kept in the outbox as failed (hand-off report)
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import insert, select, update

from bot.channels import store
from bot.channels.zalo_tokens import TokenManager, ZaloAuthError

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://openapi.zalo.me"
CS_PATH = "/v3.0/oa/message/cs"
V2_PATH = "/v2.0/oa/message"
TEXT_LIMIT = 2000
MAX_BUTTONS = 5
BUTTON_TITLE_LIMIT = 100
BUTTON_PAYLOAD_LIMIT = 1000

AUTH_CODES = frozenset({-216, -124})
WINDOW_CODES = frozenset({-213, -217, -227, -230, -232, -234, -244})
TRANSIENT_CODES = frozenset({-32})
OA_TYPE_REFUSED = -235

WHY = {
    -213: "citizen does not follow the OA",
    -217: "citizen blocked the OA's invitations",
    -227: "citizen's account locked or inactive over 45 days",
    -230: "citizen has not interacted with the OA for 7 days",
    -232: "interaction window expired",
    -234: "night hours (22h-6h), OA cannot send",
    -244: "citizen restricted this kind of message",
    -32: "call limit or quota reached",
    -216: "access token invalid or expired",
    -124: "access token invalid",
}


class ZaloApiError(Exception):
    """Zalo refused a call. kind: auth, window, transient, network or permanent."""

    def __init__(self, code: int, message: str, kind: str):
        super().__init__(f"Zalo error {code}: {message}")
        self.code = code
        self.message = message
        self.kind = kind


def classify(code: int) -> str:
    if code in AUTH_CODES:
        return "auth"
    if code in WINDOW_CODES:
        return "window"
    if code in TRANSIENT_CODES:
        return "transient"
    return "permanent"


class ZaloClient:
    """POSTs messages with a valid access token; an expired token is refreshed and the send
    repeated once."""

    def __init__(self, tokens: TokenManager, http: httpx.AsyncClient,
                 api_base_url: str | None = None):
        self.tokens = tokens
        self.http = http
        self.base = (api_base_url or DEFAULT_API_BASE_URL).rstrip("/")
        self.path = CS_PATH

    async def _post(self, token: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            reply = await self.http.post(self.base + self.path, json=body,
                                         headers={"access_token": token})
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

    async def send(self, recipient: dict[str, str], message: dict[str, Any]) -> dict[str, Any]:
        body = {"recipient": recipient, "message": message}
        try:
            token = await self.tokens.access_token()
        except ZaloAuthError as exc:
            raise ZaloApiError(-216, str(exc), "auth") from None
        try:
            return await self._post(token, body)
        except ZaloApiError as exc:
            if exc.kind == "auth":
                logger.info("zalo: access token refused (%s), refreshing", exc.code)
                try:
                    token = await self.tokens.refresh(stale=token)
                except ZaloAuthError as auth:
                    raise ZaloApiError(exc.code, str(auth), "auth") from None
                return await self._post(token, body)
            if exc.code == OA_TYPE_REFUSED and self.path == CS_PATH:
                logger.warning("zalo: this OA is refused on %s, using %s from now on",
                               CS_PATH, V2_PATH)
                self.path = V2_PATH
                return await self._post(token, body)
            raise


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
        # intent payloads (sent as opaque keys, bot.channels.buttons) are hidden from the chat
        kind = "oa.query.hide" if payload.startswith(("/", "k:")) else "oa.query.show"
        items.append({"title": title, "type": kind, "payload": payload})
    return {"text": text, "attachment": {"type": "template", "payload": {"buttons": items}}}


def image_message(url: str) -> dict[str, Any]:
    return {"attachment": {"type": "template", "payload": {
        "template_type": "media", "elements": [{"media_type": "image", "url": url}]}}}


# --------------------------------------------------------------------------- outbox


@dataclass(frozen=True)
class OutboxItem:
    id: int
    recipient_id: str
    message: dict[str, Any]
    error_code: int | None
    attempts: int


class Outbox:
    """Answers not delivered yet (table channel_outbox). Nothing here is lost on restart.

    pending + next_attempt_at set   -> retried by the periodic job (quota, network, token)
    pending + next_attempt_at NULL  -> sent when the citizen writes again (7-day window...)
    failed                          -> refused for good; listed for the hand-off report
    """

    def __init__(self, database_url: str | None = None, channel: str = "zalo"):
        self.database_url = database_url
        self.channel = channel
        self.table = store.channel_outbox

    def _engine(self):
        return store.engine(self.database_url)

    def add(self, recipient_id: str, message: dict[str, Any], code: int | None, reason: str,
            retry_at: float | None, status: str = "pending") -> int:
        with self._engine().begin() as conn:
            result = conn.execute(insert(self.table).values(
                channel=self.channel, recipient_id=recipient_id,
                message_json=json.dumps(message, ensure_ascii=False), status=status,
                error_code=code, reason=reason[:200], attempts=1, created_at=time.time(),
                next_attempt_at=retry_at))
            return int(result.inserted_primary_key[0])

    def _items(self, *conditions: Any) -> list[OutboxItem]:
        t = self.table
        with self._engine().connect() as conn:
            rows = conn.execute(select(t).where(t.c.channel == self.channel, *conditions)
                                .order_by(t.c.id)).mappings().all()
        return [OutboxItem(r["id"], r["recipient_id"], json.loads(r["message_json"]),
                           r["error_code"], r["attempts"]) for r in rows]

    def pending_for(self, recipient_id: str) -> list[OutboxItem]:
        t = self.table
        return self._items(t.c.status == "pending", t.c.recipient_id == recipient_id)

    def due(self, now: float) -> list[OutboxItem]:
        t = self.table
        return self._items(t.c.status == "pending", t.c.next_attempt_at.is_not(None),
                           t.c.next_attempt_at <= now)

    def all(self, status: str | None = None) -> list[OutboxItem]:
        t = self.table
        return self._items(t.c.status == status) if status else self._items()

    def delivered(self, item_id: int) -> None:
        with self._engine().begin() as conn:
            conn.execute(update(self.table).where(self.table.c.id == item_id).values(
                status="delivered", delivered_at=time.time()))

    def failed_again(self, item_id: int, code: int | None, reason: str,
                     retry_at: float | None, status: str = "pending",
                     message: dict[str, Any] | None = None) -> None:
        """Another failed try; `message` replaces the stored message when given."""
        t = self.table
        values: dict[str, Any] = dict(status=status, error_code=code, reason=reason[:200],
                                      attempts=t.c.attempts + 1, next_attempt_at=retry_at)
        if message is not None:
            values["message_json"] = json.dumps(message, ensure_ascii=False)
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.id == item_id).values(**values))

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ("pending", "failed", "delivered"):
            counts[status] = len(self.all(status))
        return counts


def retry_policy(error: ZaloApiError, attempts: int, now: float) -> tuple[str, float | None]:
    """(status, next attempt time) for an undelivered message after `attempts` tries."""
    if error.kind == "window":
        return "pending", None                      # wait for the citizen to write again
    if error.kind in ("transient", "network", "auth"):
        if attempts >= 12:
            return "failed", None
        return "pending", now + min(3600.0, 60.0 * (2 ** (attempts - 1)))
    return "failed", None

