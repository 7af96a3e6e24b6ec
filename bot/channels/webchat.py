"""Web chat: a small page served by the running assistant, for QR codes opened in a browser.

Rasa loads it from credentials.yml:

    bot.channels.webchat.WebChatInput:
      # all optional; defaults: DVCBOT_MAX_MESSAGE_CHARS (2000), DVCBOT_RATE_LIMIT_PER_MINUTE (20),
      # DVCBOT_WEBCHAT_TIMEOUT_SECONDS (60)
      max_message_chars: 1000
      rate_limit_per_minute: 20
      answer_timeout_seconds: 60

Routes (Rasa mounts the blueprint under /webhooks/webchat):

    GET  /webhooks/webchat/             the chat page (HTML; CSS and JS are separate small files)
    GET  /webhooks/webchat/static/<f>   app.js, style.css
    POST /webhooks/webchat/webhook      {"session", "message", "entry_point"?} -> list of bot messages
                                        (the shape of Rasa's REST channel: text, buttons, image),
                                        followed by any texts waiting in the conversation's outbox
    POST /webhooks/webchat/outbox       {"session", "ack"?: [ids]} -> [{"text", "outbox_id"}...]:
                                        volunteer answers and proactive messages (dossier
                                        notifications) waiting for this page. A text stays until
                                        the page acknowledges its outbox_id (in `ack`, here or
                                        with its next message), so a dropped connection loses
                                        nothing. The page polls it every 5 s while visible.

Identity comes from the server (M2 of the security review): each page load carries a new signed
session "web:<32 hex>.<HMAC-SHA256>" (meta dvcbot-session); the page keeps the first one it got
in localStorage and sends it in the POST body (never in a URL). The conversation id is the
"web:<hex>" part. A session the server did not sign is refused (403; none: 401) and nothing
reaches the assistant. The signing key is DVCBOT_WEBCHAT_SECRET, else one made once and kept in
the database (table channel_secrets), so that every replica agrees.

Rate limits: per conversation (DVCBOT_RATE_LIMIT_PER_MINUTE) and per client address
(DVCBOT_RATE_LIMIT_PER_ADDRESS_PER_MINUTE, default 60), so that rotating sessions does not
lift the limit. The client address is the connection's peer, or, when the peer is one of
DVCBOT_TRUSTED_PROXIES, the address that proxy wrote in X-Forwarded-For.
    GET  /webhooks/webchat/zalo?ep=...  counts a Zalo leaflet scan, then redirects to the Zalo OA

The page keeps its signed session in localStorage (see below), sends "/greet" when it opens, and passes the
`?ep=<payload>` of its URL (see bot.entry_points) with that first message; the channel decodes it
and hands Rasa `metadata={"entry_point": {"source", "commune", "team", "channel": "webchat"}}`
(the same shape as the Telegram and Zalo channels). Every message passes the gate shared with
Telegram and Zalo (bot.channels.base: rate limit, size, texts.yml wording). Typed text is never
read as Rasa's intent syntax (base.typed_text): the page's opening "/greet" is this channel's
one command, and buttons carry opaque keys (bot.channels.buttons) that the page sends back as
the message. Quick-reply chips come from bot/channels/webchat/quick_replies.yml (editable
without code).

Volunteer hand-off (bot.handoff): while a volunteer has this citizen's ticket, messages go to
the volunteer, not to Rasa (see bot.channels.handoff_link); the volunteer's answers wait in the
hand-off's web chat outbox (table handoff_webchat_outbox), which the page polls. Texts nobody
fetched are dropped after DVCBOT_HANDOFF_EXPIRE_HOURS (the watcher's purge).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import logging
import re
import secrets
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import unquote

import yaml
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage

from bot.channels import handoff_link, store
from bot.channels.base import (GREETING, ConfigError, Gate, KeyedLocks, Limits, RateLimiter, Verdict,
                               client_address, preview, sender_ref, texts,
                               trusted_proxies)
from bot.channels.buttons import ButtonPayloads
from bot.channels.inbox import Inbox
from bot.channels.pipeline import (Attachment, CitizenMessage, CollectingReply, Kind, Outcome,
                                   Pipeline, TooLarge)
from bot.channels.webchat_history import WebChatHistory
from bot.core.settings import settings
from bot.entry_points import EntryPoint, parse_payload, record_entry

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "webchat"
STATIC_FILES = {
    "app.js": "application/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
QUICK_REPLIES_FILE = STATIC_DIR / "quick_replies.yml"

SESSION_RE = re.compile(r"^(web:[0-9a-f]{32})\.([A-Za-z0-9_-]{43})$")
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")   # the page's id of one message
SESSION_SECRET_NAME = "webchat-session"


def load_quick_replies(path: Path = QUICK_REPLIES_FILE) -> list[dict[str, str]]:
    """[{title, message}] from the YAML file; a broken file logs an error naming the file and
    gives no chips rather than a broken page."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = data.get("quick_replies", [])
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not str(item.get("title") or "").strip():
                logger.error("%s: quick_replies[%d]: needs a 'title'", path, index)
                continue
            title = str(item["title"]).strip()
            result.append({"title": title, "message": str(item.get("message") or title).strip()})
        return result
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
        logger.error("%s: cannot read quick replies: %s", path, exc)
        return []


class Sessions:
    """Signed web chat sessions: "web:<32 hex>.<HMAC-SHA256 of it, base64url>"."""

    def __init__(self, secret: str):
        if len(secret) < 32:
            raise ConfigError("DVCBOT_WEBCHAT_SECRET must be at least 32 characters")
        self.key = secret.encode("utf-8")

    def _signature(self, conversation: str) -> str:
        digest = hmac.new(self.key, b"webchat-session:" + conversation.encode("ascii"),
                          hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def issue(self) -> str:
        conversation = "web:" + secrets.token_hex(16)
        return f"{conversation}.{self._signature(conversation)}"

    def conversation(self, session: Any) -> str | None:
        """The conversation id of a session this server signed, else None."""
        match = SESSION_RE.match(session) if isinstance(session, str) else None
        if not match:
            return None
        conversation, signature = match.groups()
        if not hmac.compare_digest(signature, self._signature(conversation)):
            return None
        return conversation


PAGE_TIMEOUT_MARGIN = 15.0   # seconds the page waits beyond the server's own time limit


def render_page(quick_replies: list[dict[str, str]], static_prefix: str, session: str = "",
                answer_timeout_seconds: float = 60.0) -> str:
    """The chat page with the chips rendered server-side (they work before JS runs), a new
    signed session for a visitor who has none yet, and the page's time limit: longer than the
    server's, so the server's polite answer arrives before the page gives up."""
    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    chips = "\n".join(
        '      <button type="button" class="chip" data-message="{m}">{t}</button>'.format(
            m=html.escape(item["message"], quote=True), t=html.escape(item["title"])
        )
        for item in quick_replies
    )
    return (template.replace("{{QUICK_REPLIES}}", chips).replace("{{STATIC}}", static_prefix)
            .replace("{{SESSION}}", html.escape(session, quote=True))
            .replace("{{TIMEOUT_MS}}",
                     str(int((answer_timeout_seconds + PAGE_TIMEOUT_MARGIN) * 1000))))


class WebChatOutput(OutputChannel):
    """Messages the web chat page fetches later: proactive ones (dossier notifications Rasa
    sends through trigger_intent?output_channel=webchat) go to the per-sender outbox the page
    polls (GET .../outbox), the same one volunteer answers use. Buttons cannot be pressed in a
    message that arrives this way: only the text is kept."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        if not (text or "").strip():
            return
        if not await handoff_link.webchat_put(unquote(str(recipient_id)), text):
            # Rasa answers the caller 500 only if this raises: the poller then retries.
            raise RuntimeError("web chat outbox unavailable")

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: list[dict[str, Any]], **kwargs: Any) -> None:
        # Rasa's default would add "1: title (payload)" lines; the citizen sees the text only.
        await self.send_text_message(recipient_id, text)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any],
                               **kwargs: Any) -> None:
        if isinstance(json_message, dict) and isinstance(json_message.get("text"), str):
            await self.send_text_message(recipient_id, json_message["text"])
        else:
            logger.debug("webchat: custom message without text not kept")

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))


class WebChatInput(InputChannel):
    """The web chat page and its JSON endpoint."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> "WebChatInput":
        """credentials.yml fields override DVCBOT_MAX_MESSAGE_CHARS / DVCBOT_RATE_LIMIT_PER_MINUTE."""
        credentials = credentials or {}
        defaults = Limits.from_env()

        def number(key: str, default: int, minimum: int) -> int:
            value = credentials.get(key)
            if value is None or str(value).strip() == "":
                return default
            try:
                parsed = int(value)
            except (TypeError, ValueError):
                raise ConfigError(f"credentials.yml: webchat {key}={value!r} is not a whole number") from None
            if parsed < minimum:
                raise ConfigError(f"credentials.yml: webchat {key}={parsed} must be at least {minimum}")
            return parsed

        return cls(
            max_message_chars=number("max_message_chars", defaults.max_message_chars, 1),
            rate_limit_per_minute=number("rate_limit_per_minute", defaults.rate_per_minute, 0),
            rate_limit_per_address_per_minute=number(
                "rate_limit_per_address_per_minute",
                settings().webchat.rate_per_address_per_minute, 0),
            answer_timeout_seconds=float(
                number("answer_timeout_seconds", settings().webchat.timeout_seconds, 1)
            ),
        )

    def __init__(
        self,
        max_message_chars: Optional[int] = None,
        rate_limit_per_minute: Optional[int] = None,
        database_url: Optional[str] = None,
        quick_replies_file: Path = QUICK_REPLIES_FILE,
        answer_timeout_seconds: float = 60.0,
        rate_limit_per_address_per_minute: Optional[int] = None,
        secret: Optional[str] = None,
    ) -> None:
        defaults = Limits.from_env()
        self.limits = Limits(
            rate_per_minute=defaults.rate_per_minute if rate_limit_per_minute is None else rate_limit_per_minute,
            max_message_chars=defaults.max_message_chars if max_message_chars is None else max_message_chars,
        )
        self.database_url = database_url
        self.pipeline = WebChatPipeline(self, Gate(self.limits, wording=texts(),
                                                   database_url=database_url),
                                        timeout=answer_timeout_seconds)
        self.inbox = Inbox(self.name(), database_url)
        self.history = WebChatHistory(database_url)
        self.on_new_message: Optional[Callable[[UserMessage], Awaitable[Any]]] = None
        self.quick_replies_file = quick_replies_file
        self.answer_timeout_seconds = answer_timeout_seconds
        self.outbox_locks = KeyedLocks()  # one outbox read at a time per sender
        self.buttons = ButtonPayloads(database_url)
        per_address = (settings().webchat.rate_per_address_per_minute
                       if rate_limit_per_address_per_minute is None
                       else rate_limit_per_address_per_minute)
        self.address_limiter = RateLimiter(per_address, scope="address", database_url=database_url)
        self.trusted = trusted_proxies()
        self._secret = secret or settings().webchat.secret
        self._sessions: Optional[Sessions] = Sessions(self._secret) if self._secret else None

    async def sessions(self) -> Sessions:
        """The session signer; its key from the settings, else shared through the database."""
        if self._sessions is None:
            secret = await asyncio.to_thread(store.shared_secret, SESSION_SECRET_NAME,
                                             self.database_url)
            self._sessions = Sessions(secret)
        return self._sessions

    def client(self, request: Request) -> str:
        """The client's address (X-Forwarded-For believed only from DVCBOT_TRUSTED_PROXIES)."""
        return client_address(request.ip, request.headers.get("X-Forwarded-For"), self.trusted)

    async def signed_request(self, request: Request) -> tuple[Any, Optional[str], Optional[HTTPResponse]]:
        """(JSON body, conversation id, None) for a request of a signed session, else the
        refusal to send as the third item (every page route but health and /zalo)."""
        body, refused = _json_body(request)
        if refused is not None:
            return None, None, refused
        sender, refused = await self.conversation_of(body)
        return body, sender, refused

    async def conversation_of(self, body: Any) -> tuple[Optional[str], Optional[HTTPResponse]]:
        """(conversation id, None) for a signed session, else (None, the refusal to send)."""
        session = body.get("session") if isinstance(body, dict) else None
        if not session:
            return None, response.json({"error": "session required",
                                        "messages": [_bot_text("", texts()["session_refused"])]}, status=401)
        conversation = (await self.sessions()).conversation(session)
        if conversation is None:
            logger.warning("webchat: a session this server did not sign was refused")
            return None, response.json({"error": "session not valid",
                                        "messages": [_bot_text("", texts()["session_refused"])]}, status=403)
        return conversation, None

    def get_output_channel(self) -> WebChatOutput:
        """What Rasa uses for proactive messages: they wait in the outbox for the page."""
        return WebChatOutput()

    async def take_outbox(self, sender: str, body: Any = None) -> list[dict[str, Any]]:
        """Waiting texts (volunteer answers, notifications) as bot messages, oldest first, each
        with its outbox id; the ids the page lists in `ack` are removed first (M6)."""
        ack = body.get("ack") if isinstance(body, dict) else None
        ack = [i for i in ack if isinstance(i, int)] if isinstance(ack, list) else None
        async with self.outbox_locks.hold(sender):
            return [{"text": t, "outbox_id": i}
                    for i, t in await handoff_link.webchat_take(sender, ack)]

    @property
    def max_message_chars(self) -> int:
        return self.limits.max_message_chars

    # ------------------------------------------------------------------ entry points
    async def _count_entry(self, sender: str, entry: EntryPoint, channel: str = "webchat") -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(
            None,
            lambda: record_entry(entry, self.database_url, channel=channel, sender=sender),
        )

    # ------------------------------------------------------------------ blueprint
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("webchat", __name__)
        channel = self
        self.on_new_message = on_new_message

        @bp.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):
                # the page uses relative links ("webhook", "static/..."): they need the slash
                query = ("?" + request.query_string) if request.query_string else ""
                return response.redirect(request.path + "/" + query)
            # relative links keep working behind a reverse proxy with a path prefix
            body = render_page(load_quick_replies(channel.quick_replies_file), "static/",
                               (await channel.sessions()).issue(),
                               channel.answer_timeout_seconds)
            return response.html(
                body,
                headers={
                    "Cache-Control": "no-cache",
                    "Content-Security-Policy": (
                        "default-src 'self'; img-src 'self' data: https:; "
                        "style-src 'self'; script-src 'self'; connect-src 'self'; "
                        "frame-ancestors 'none'"
                    ),
                    "X-Frame-Options": "DENY",
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer",
                },
            )

        @bp.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.text("not found", status=404)
            return response.raw(
                (STATIC_DIR / name).read_bytes(),
                content_type=STATIC_FILES[name],
                headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
            )

        @bp.listener("before_server_start")
        async def start_handoff(*_: Any) -> None:
            await handoff_link.start("webchat")  # its sender is the outbox, nothing to register

        @bp.route("/outbox", methods=["POST"])
        async def outbox(request: Request) -> HTTPResponse:
            """What the page polls (every few seconds while it is visible)."""
            body, sender, refused = await channel.signed_request(request)
            if refused is not None:
                return refused
            return response.json(await channel.take_outbox(sender, body),
                                 headers={"Cache-Control": "no-store"})

        @bp.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/zalo", methods=["GET"])
        async def zalo(request: Request) -> HTTPResponse:
            """Leaflet Zalo code when routed through the assistant: count, then go to the OA."""
            oa_id = settings().zalo.oa_id or ""
            if oa_id and not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", oa_id):
                logger.error("webchat: DVCBOT_ZALO_OA_ID is not a Zalo OA id; Zalo redirect disabled")
                oa_id = ""
            entry = parse_payload(request.args.get("ep"))
            if entry is not None:
                await channel._count_entry("zalo-scan:" + channel.client(request), entry, channel="zalo")
            if not oa_id:
                return response.html(
                    "<!doctype html><meta charset='utf-8'><p>" + texts()["zalo_page_missing"] + "</p>",
                    status=404,
                )
            return response.redirect(f"https://zalo.me/{oa_id}")

        @bp.route("/history", methods=["POST"])
        async def history(request: Request) -> HTTPResponse:
            """The visible conversation, for the page after a reload."""
            body, sender, refused = await channel.signed_request(request)
            if refused is not None:
                return refused
            turns = await asyncio.to_thread(channel.history.turns, sender)
            return response.json({"turns": turns}, headers={"Cache-Control": "no-store"})

        @bp.route("/upload", methods=["POST"])
        async def upload(request: Request) -> HTTPResponse:
            """A photo from the page's camera button: {"session", "image": base64,
            "client_id"?}; decoded in memory, never kept."""
            body, sender, refused = await channel.signed_request(request)
            if refused is not None:
                return refused
            return await channel.receive(request, body, sender, upload=True)

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, sender, refused = await channel.signed_request(request)
            if refused is not None:
                return refused
            return await channel.receive(request, body, sender)

        return bp

    # ------------------------------------------------------------------ one message
    async def receive(self, request: Request, body: dict[str, Any], sender: str,
                      upload: bool = False) -> HTTPResponse:
        """One message of the page, through the pipeline (verify: the session, done)."""
        client_id = body.get("client_id")
        client_id = client_id if isinstance(client_id, str) and CLIENT_ID.match(client_id) else None
        # 2. dedupe: "Gửi lại" of a question answered (or being answered) gets that answer
        row_id = None
        if client_id is not None:
            key, lease = f"{sender}:{client_id}", self.answer_timeout_seconds + PAGE_TIMEOUT_MARGIN
            row_id = await asyncio.to_thread(self.inbox.put, key, sender, {}, lease)
            if row_id is None:
                # the request that stored it died before answering: this one answers it
                row_id = await asyncio.to_thread(self.inbox.take_over, key, lease)
            if row_id is None:
                return response.json(await self._earlier_answer(sender, client_id, body))
        try:
            return await self._receive(request, body, sender, client_id, upload)
        finally:
            if row_id is not None:
                await asyncio.to_thread(self.inbox.done, row_id)

    async def _earlier_answer(self, sender: str, client_id: str,
                              body: dict[str, Any]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + self.answer_timeout_seconds
        while True:
            state = await asyncio.to_thread(self.inbox.state, f"{sender}:{client_id}")
            if state != "waiting" or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.25)   # the first request is still being answered
        logger.info("webchat: message from %s sent again, its answer given again",
                    sender_ref(sender))
        return (await asyncio.to_thread(self.history.answer_of, sender, client_id)
                + await self.take_outbox(sender, body))

    async def _receive(self, request: Request, body: dict[str, Any], sender: str,
                       client_id: Optional[str], upload: bool) -> HTTPResponse:
        # rate limit per client address first: new sessions from one address share it
        by_address = await asyncio.to_thread(self.address_limiter.check, self.client(request))
        if by_address is Verdict.REFUSE_SILENTLY:
            return response.json([])
        if by_address is Verdict.REFUSE_AND_TELL:
            logger.info("webchat: rate limited by address for %s", sender_ref(sender))
            return response.json([_bot_text(sender, texts()["rate_limited"])])
        reply = WebChatReply(sender)
        message = await self.citizen_message(body, sender, reply, upload)
        if message is None:
            return response.json(reply.output.messages)
        shown = body.get("shown") if isinstance(body.get("shown"), str) else message.text
        if shown and message.command != "start":
            await asyncio.to_thread(self.history.add_user, sender, shown, client_id)
        outcome = await self.pipeline.handle(message, self.on_new_message)
        if outcome is Outcome.FAILED:
            return response.json({"error": "not answered",
                                  "messages": [_bot_text(sender, texts()["server_error"])]}, status=503)
        if outcome is Outcome.HANDED_OFF:
            # the bot stays quiet; the page gets whatever waits for it (e.g. a rating's thanks)
            return response.json(await self.take_outbox(sender, body))
        answer = await self.buttons.encode_buttons(reply.output.messages)
        if outcome is Outcome.ANSWERED and not answer:
            # Rasa carries on silently when a custom action fails (action server down):
            # the citizen is asked to write again rather than left waiting.
            logger.warning("webchat: no answer to a message from %s", sender_ref(sender))
            answer = [_bot_text(sender, texts()["no_answer"])]
        answer = await asyncio.to_thread(self.history.add_bot, sender, answer, client_id)
        # Anything that arrived for this page meanwhile comes along with the answer.
        return response.json(answer + await self.take_outbox(sender, body))

    async def citizen_message(self, body: dict[str, Any], sender: str, reply: "WebChatReply",
                              upload: bool) -> Optional[CitizenMessage]:
        """The page's JSON as a CitizenMessage; None when answered here (a button pressed
        twice)."""
        made = dict(sender=sender, channel=self.name(), reply=reply)
        payload = body.get("entry_point")
        argument = payload if isinstance(payload, str) and payload else None
        if upload:
            data = _decoded(body.get("image"))
            reply.upload = data
            return CitizenMessage(kind=Kind.IMAGE, attachment=Attachment(
                "upload", None, len(data) if data is not None else None), argument=argument,
                **made)
        raw = body.get("message")
        raw = raw if isinstance(raw, str) else None
        if raw is not None and raw.strip() == GREETING:
            return CitizenMessage(kind=Kind.EVENT, command="start", argument=argument, **made)
        pressed = await self.buttons.decode(raw) if raw else None
        if pressed is not None:
            if not await asyncio.to_thread(self.history.press, sender, body.get("turn_id")):
                logger.info("webchat: a button of an answered question pressed again by %s",
                            sender_ref(sender))
                await reply.text(texts()["button_answered"])
                return None
            return CitizenMessage(kind=Kind.BUTTON, text=body.get("shown"), payload=pressed,
                                  argument=argument, **made)
        return CitizenMessage(kind=Kind.TEXT, text=raw, argument=argument, **made)


class WebChatPipeline(Pipeline):
    """The web chat keeps entry-point metadata only for a payload it could read (and counts
    it in the channel's database)."""

    def __init__(self, channel: "WebChatInput", gate: Gate, timeout: float):
        super().__init__(channel.name(), gate, timeout=timeout)
        self.webchat = channel

    async def entry_point(self, m: CitizenMessage) -> dict[str, Any]:
        entry = parse_payload(m.argument) if m.argument else None
        if entry is None:
            if m.argument:
                logger.info("webchat: unknown entry point %s", preview(str(m.argument)))
            return {}
        try:
            await self.webchat._count_entry(m.sender, entry)
        except Exception:  # noqa: BLE001 - counting never blocks a conversation
            logger.exception("webchat: entry point not counted")
        return {"entry_point": {**entry.to_dict(), "channel": self.channel}}


class WebChatReply(CollectingReply):
    """Answers collected for the HTTP response; an upload's bytes held for the pipeline."""

    def __init__(self, sender: str):
        super().__init__(sender)
        self.upload: Optional[bytes] = None

    async def failed(self) -> None:
        """The HTTP answer says it (503 and the polite text)."""

    async def download(self, attachment: Attachment, limit: int) -> bytes:
        data = self.upload or b""
        if len(data) > limit:
            raise TooLarge(len(data))
        return data


def _decoded(image: Any) -> Optional[bytes]:
    """The page's base64 image ("data:image/jpeg;base64,..." or bare), None if not base64."""
    if not isinstance(image, str):
        return None
    try:
        return base64.b64decode(image.split(",", 1)[-1], validate=True)
    except (ValueError, TypeError):
        return None


def _json_body(request: Request) -> tuple[Any, Optional[HTTPResponse]]:
    """The JSON object of a POST. Only `Content-Type: application/json` is read: a cross-site
    form or text/plain POST (which a browser sends without asking) is refused (L11)."""
    if (request.content_type or "").split(";")[0].strip().lower() != "application/json":
        return None, response.json({"error": "Content-Type must be application/json"}, status=415)
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - sanic raises InvalidUsage on bad JSON
        body = None
    if not isinstance(body, dict):
        return None, response.json({"error": "expected a JSON object"}, status=400)
    return body, None


def _bot_text(recipient_id: str, text: str) -> dict[str, str]:
    return {"recipient_id": recipient_id, "text": text}
