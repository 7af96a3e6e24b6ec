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
checked on the raw bytes in constant time: missing -> 401, wrong or foreign app -> 403, and
nothing reaches the assistant. A good event is written to the durable inbox (bot.channels.inbox,
unique on msg_id: a redelivery is a no-op, on every replica and across restarts) and then
acknowledged (Zalo waits 2 seconds at most); it is handled in the background through
bot.channels.pipeline. A late but correctly signed event (Zalo retrying after an outage) gets
200 and is answered once, the answer starting with an apology (texts.yml `late_apology`); one
older than the inbox remembers (DVCBOT_INBOX_RETENTION_HOURS) gets 200 and is dropped.

Events: user_send_text -> the assistant (a button's key -> its payload); user_send_image with a
caption -> the caption, without one -> a receipt photo (its payload URL downloaded and decoded
in the pipeline, never kept); user_send_file -> read as a photo, or the polite reason;
user_send_audio (a voice note) -> the hand-off (Pipeline.on_voice: relayed to the volunteers, or
a volunteer offered); other user_send_* (sticker, location...) -> the
"text only" answer; follow -> the assistant receives "/greet" (its greeting is the welcome
message); unfollow -> the citizen's dossier follows end and an open hand-off is closed
(handoff_link.citizen_left); the OA's own echoes and delivery receipts are ignored quietly; any
other event is logged and ignored.

Answers go out through bot.messaging.zalo (the one Zalo client: token from the store at each
send, refreshed once when refused; splitting at 2,000 characters; the outbox), as replies to the
citizen's message (recipient message_id: free within 48 h) and by user_id after that. An answer
Zalo will not take now (window, quota) waits in the outbox: sent when the citizen writes again or
by the periodic retry, each row claimed by one replica at a time.

Conversation ids are "zalo:<Zalo user id>".

Volunteer hand-off (bot.handoff, through bot.channels.handoff_link): while a volunteer has the
citizen's ticket, the citizen's messages (text, caption, or a note that a sticker/file came) go to
the volunteer's group thread instead of the assistant. Volunteers' answers go out through the
same Zalo client (bot.messaging.zalo.ZaloSender). Proactive messages Rasa sends
(trigger_intent?output_channel=zalo: dossier notices the poller routed as consultation messages)
are dropped with a log line when Zalo refuses them for the window, never parked.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any, Awaitable, Callable

import httpx
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import handoff_link
from bot.channels.base import Background, Gate, KeyedLocks, sender_ref, setting, texts
from bot.channels.buttons import ButtonPayloads
from bot.channels.inbox import Inbox, InboxRow, InboxWorker
from bot.channels.pipeline import Attachment, CitizenMessage, Kind, Pipeline, Reply, TooLarge
from bot.channels.zalo_tokens import TokenManager, TokenStore
from bot.messaging.config import ZaloConfig
from bot.messaging.outbox import Outbox
from bot.messaging.zalo import (SENDER_PREFIX, ZaloClient, ZaloOutput, send_outbox_items,
                                text_message)

logger = logging.getLogger(__name__)

CHANNEL = "zalo"
SIGNATURE_HEADER = "X-ZEvent-Signature"
TIMESTAMP_HEADER = "X-ZEvent-Timestamp"
MAX_EVENT_BYTES = 64 * 1024   # Zalo's events are a few hundred bytes
MAX_QUEUED_PER_USER = 30      # events of one user waiting their turn; more are dropped
MAINTENANCE_EVERY = 60.0        # seconds: token check and outbox retry

IGNORED_QUIETLY = {"user_received_message", "user_seen_message", "oa_send_text",
                   "oa_send_image", "oa_send_gif", "oa_send_list", "oa_send_file",
                   "oa_send_sticker", "oa_send_template"}
MEDIA_KINDS = {"user_send_image": Kind.IMAGE, "user_send_gif": Kind.IMAGE,
               "user_send_audio": Kind.VOICE, "user_send_file": Kind.FILE,
               "user_send_location": Kind.LOCATION, "user_send_sticker": Kind.STICKER,
               "user_send_video": Kind.STICKER, "user_send_link": Kind.STICKER,
               "user_send_business_card": Kind.STICKER}
HANDLED_EVENTS = {"follow", "unfollow", "user_send_text"} | set(MEDIA_KINDS)


def expected_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode("utf-8") + raw_body + timestamp.encode("utf-8")
                            + oa_secret_key.encode("utf-8")).hexdigest()
    return "mac=" + digest


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
        self.pipeline = Pipeline(CHANNEL, gate or Gate(database_url=database_url))
        self.locks = KeyedLocks()
        self.background = Background("zalo")
        inbox = Inbox(CHANNEL, database_url)
        self.worker = InboxWorker(inbox, self._answer_row, self.background.start)
        self.max_event_age = inbox.settings.retention_hours * 3600.0
        self.on_new_message: Callable[[UserMessage], Awaitable[Any]] | None = None
        self.outbox = Outbox(database_url)
        self.buttons = ButtonPayloads(database_url)
        self.token_store = TokenStore(app_id, database_url)
        self.maintenance = maintenance
        self._http = http
        self._client: ZaloClient | None = None
        self._seeded = False

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=httpx.Timeout(15.0))
        return self._http

    # Made on first use, inside the server's event loop.
    @property
    def client(self) -> ZaloClient:
        if self._client is None:
            if not self._seeded:
                self.token_store.seed(*self.seed_tokens)
                self._seeded = True
            http = self.http
            tokens = TokenManager(self.app_id, self.app_secret, self.token_store, http,
                                  self.oauth_base_url)
            self._client = ZaloClient(tokens, http, self.api_base_url)
        return self._client

    def get_output_channel(self) -> ZaloOutput:
        """What Rasa uses for proactive messages (trigger_intent?output_channel=zalo, e.g.
        dossier notifications): sent by user id; one Zalo refuses for the window is dropped
        (the poller chose a consultation message because the citizen wrote recently)."""
        return ZaloOutput(self.client, self.outbox, proactive=True)

    # ----------------------------------------------------------------------- signature

    def verify(self, raw: bytes, signature: str, event: dict[str, Any],
               header_timestamp: str | None) -> str | None:
        """None when the event is authentic, else the reason it is refused. A late event (a
        retry after an outage) is authentic: `too_old` says whether to drop it."""
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
            int(matched)
        except ValueError:
            return "bad timestamp"
        return None

    def too_old(self, event: dict[str, Any]) -> bool:
        """Signed but older than the inbox remembers (so a replay could not be told from a
        first delivery): acknowledged and dropped."""
        sent_at = _sent_at(event)
        return sent_at is not None and time.time() - sent_at > self.max_event_age

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("dvcbot_zalo_webhook", __name__)
        self.on_new_message = on_new_message

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
            # 1. verify
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
            if self.too_old(event):
                # 200 all the same: a refusal makes Zalo retry for hours
                logger.warning("zalo: a signed %s older than %.0f h dropped",
                               str(event.get("event_name"))[:40], self.max_event_age / 3600)
                return response.json({"status": "too old, dropped"})
            who = (event.get("sender") or event.get("follower") or {}).get("id")
            sender = SENDER_PREFIX + str(who or "?")
            if who and self.locks.waiting(sender) >= MAX_QUEUED_PER_USER:
                # one user flooding: acknowledged (so Zalo does not resend) but not queued (M8)
                logger.warning("zalo: event dropped, %d already waiting for that user",
                               MAX_QUEUED_PER_USER)
                return response.json({"status": "dropped"})
            # 2. dedupe: stored (off the event loop) before the 200; a repeat stores nothing
            if not await self.worker.accept(_event_key(event), sender, event):
                logger.info("zalo: %s delivered twice, ignored", event.get("event_name"))
                return response.json({"status": "duplicate"})
            return response.json({"status": "ok"})

        @bp.listener("before_server_start")
        async def start_handoff(app: Any, _loop: Any) -> None:
            await handoff_link.start(CHANNEL)  # the hand-off sends through bot.messaging.zalo

        @bp.listener("after_server_start")
        async def start_maintenance(app: Any, _loop: Any) -> None:
            note = ZaloConfig.from_env().startup_note()
            if note:
                logger.warning(note)
            self.worker.run()
            if self.maintenance:
                self._maintenance_task = asyncio.ensure_future(self._maintain())

        @bp.listener("before_server_stop")
        async def stop_maintenance(app: Any, _loop: Any) -> None:
            self.worker.stop()
            task = getattr(self, "_maintenance_task", None)
            if task is not None:
                task.cancel()
            await self.background.wait(10)
            if self._http is not None:
                await self._http.aclose()

        return bp

    # ----------------------------------------------------------------------- events

    async def _answer_row(self, row: InboxRow) -> None:
        await self.handle_event(row.payload, self.on_new_message)

    async def handle_event(self, event: dict[str, Any],
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        name = str(event.get("event_name") or "")
        if name in IGNORED_QUIETLY:
            logger.debug("zalo: %s ignored", name)
            return
        who = (event.get("sender") or event.get("follower") or {}).get("id")
        user_id = str(who or "")
        if name not in HANDLED_EVENTS:
            logger.info("zalo: event %r not handled, ignored", name[:40])
            return
        if not user_id:
            logger.warning("zalo: %s without a user id ignored", name)
            return
        sender = SENDER_PREFIX + user_id
        async with self.locks.hold(sender):
            if name == "unfollow":
                await handoff_link.citizen_left(sender, CHANNEL)
                return
            message = await self.citizen_message(event, name, user_id)
            await self.pipeline.handle(message, on_new_message)

    async def citizen_message(self, event: dict[str, Any], name: str,
                              user_id: str) -> CitizenMessage:
        """A Zalo event as a CitizenMessage (the translation; nothing is decided here)."""
        sender = SENDER_PREFIX + user_id
        body = event.get("message") or {}
        body = body if isinstance(body, dict) else {}
        msg_id = str(body.get("msg_id") or "") or None
        reply = ZaloReply(ZaloOutput(self.client, self.outbox, reply_to=msg_id), sender, self,
                          user_id)
        made = dict(sender=sender, channel=CHANNEL, reply=reply, message_id=msg_id,
                    sent_at=_sent_at(event), metadata={"channel": CHANNEL, "zalo_event": name})
        if name == "follow":
            metadata = made.pop("metadata")
            if event.get("source"):
                metadata["zalo_follow_source"] = str(event["source"])[:40]
            return CitizenMessage(kind=Kind.EVENT, command="start", metadata=metadata, **made)
        text = body.get("text") if isinstance(body.get("text"), str) else None
        if name == "user_send_text":
            pressed = await self.buttons.decode(text or "")
            if pressed is not None:
                return CitizenMessage(kind=Kind.BUTTON, text=text, payload=pressed, **made)
            return CitizenMessage(kind=Kind.TEXT, text=text, **made)
        kind = MEDIA_KINDS.get(name, Kind.STICKER)
        attachment = None
        for item in body.get("attachments") or []:
            payload = item.get("payload") if isinstance(item, dict) else None
            if isinstance(payload, dict) and payload.get("url"):
                size = payload.get("size")
                attachment = Attachment(str(payload["url"]), "image/*" if kind is Kind.IMAGE
                                        else None, int(size) if str(size or "").isdigit() else None)
                break
        if name == "user_send_gif" and not (text or "").strip():
            kind = Kind.STICKER
        return CitizenMessage(kind=kind, text=text, attachment=attachment, **made)

    async def flush_outbox(self, user_id: str, output: ZaloOutput) -> int:
        """The citizen wrote: send what could not be sent before (they are reachable now)."""
        waiting = await asyncio.to_thread(self.outbox.claim_pending_for, user_id)
        if not waiting:
            return 0
        logger.info("zalo: %d earlier answer(s) waiting for %s, sending", len(waiting),
                    sender_ref(user_id))
        await output.attempt(user_id, text_message(texts()["undelivered_intro"]))
        return await send_outbox_items(output, waiting, stop_at_first_error=True)

    async def retry_due(self, now: float | None = None) -> int:
        """Retry outbox messages whose time has come (quota, network, token problems); each
        row is claimed first, so another replica never sends it too."""
        due = await asyncio.to_thread(self.outbox.claim_due, now)
        sent = await send_outbox_items(ZaloOutput(self.client, self.outbox), due,
                                       stop_at_first_error=False)
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


def _sent_at(event: dict[str, Any]) -> float | None:
    try:
        return int(str(event.get("timestamp") or "")) / 1000.0
    except ValueError:
        return None


class ZaloReply(Reply):
    """Answers a Zalo citizen: what waited in the outbox first, attachments by URL."""

    def __init__(self, output: ZaloOutput, sender: str, channel: "ZaloInput", user_id: str):
        super().__init__(output, sender)
        self.channel, self.user_id = channel, user_id

    async def reachable(self) -> None:
        await self.channel.flush_outbox(self.user_id, self.output)

    async def download(self, attachment: Attachment, limit: int) -> bytes:
        return await download_limited(self.channel.http, attachment.reference, limit)


async def download_limited(http: httpx.AsyncClient, url: str, limit: int) -> bytes:
    """GET `url`, stopping (TooLarge) past `limit` bytes."""
    data = bytearray()
    async with http.stream("GET", url, follow_redirects=True) as reply:
        reply.raise_for_status()
        declared = reply.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLarge(int(declared))
        async for chunk in reply.aiter_bytes():
            data.extend(chunk)
            if len(data) > limit:
                raise TooLarge(len(data))
    return bytes(data)


def _event_key(event: dict[str, Any]) -> str:
    message = event.get("message") or {}
    if isinstance(message, dict) and message.get("msg_id"):
        return "msg:" + str(message["msg_id"])
    who = (event.get("sender") or event.get("follower") or {}).get("id")
    return f"{event.get('event_name')}:{who}:{event.get('timestamp')}"
