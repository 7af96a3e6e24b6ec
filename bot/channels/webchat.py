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
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import unquote

import yaml
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import (CollectingOutputChannel, InputChannel, OutputChannel,
                                        UserMessage)

from bot.channels import handoff_link, store
from bot.channels.base import (GREETING, Action, ConfigError, Gate, KeyedLocks, Limits, RateLimiter, Verdict,
                               client_address, handle_in_turn, preview, safe_user_text,
                               sender_ref, texts, trusted_proxies, typed_text)
from bot.channels.buttons import ButtonPayloads
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


def render_page(quick_replies: list[dict[str, str]], static_prefix: str, session: str = "") -> str:
    """The chat page with the chips rendered server-side (they work before JS runs) and a new
    signed session for a visitor who has none yet."""
    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    chips = "\n".join(
        '      <button type="button" class="chip" data-message="{m}">{t}</button>'.format(
            m=html.escape(item["message"], quote=True), t=html.escape(item["title"])
        )
        for item in quick_replies
    )
    return (template.replace("{{QUICK_REPLIES}}", chips).replace("{{STATIC}}", static_prefix)
            .replace("{{SESSION}}", html.escape(session, quote=True)))


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
        self.gate = Gate(self.limits, wording=texts())
        self.database_url = database_url
        self.quick_replies_file = quick_replies_file
        self.answer_timeout_seconds = answer_timeout_seconds
        self.outbox_locks = KeyedLocks()  # one outbox read at a time per sender
        self.buttons = ButtonPayloads(database_url)
        per_address = (settings().webchat.rate_per_address_per_minute
                       if rate_limit_per_address_per_minute is None
                       else rate_limit_per_address_per_minute)
        self.address_limiter = RateLimiter(per_address)
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

    async def text_for_rasa(self, text: str) -> str:
        """A pressed button's payload, the page's own command, or what the citizen typed."""
        pressed = await self.buttons.decode(text)
        if pressed is not None:
            return safe_user_text(pressed)
        return GREETING if text.strip() == GREETING else typed_text(text)

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

        @bp.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):
                # the page uses relative links ("webhook", "static/..."): they need the slash
                query = ("?" + request.query_string) if request.query_string else ""
                return response.redirect(request.path + "/" + query)
            # relative links keep working behind a reverse proxy with a path prefix
            body = render_page(load_quick_replies(channel.quick_replies_file), "static/",
                               (await channel.sessions()).issue())
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
            body, refused = _json_body(request)
            if refused is not None:
                return refused
            sender, refused = await channel.conversation_of(body)
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

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, refused = _json_body(request)
            if refused is not None:
                return refused
            sender, refused = await channel.conversation_of(body)
            if refused is not None:
                return refused
            raw = body.get("message")
            raw = raw if isinstance(raw, str) else None
            # per client address first: new sessions from one address share its allowance
            by_address = channel.address_limiter.check(channel.client(request))
            if by_address is Verdict.REFUSE_SILENTLY:
                return response.json([])
            if by_address is Verdict.REFUSE_AND_TELL:
                logger.info("webchat: rate limited by address for %s", sender_ref(sender))
                return response.json([_bot_text(sender, texts()["rate_limited"])])
            verdict = channel.gate.check("webchat:" + sender, raw)
            if verdict.action is Action.DROP:
                return response.json([])
            if verdict.action is Action.REPLY and verdict.reason != "non_text":
                logger.info("webchat: %s from %s", verdict.reason, sender_ref(sender))
                return response.json([_bot_text(sender, verdict.reply)])
            # A hand-off in progress (or its rating) takes the message; the bot stays quiet and
            # the page gets whatever waits for it (e.g. the thanks for a rating).
            if await handoff_link.route_citizen(sender, channel.name(), raw):
                logger.info("webchat: message from %s relayed to the hand-off", sender_ref(sender))
                return response.json(await channel.take_outbox(sender, body))
            if verdict.action is Action.REPLY:
                logger.info("webchat: %s from %s", verdict.reason, sender_ref(sender))
                return response.json([_bot_text(sender, verdict.reply)])
            text = await channel.text_for_rasa(verdict.text)
            if not text:
                return response.json([_bot_text(sender, texts()["non_text"])])

            metadata: dict[str, Any] = {}
            payload = body.get("entry_point")
            entry = parse_payload(payload) if payload else None
            if entry is not None:
                metadata["entry_point"] = {**entry.to_dict(), "channel": channel.name()}
                try:
                    await channel._count_entry(sender, entry)
                except Exception:  # noqa: BLE001 - counting never blocks a conversation
                    logger.exception("webchat: entry point not counted")
            elif payload:
                logger.info("webchat: unknown entry point %s", preview(str(payload)))

            collector = CollectingOutputChannel()
            message = UserMessage(
                text,
                collector,
                sender,
                input_channel=channel.name(),
                metadata=metadata or None,
            )
            try:
                await asyncio.wait_for(handle_in_turn(on_new_message, message),
                                       channel.answer_timeout_seconds)
            except Exception as exc:  # noqa: BLE001 - the page shows a polite message
                logger.error(
                    "webchat: message from %s not answered (%s): %s",
                    sender_ref(sender),
                    exc.__class__.__name__,
                    preview(text),
                )
                return response.json(
                    {"error": "not answered", "messages": [_bot_text(sender, texts()["server_error"])]},
                    status=503,
                )
            # Anything that arrived for this page meanwhile comes along with the answer.
            answer = (await channel.buttons.encode_buttons(collector.messages)
                      + await channel.take_outbox(sender, body))
            if not answer:
                # Rasa carries on silently when a custom action fails (action server down):
                # the citizen is asked to write again rather than left waiting.
                logger.warning("webchat: no answer to %s from %s", preview(text), sender_ref(sender))
                answer = [_bot_text(sender, texts()["no_answer"])]
            return response.json(answer)

        return bp


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
