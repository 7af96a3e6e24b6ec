"""Zalo Official Account channel for Rasa (OpenAPI v3, httpx).

credentials.yml:

    bot.channels.zalo.ZaloInput:
      app_id: ${ZALO_APP_ID}
      oa_secret_key: ${ZALO_OA_SECRET_KEY}
      app_secret: ${ZALO_APP_SECRET}
      refresh_token: ${ZALO_REFRESH_TOKEN}

Route: POST /webhooks/zalo/webhook. Zalo signs each event with the header
    X-ZEvent-Signature: mac=<sha256 hex of app_id + raw body + timestamp + OA secret key>
(app_id and timestamp are the event's own fields; a plain SHA-256, not an HMAC). The signature is
checked on the raw bytes in constant time: missing -> 401, wrong, foreign app or stale (over an
hour old) -> 403, and nothing reaches the assistant. A good event is acknowledged at once (Zalo
waits 2 seconds at most) and handled in the background; a msg_id seen in the last 2 hours is
ignored (memory only: a redelivery across a restart would be answered again).

Events: user_send_text -> the assistant; user_send_image/gif with a caption -> the caption;
user_send_audio (a voice note) -> the hand-off (`_voice_note`: relayed to the volunteers, or a
volunteer offered); other user_send_* (sticker, file, location...) -> the "text only" answer; follow -> the
assistant receives "/greet" (its greeting is the welcome message); the OA's own echoes and
delivery receipts are ignored quietly; any other event is logged and ignored.

Answers go to POST /v3.0/oa/message/cs, split at 2,000 characters, as replies to the citizen's
message (recipient message_id: free within 48 h) and by user_id after that. An expired access
token is refreshed and the message sent once more (see zalo_tokens). A message Zalo will not take
now (7-day window, quota) is kept in the outbox table: sent when the citizen writes again or by
the periodic retry; never lost.

Conversation ids are "zalo:<Zalo user id>".

Volunteer hand-off (bot.handoff, through bot.channels.handoff_link): while a volunteer has the
citizen's ticket, the citizen's messages (text, caption, or a note that a sticker/file came) go to
the volunteer's group thread instead of the assistant. Volunteers' answers, and proactive messages
Rasa sends (trigger_intent?output_channel=zalo: dossier notifications), go out through this
channel's client and outbox, so token refresh and the 7-day window apply to them too.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any, Awaitable, Callable
from urllib.parse import unquote

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import handoff_link
from bot.channels.base import (Action, Background, Gate, KeyedLocks, SeenCache, TextOutputMixin,
                               answer_in_time, entry_point_metadata, preview, safe_user_text,
                               sender_ref, setting, split_text, texts, typed_text)
from bot.channels.buttons import ButtonPayloads
from bot.channels.zalo_api import (TEXT_LIMIT, WHY, Outbox, ZaloApiError, ZaloClient,
                                   buttons_message, image_message, retry_policy, text_message)
from bot.channels.zalo_tokens import TokenManager, TokenStore
from bot.handoff import CitizenMedia, MediaAnswer

logger = logging.getLogger(__name__)

CHANNEL = "zalo"
SENDER_PREFIX = "zalo:"
SIGNATURE_HEADER = "X-ZEvent-Signature"
TIMESTAMP_HEADER = "X-ZEvent-Timestamp"
MAX_EVENT_AGE = 3600.0          # seconds; older signed events are refused (replay)
MAX_EVENT_BYTES = 64 * 1024   # Zalo's events are a few hundred bytes
MAX_QUEUED_PER_USER = 30      # events of one user waiting their turn; more are dropped
REPLIES_PER_MESSAGE = 8         # Zalo counts at most 8 answers to one message as replies
QUICK_RETRIES = (0.5, 1.5)      # seconds, for quota/network errors before using the outbox
MAINTENANCE_EVERY = 60.0        # seconds: token check and outbox retry

IGNORED_QUIETLY = {"user_received_message", "user_seen_message", "oa_send_text",
                   "oa_send_image", "oa_send_gif", "oa_send_list", "oa_send_file",
                   "oa_send_sticker", "oa_send_template", "unfollow"}
TEXT_EVENTS = {"user_send_text"}
CAPTIONED_EVENTS = {"user_send_image", "user_send_gif"}
VOICE_EVENTS = {"user_send_audio"}   # to the hand-off (ZaloInput._voice_note)
NON_TEXT_EVENTS = {"user_send_sticker", "user_send_audio", "user_send_video", "user_send_file",
                   "user_send_location", "user_send_link", "user_send_business_card"}


def user_id_of(recipient_id: str) -> str:
    """Zalo user id from a conversation id ("zalo:123"; a percent-encoded "zalo%3A123" from
    Rasa's HTTP API is decoded, see telegram.chat_id_of)."""
    raw = unquote(str(recipient_id))
    return raw[len(SENDER_PREFIX):] if raw.startswith(SENDER_PREFIX) else raw


def expected_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode("utf-8") + raw_body + timestamp.encode("utf-8")
                            + oa_secret_key.encode("utf-8")).hexdigest()
    return "mac=" + digest


# --------------------------------------------------------------------------- output


class ZaloOutput(TextOutputMixin, OutputChannel):
    """Sends answers to one citizen; undeliverable ones go to the outbox."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, client: ZaloClient, outbox: Outbox, reply_to: str | None = None,
                 buttons: ButtonPayloads | None = None):
        self.client = client
        self.outbox = outbox
        self.buttons = buttons or ButtonPayloads(outbox.database_url)
        self.reply_to = reply_to
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
        now = time.time()
        status, retry_at = retry_policy(error, 1, now)
        await asyncio.to_thread(self.outbox.add, user_id, message, error.code,
                                f"{error.kind}: {WHY.get(error.code, error.message)}",
                                retry_at, status)
        self.kept += 1
        logger.warning("zalo: answer to %s not delivered (error %s, %s); kept in the outbox (%s)",
                       sender_ref(user_id), error.code, WHY.get(error.code, error.kind), status)
        return False

    async def attempt(self, user_id: str, message: dict[str, Any]) -> ZaloApiError | None:
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
        for piece in split_text(text, TEXT_LIMIT):
            await self.deliver(recipient_id, text_message(piece))

    async def deliver_text(self, recipient_id: str, text: str) -> bool:
        """Like send_text_message, but says whether Zalo took every piece now (False: kept in
        the outbox, sent when the citizen writes again or by the periodic retry)."""
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
        groups = [buttons[i:i + 5] for i in range(0, len(buttons), 5)] or [[]]
        await self.deliver(recipient_id, buttons_message(pieces[-1], groups[0]))
        for group in groups[1:]:
            await self.deliver(recipient_id, buttons_message("👇", group))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.deliver(recipient_id, image_message(image))



# --------------------------------------------------------------------------- input


class ZaloInput(InputChannel):
    """Rasa input channel "zalo" (credentials key bot.channels.zalo.ZaloInput)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "ZaloInput":
        values = {
            "app_id": setting(credentials, "app_id", "ZALO_APP_ID"),
            "oa_secret_key": setting(credentials, "oa_secret_key", "ZALO_OA_SECRET_KEY"),
            "app_secret": setting(credentials, "app_secret", "ZALO_APP_SECRET"),
            "access_token": setting(credentials, "access_token", "ZALO_ACCESS_TOKEN"),
            "refresh_token": setting(credentials, "refresh_token", "ZALO_REFRESH_TOKEN"),
            "api_base_url": setting(credentials, "api_base_url", "ZALO_API_BASE_URL"),
            "oauth_base_url": setting(credentials, "oauth_base_url", "ZALO_OAUTH_BASE_URL"),
        }
        missing = [name for name, key in (("ZALO_APP_ID", "app_id"),
                                          ("ZALO_OA_SECRET_KEY", "oa_secret_key"))
                   if not values[key]]
        if missing:
            raise RasaException("zalo channel: set " + " and ".join(missing))
        return cls(**values)

    def __init__(self, app_id: str, oa_secret_key: str, app_secret: str | None = None,
                 access_token: str | None = None, refresh_token: str | None = None,
                 api_base_url: str | None = None, oauth_base_url: str | None = None, *,
                 gate: Gate | None = None, database_url: str | None = None,
                 http: httpx.AsyncClient | None = None, maintenance: bool = True):
        self.app_id = app_id
        self.oa_secret_key = oa_secret_key
        self.app_secret = app_secret
        self.seed_tokens = (access_token, refresh_token)
        self.api_base_url = api_base_url
        self.oauth_base_url = oauth_base_url
        self.database_url = database_url
        self.gate = gate or Gate()
        self.seen = SeenCache(ttl=2 * MAX_EVENT_AGE)
        self.locks = KeyedLocks()
        self.background = Background("zalo")
        self.outbox = Outbox(database_url)
        self.buttons = ButtonPayloads(database_url)
        self.token_store = TokenStore(app_id, database_url)
        self.maintenance = maintenance
        self._http = http
        self._client: ZaloClient | None = None
        self._seeded = False

    # Made on first use, inside the server's event loop.
    @property
    def client(self) -> ZaloClient:
        if self._client is None:
            if not self._seeded:
                self.token_store.seed(*self.seed_tokens)
                self._seeded = True
            http = self._http or httpx.AsyncClient(timeout=httpx.Timeout(15.0))
            self._http = http
            tokens = TokenManager(self.app_id, self.app_secret, self.token_store, http,
                                  self.oauth_base_url)
            self._client = ZaloClient(tokens, http, self.api_base_url)
        return self._client

    def get_output_channel(self) -> ZaloOutput:
        """Also what Rasa uses for proactive messages (trigger_intent?output_channel=zalo, e.g.
        dossier notifications): sent by user id, kept in the outbox when Zalo refuses."""
        return ZaloOutput(self.client, self.outbox)

    async def send_to_citizen(self, recipient_id: str, text: str) -> bool:
        """The hand-off's way to a Zalo citizen: this channel's client (token refresh) and
        outbox (7-day window, quota)."""
        return await ZaloOutput(self.client, self.outbox).deliver_text(recipient_id, text)

    # ----------------------------------------------------------------------- signature

    def verify(self, raw: bytes, signature: str, event: dict[str, Any],
               header_timestamp: str | None) -> str | None:
        """None when the event is authentic, else the reason it is refused."""
        app_id = str(event.get("app_id") or "")
        if not hmac.compare_digest(app_id.encode("utf-8"), self.app_id.encode("utf-8")):
            return "event for another app"
        presented = signature.strip().lower()
        if not presented.startswith("mac="):
            return "signature without mac="   # Zalo always sends "mac=<sha256>" (L2)
        presented_bytes = presented.encode("utf-8")
        timestamps = [str(event.get("timestamp") or "")]
        if header_timestamp and header_timestamp not in timestamps:
            timestamps.append(header_timestamp)
        matched = None
        for timestamp in timestamps:
            expected = expected_signature(app_id, raw, timestamp, self.oa_secret_key)
            if hmac.compare_digest(presented_bytes, expected.encode("utf-8")):
                matched = timestamp
        if matched is None:
            return "signature mismatch"
        try:
            sent_at = int(matched) / 1000.0
        except ValueError:
            return "bad timestamp"
        if abs(time.time() - sent_at) > MAX_EVENT_AGE:
            return "event too old"
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("dvcbot_zalo_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            raw: bytes = request.body or b""
            if len(raw) > MAX_EVENT_BYTES:   # read nothing bigger than an event can be (M8)
                logger.warning("zalo: a %d-byte request refused", len(raw))
                return response.json({"error": "too large"}, status=413)
            signature = request.headers.get(SIGNATURE_HEADER)
            try:
                event = json.loads(raw.decode("utf-8")) if raw else None
            except (UnicodeDecodeError, ValueError):
                event = None
            if signature is None:
                if event == {}:
                    # Zalo checks a newly registered webhook URL with an empty, unsigned event.
                    return response.json({"status": "ok"})
                logger.warning("zalo: event without signature refused")
                return response.json({"error": "signature missing"}, status=401)
            if not isinstance(event, dict):
                logger.warning("zalo: signed request without a JSON event refused")
                return response.json({"error": "signature wrong"}, status=403)
            problem = self.verify(raw, signature, event, request.headers.get(TIMESTAMP_HEADER))
            if problem is not None:
                logger.warning("zalo: event refused (%s)", problem)
                return response.json({"error": "signature wrong"}, status=403)
            if not self.seen.first_time(_event_key(event)):
                logger.info("zalo: %s delivered twice, ignored", event.get("event_name"))
                return response.json({"status": "duplicate"})
            who = (event.get("sender") or event.get("follower") or {}).get("id")
            if who and self.locks.waiting(SENDER_PREFIX + str(who)) >= MAX_QUEUED_PER_USER:
                # one user flooding: acknowledged (so Zalo does not resend) but not queued (M8)
                logger.warning("zalo: event dropped, %d already waiting for that user",
                               MAX_QUEUED_PER_USER)
                return response.json({"status": "dropped"})
            self.background.start(self.handle_event(event, on_new_message))
            return response.json({"status": "ok"})

        @bp.listener("before_server_start")
        async def start_handoff(app: Any, _loop: Any) -> None:
            await handoff_link.start(CHANNEL, self.send_to_citizen)

        @bp.listener("after_server_start")
        async def start_maintenance(app: Any, _loop: Any) -> None:
            if self.maintenance:
                self._maintenance_task = asyncio.ensure_future(self._maintain())

        @bp.listener("before_server_stop")
        async def stop_maintenance(app: Any, _loop: Any) -> None:
            task = getattr(self, "_maintenance_task", None)
            if task is not None:
                task.cancel()
            await self.background.wait(10)
            if self._http is not None:
                await self._http.aclose()

        return bp

    # ----------------------------------------------------------------------- events

    async def text_for_rasa(self, text: str) -> str:
        """A tapped button's payload (its key comes back as the citizen's text), else what the
        citizen typed, read as words (never Rasa's /intent{entities} syntax)."""
        pressed = await self.buttons.decode(text)
        return safe_user_text(pressed) if pressed is not None else typed_text(text)

    async def handle_event(self, event: dict[str, Any],
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        name = str(event.get("event_name") or "")
        if name in IGNORED_QUIETLY:
            logger.debug("zalo: %s ignored", name)
            return
        citizen_wrote = False  # a user_send_* event: the hand-off may take it
        raw_text: str | None = None
        if name == "follow":
            user_id = str((event.get("follower") or {}).get("id") or "")
            text, msg_id = "/greet", None
            metadata = {"channel": CHANNEL, "zalo_event": "follow"}
            metadata.update(entry_point_metadata(None, CHANNEL, SENDER_PREFIX + user_id))
            if event.get("source"):
                metadata["entry_point"]["zalo_follow_source"] = str(event["source"])[:40]
        elif name in TEXT_EVENTS | CAPTIONED_EVENTS | NON_TEXT_EVENTS:
            user_id = str((event.get("sender") or {}).get("id") or "")
            message = event.get("message") or {}
            msg_id = str(message.get("msg_id") or "") or None
            text = message.get("text") if name in TEXT_EVENTS | CAPTIONED_EVENTS else None
            raw_text = text if isinstance(text, str) else None
            text = await self.text_for_rasa(text) if isinstance(text, str) and text.strip() else None
            metadata = {"channel": CHANNEL, "zalo_event": name}
            citizen_wrote = True
        else:
            logger.info("zalo: event %r not handled, ignored", name[:40])
            return
        if not user_id:
            logger.warning("zalo: %s without a user id ignored", name)
            return
        sender = SENDER_PREFIX + user_id
        async with self.locks.hold(sender):
            output = ZaloOutput(self.client, self.outbox, reply_to=msg_id)
            result = self.gate.check(sender, text)
            if result.action is Action.DROP:
                logger.info("zalo: message from %s dropped (%s)", sender_ref(user_id), result.reason)
                return
            await self.flush_outbox(user_id, output)
            if result.action is Action.REPLY and result.reason != "non_text":
                logger.info("zalo: message from %s answered here (%s)", sender_ref(user_id),
                            result.reason)
                await output.send_text_message(sender, result.reply or "")
                return
            if name in VOICE_EVENTS:
                await self._voice_note(sender, event.get("message") or {}, output)
                return
            # A hand-off in progress (or its rating) takes the message; the bot stays quiet.
            if citizen_wrote and await handoff_link.route_citizen(sender, CHANNEL, raw_text):
                logger.info("zalo: %s from %s relayed to the hand-off", name, sender_ref(user_id))
                return
            if result.action is Action.REPLY:
                logger.info("zalo: message from %s answered here (%s)", sender_ref(user_id),
                            result.reason)
                await output.send_text_message(sender, result.reply or "")
                return
            logger.info("zalo: %s from %s (%d chars)", name, sender_ref(user_id), len(result.text))
            logger.debug("zalo: preview %r", preview(result.text))
            try:
                if not await answer_in_time(on_new_message, UserMessage(
                        result.text, output, sender, input_channel=CHANNEL, metadata=metadata,
                        message_id=msg_id)):
                    logger.error("zalo: no answer in time to a message from %s", sender_ref(user_id))
                    await output.send_text_message(sender, texts()["busy"])
            except Exception:
                logger.exception("zalo: the assistant failed on a message from %s",
                                 sender_ref(user_id))

    async def _voice_note(self, sender: str, message: dict[str, Any], output: ZaloOutput) -> None:
        """Hand-off voice-note relay (bot.handoff, HandoffService.citizen_media): the audio's
        download address goes to the hand-off, which relays it to the volunteers of the
        citizen's ticket or offers a volunteer; without volunteers (or without an address),
        the usual "text only" answer."""
        url = next((str((item.get("payload") or {}).get("url") or "")
                    for item in message.get("attachments") or []
                    if isinstance(item, dict) and item.get("type") in {"audio", "voice"}), "")
        answer = MediaAnswer("unavailable")
        if url:
            answer = await handoff_link.citizen_media(sender, CHANNEL,
                                                      CitizenMedia("voice", url=url))
        logger.info("zalo: voice note from %s (%s)", sender_ref(sender), answer.status)
        if answer.status == "unavailable":
            await output.send_text_message(sender, texts()["non_text"])
        elif answer.buttons:
            await output.send_text_with_buttons(sender, answer.text or "", answer.buttons)
        elif answer.text:
            await output.send_text_message(sender, answer.text)

    async def flush_outbox(self, user_id: str, output: ZaloOutput) -> int:
        """The citizen wrote: send what could not be sent before (they are reachable now)."""
        waiting = await asyncio.to_thread(self.outbox.pending_for, user_id)
        if not waiting:
            return 0
        logger.info("zalo: %d earlier answer(s) waiting for %s, sending", len(waiting),
                    sender_ref(user_id))
        sent = 0
        intro_sent = False
        for item in waiting:
            if not intro_sent:
                await output.attempt(user_id, text_message(texts()["undelivered_intro"]))
                intro_sent = True
            error = await output.attempt(user_id, item.message)
            if error is None:
                await asyncio.to_thread(self.outbox.delivered, item.id)
                sent += 1
            else:
                status, retry_at = retry_policy(error, item.attempts + 1, time.time())
                await asyncio.to_thread(self.outbox.failed_again, item.id, error.code,
                                        f"{error.kind}: {WHY.get(error.code, error.message)}",
                                        retry_at, status)
                break
        return sent

    async def retry_due(self, now: float | None = None) -> int:
        """Retry outbox messages whose time has come (quota, network, token problems)."""
        due = await asyncio.to_thread(self.outbox.due, now if now is not None else time.time())
        sent = 0
        for item in due:
            output = ZaloOutput(self.client, self.outbox)
            error = await output.attempt(item.recipient_id, item.message)
            if error is None:
                await asyncio.to_thread(self.outbox.delivered, item.id)
                sent += 1
                continue
            status, retry_at = retry_policy(error, item.attempts + 1, time.time())
            await asyncio.to_thread(self.outbox.failed_again, item.id, error.code,
                                    f"{error.kind}: {WHY.get(error.code, error.message)}",
                                    retry_at, status)
        if due:
            logger.info("zalo: outbox retry sent %d of %d", sent, len(due))
        return sent

    async def _maintain(self) -> None:
        while True:
            try:
                await self.client.tokens.keep_fresh()
            except Exception as exc:
                logger.error("zalo: token upkeep failed: %s", exc)
            try:
                await self.retry_due()
            except Exception:
                logger.exception("zalo: outbox retry failed")
            await asyncio.sleep(MAINTENANCE_EVERY)


def _event_key(event: dict[str, Any]) -> str:
    message = event.get("message") or {}
    if isinstance(message, dict) and message.get("msg_id"):
        return "msg:" + str(message["msg_id"])
    who = (event.get("sender") or event.get("follower") or {}).get("id")
    return f"{event.get('event_name')}:{who}:{event.get('timestamp')}"
