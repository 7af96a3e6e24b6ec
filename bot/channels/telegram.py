"""Telegram channel for Rasa, through python-telegram-bot.

credentials.yml:

    bot.channels.telegram.TelegramInput:
      token: ${TELEGRAM_BOT_TOKEN}
      secret_token: ${TELEGRAM_WEBHOOK_SECRET}

Route: POST /webhooks/telegram/webhook. Telegram (or `dvcbot telegram --polling`) sends each
Update there with the header X-Telegram-Bot-Api-Secret-Token; a missing header gets 401, a wrong
one 403, and nothing reaches the assistant. A valid update is acknowledged at once and handled in
the background, one at a time per chat, in arrival order.

What a citizen can send:
  - text, or a photo/document with a caption (the caption is read: it may carry a dossier code);
  - a tap on an inline button: the payload behind its opaque key goes to the assistant
    (bot.channels.buttons; a forged or unknown key gets the "button expired" answer);
  - /start <payload>: a leaflet's deep link; the assistant receives "/greet" with metadata
    {"entry_point": {"source", "commune", "team", "channel": "telegram"}};
  - /help (or /menu): help text and the menu keyboard, answered here;
  - /huy (or /cancel): the assistant receives "/deny" with metadata {"command": "cancel"};
  - a menu button (texts.yml `menu`): its payload goes to the assistant.
Any other text, even one that begins with "/", reaches the assistant as words, never as Rasa's
`/intent{entities}` syntax (base.typed_text).
A voice note or audio file goes to the hand-off (`_voice_note`): relayed to the volunteers
during a hand-off, else a volunteer is offered. Anything else (stickers, photos without
caption) gets the "text only" answer.

Conversation ids are "tg:<chat id>". Answers are split under Telegram's 4096 characters; the
chat shows "typing..." while the assistant prepares an answer.

Volunteer hand-off (bot.handoff, through bot.channels.handoff_link): every update is offered to
the hand-off first, before the rate gate and before a button is decoded; group chats, "claim:<id>"
buttons, registered members' commands and thread replies are the volunteers' and never reach the
assistant. A citizen's private text (after the gate, /start and /help, before /huy becomes
"/deny") goes to the volunteer while a hand-off is in progress; "/huy" then cancels the
request. Volunteers' answers reach Telegram citizens through this channel's Bot.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import time
from typing import Any, Awaitable, Callable
from urllib.parse import unquote

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import (Bot, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton,
                      ReplyKeyboardMarkup, Update)
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.channels import handoff_link, store
from bot.channels.zalo_api import Outbox
from bot.channels.base import (Action, Background, ConfigError, Gate, KeyedLocks, SeenCache, TextOutputMixin,
                               answer_in_time, entry_point_metadata, preview, safe_user_text,
                               sender_ref, setting, split_text, texts, typed_text, utf16_len)
from bot.channels.buttons import ButtonPayloads
from bot.handoff import CitizenMedia

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and Bot API URLs contain the bot token.
if logging.getLogger("httpx").level == logging.NOTSET:
    logging.getLogger("httpx").setLevel(logging.WARNING)

CHANNEL = "telegram"
SENDER_PREFIX = "tg:"
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MESSAGE_LIMIT = 4000          # Telegram allows 4096 (UTF-16 units); keep a margin
CALLBACK_DATA_LIMIT = 64      # bytes
TYPING_EVERY = 4.5            # a chat action shows for about 5 seconds
SEND_ATTEMPTS = 3             # quick tries before an answer goes to the outbox
FLOOD_WAIT_INLINE = 30.0      # wait in line for flood control up to this; longer: the outbox
NETWORK_RETRY_AFTER = 30.0    # an answer lost to the network is tried again this much later
OUTBOX_RETRY_EVERY = 15.0     # how often the outbox is looked at
POSSIBLE_REPEAT = "possible_repeat"
MAX_QUEUED_PER_CHAT = 30      # updates of one chat waiting their turn; more are dropped
OUTBOX_MAX_ATTEMPTS = 12      # then the message is marked failed (listed in the report)
# Telegram allows 1-256 of these characters; the secret is all that makes an update (and so a
# citizen's or volunteer's Telegram id) trustworthy: at least 32 (L1).
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,256}$")
CANCEL_COMMANDS = {"huy", "cancel"}
HELP_COMMANDS = {"help", "menu", "trogiup"}


def chat_id_of(recipient_id: str) -> int | str:
    """Telegram chat id from a conversation id ("tg:123" or a bare "123").

    A percent-encoded id ("tg%3A123") is decoded: Rasa's HTTP API (Sanic 21) does not decode
    the <conversation_id> of /conversations/<id>/trigger_intent, and a caller that quoted the
    ":" would otherwise send to a chat that does not exist."""
    raw = unquote(str(recipient_id))
    if raw.startswith(SENDER_PREFIX):
        raw = raw[len(SENDER_PREFIX):]
    try:
        return int(raw)
    except ValueError:
        return raw


def make_bot(token: str, api_base_url: str | None = None) -> Bot:
    return Bot(token=token, base_url=api_base_url or DEFAULT_API_BASE_URL)


# --------------------------------------------------------------------------- output


class Undelivered(RuntimeError):
    """A proactive message (trigger_intent) Telegram did not take: Rasa answers 500, so the
    dossier poller keeps the notification pending and tries again."""

    def __init__(self, message: str, retry_in: float, flood: bool, maybe_sent: int):
        super().__init__(message)
        self.retry_in, self.flood, self.maybe_sent = retry_in, flood, maybe_sent


def _maybe_sent(error: Exception) -> bool:
    """Whether a failed request may still have reached Telegram (the answer was lost): a
    read timeout or a dropped connection may; a connect error or a full pool did not."""
    cause = error.__cause__
    if isinstance(cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return False
    return isinstance(error, (TimedOut, NetworkError))


def _seconds(wait: Any) -> float:
    return wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)


class TelegramOutput(TextOutputMixin, OutputChannel):
    """Sends the assistant's answers through python-telegram-bot's Bot.

    An answer Telegram does not take after a few quick tries (network, flood control longer
    than FLOOD_WAIT_INLINE) is never dropped: it goes to the outbox (table channel_outbox,
    channel "telegram"), retried in order by TelegramInput every OUTBOX_RETRY_EVERY seconds,
    waiting as long as Telegram's retry_after asks. Once one message of a chat is in the
    outbox, the following ones of the same answer queue behind it. A proactive output
    (`proactive=True`, Rasa's trigger_intent: dossier notifications) raises Undelivered
    instead, so that the notification counts as sent only once Telegram took it. Telegram has
    no idempotency key: a send whose answer was lost (timeout, dropped connection) and that is
    sent again may reach the citizen twice; such repeats are counted (channel_counts
    "possible_repeat", in `dvcbot report`)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, bot: Bot, callbacks: ButtonPayloads, outbox: Outbox | None = None,
                 proactive: bool = False):
        self.bot = bot
        self.callbacks = callbacks
        self.outbox = outbox or Outbox(callbacks.database_url, channel=CHANNEL)
        self.proactive = proactive
        self.queued: set[str] = set()  # chats whose answer continues in the outbox

    async def _call(self, what: str, send: Callable[[], Awaitable[Any]],
                    keep: dict[str, Any] | None = None) -> Any:
        """One Bot API call with Telegram's flood control and short network retries.

        `keep`: the message as the outbox stores it; given, a message Telegram did not take
        goes to the outbox (or, proactive, raises Undelivered). None: returns None."""
        maybe_sent = 0   # tries that may have reached Telegram although their answer was lost
        for attempt in range(SEND_ATTEMPTS):
            try:
                result = await send()
            except RetryAfter as exc:
                seconds = _seconds(exc.retry_after)
                logger.warning("telegram: flood control on %s, retry after %.0f s", what, seconds)
                if seconds > FLOOD_WAIT_INLINE or attempt == SEND_ATTEMPTS - 1:
                    return await self._undelivered(what, keep, "flood control", seconds, maybe_sent)
                await asyncio.sleep(seconds)
            except Forbidden:
                logger.info("telegram: %s refused, the citizen blocked the bot", what)
                return None
            except (TimedOut, NetworkError) as exc:
                maybe_sent += _maybe_sent(exc)
                if attempt == SEND_ATTEMPTS - 1:
                    return await self._undelivered(what, keep, type(exc).__name__,
                                                   NETWORK_RETRY_AFTER, maybe_sent)
                await asyncio.sleep(0.5 * (attempt + 1))
            except TelegramError as exc:
                logger.error("telegram: %s rejected: %s", what, exc.message)
                return None
            else:
                if maybe_sent:
                    await self._possible_repeat(what, maybe_sent)
                return result
        return None

    async def _possible_repeat(self, what: str, times: int = 1) -> None:
        logger.warning("telegram: %s sent again after %d lost answer(s): the citizen may see it "
                       "more than once", what, times)
        try:
            await asyncio.to_thread(store.count, CHANNEL, POSSIBLE_REPEAT, self.outbox.database_url,
                                    times)
        except Exception:  # noqa: BLE001 - counting never stops an answer
            logger.exception("telegram: could not count a possible repeat")

    async def _undelivered(self, what: str, keep: dict[str, Any] | None, reason: str,
                           retry_in: float, maybe_sent: int) -> None:
        if keep is None:
            logger.error("telegram: %s failed: %s", what, reason)
            return None
        if self.proactive:
            raise Undelivered(f"telegram: {what} not delivered ({reason})", retry_in,
                              reason == "flood control", maybe_sent)
        chat = str(keep["chat_id"])
        self.queued.add(chat)
        item = dict(keep, maybe_sent=maybe_sent)
        await asyncio.to_thread(self.outbox.add, chat, item, None, reason,
                                time.time() + max(retry_in, 1.0))
        logger.warning("telegram: %s to %s kept in the outbox (%s), retried in %.0f s", what,
                       sender_ref(chat), reason, retry_in)
        return None

    async def _send(self, what: str, message: dict[str, Any]) -> Any:
        """Send one outbox-shaped message, or queue it behind this chat's earlier ones."""
        chat = str(message["chat_id"])
        if chat in self.queued and not self.proactive:
            await asyncio.to_thread(self.outbox.add, chat, dict(message, maybe_sent=0), None,
                                    "queued behind an undelivered message",
                                    time.time() + NETWORK_RETRY_AFTER)
            return None
        return await self._call(what, lambda: self.deliver_message(message), keep=message)

    async def deliver_message(self, message: dict[str, Any]) -> Any:
        """One Bot API call from its outbox form {"method", "chat_id", ...}."""
        markup = message.get("reply_markup")
        if isinstance(markup, dict):
            kind = InlineKeyboardMarkup if "inline_keyboard" in markup else ReplyKeyboardMarkup
            markup = kind.de_json(markup, self.bot)
        if message.get("method") == "sendPhoto":
            return await self.bot.send_photo(chat_id=message["chat_id"], photo=message["photo"])
        return await self.bot.send_message(chat_id=message["chat_id"], text=message["text"],
                                           reply_markup=markup)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        chat_id = chat_id_of(recipient_id)
        for piece in split_text(text, MESSAGE_LIMIT, utf16_len):
            await self._send("sendMessage", {"method": "sendMessage", "chat_id": chat_id,
                                             "text": piece})

    async def deliver_text(self, recipient_id: str, text: str) -> bool:
        """Like send_text_message, but says whether Telegram took every piece (the hand-off
        tells the volunteer when a relayed answer did not arrive); nothing goes to the outbox."""
        chat_id = chat_id_of(recipient_id)
        for piece in split_text(text, MESSAGE_LIMIT, utf16_len):
            sent = await self._call("sendMessage",
                                    lambda p=piece: self.bot.send_message(chat_id=chat_id, text=p))
            if sent is None:
                return False
        return True

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: list[dict[str, Any]], **kwargs: Any) -> None:
        chat_id = chat_id_of(recipient_id)
        pieces = split_text(text, MESSAGE_LIMIT, utf16_len) or ["👇"]
        for piece in pieces[:-1]:
            await self._send("sendMessage", {"method": "sendMessage", "chat_id": chat_id,
                                             "text": piece})
        rows = []
        for button in buttons:
            title = str(button.get("title") or button.get("payload") or "").strip()[:64] or "…"
            if button.get("url"):
                rows.append([InlineKeyboardButton(title, url=str(button["url"]))])
                continue
            payload = str(button.get("payload") or title)
            rows.append([InlineKeyboardButton(title,
                                              callback_data=await self.callbacks.encode(
                                                  payload, CALLBACK_DATA_LIMIT))])
        markup = InlineKeyboardMarkup(rows).to_dict() if rows else None
        await self._send("sendMessage", {"method": "sendMessage", "chat_id": chat_id,
                                         "text": pieces[-1], "reply_markup": markup})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        chat_id = chat_id_of(recipient_id)
        await self._send("sendPhoto", {"method": "sendPhoto", "chat_id": chat_id, "photo": image})

    async def send_menu(self, recipient_id: str, text: str) -> None:
        """`text` with the menu keyboard under the typing box (texts.yml `menu`)."""
        chat_id = chat_id_of(recipient_id)
        rows = [[KeyboardButton(item["label"])] for item in texts()["menu"]]
        markup = ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True).to_dict()
        pieces = split_text(text, MESSAGE_LIMIT, utf16_len) or ["👇"]
        for piece in pieces[:-1]:
            await self._send("sendMessage", {"method": "sendMessage", "chat_id": chat_id,
                                             "text": piece})
        await self._send("sendMessage", {"method": "sendMessage", "chat_id": chat_id,
                                         "text": pieces[-1], "reply_markup": markup})

    async def typing(self, recipient_id: str) -> None:
        chat_id = chat_id_of(recipient_id)
        try:
            await self.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
        except TelegramError as exc:
            logger.debug("telegram: typing indicator failed: %s", type(exc).__name__)


# --------------------------------------------------------------------------- input


class TelegramInput(InputChannel):
    """Rasa input channel "telegram" (credentials key bot.channels.telegram.TelegramInput)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "TelegramInput":
        token = setting(credentials, "token", "TELEGRAM_BOT_TOKEN")
        secret = setting(credentials, "secret_token", "TELEGRAM_WEBHOOK_SECRET")
        base_url = setting(credentials, "api_base_url", "TELEGRAM_API_BASE_URL")
        if not token:
            raise RasaException("telegram channel: set TELEGRAM_BOT_TOKEN "
                                "(or `token` in credentials.yml)")
        if not secret:
            raise RasaException("telegram channel: set TELEGRAM_WEBHOOK_SECRET "
                                "(or `secret_token` in credentials.yml)")
        try:
            return cls(token, secret, base_url)
        except ConfigError as exc:
            raise RasaException(f"telegram channel: {exc}") from None

    def __init__(self, token: str, secret_token: str, api_base_url: str | None = None, *,
                 gate: Gate | None = None, database_url: str | None = None):
        if not SECRET_SHAPE.match(secret_token or ""):
            raise ConfigError("TELEGRAM_WEBHOOK_SECRET must be 32-256 characters among "
                              "A-Z a-z 0-9 _ - (e.g. `python -c 'import secrets; "
                              "print(secrets.token_urlsafe(32))'`)")
        self.token = token
        self.secret_token = secret_token
        self.api_base_url = api_base_url or DEFAULT_API_BASE_URL
        self.gate = gate or Gate()
        self.callbacks = ButtonPayloads(database_url)
        self.outbox = Outbox(database_url, channel=CHANNEL)
        self._maintenance: asyncio.Task | None = None
        self.seen_updates = SeenCache(ttl=3600)
        self.locks = KeyedLocks()
        self.background = Background("telegram")
        self._bot: Bot | None = None

    # The Bot (and its HTTP connection pool) is made on first use, inside the server's loop.
    @property
    def bot(self) -> Bot:
        if self._bot is None:
            self._bot = make_bot(self.token, self.api_base_url)
        return self._bot

    def get_output_channel(self) -> TelegramOutput:
        """What Rasa uses for proactive messages (trigger_intent?output_channel=telegram, e.g.
        dossier notifications): conversation ids "tg:<chat id>" are enough to send. A message
        Telegram does not take makes Rasa answer 500, so that the poller tries again later."""
        return TelegramOutput(self.bot, self.callbacks, self.outbox, proactive=True)

    def output(self) -> TelegramOutput:
        """The output for answers to a citizen's message: undelivered ones go to the outbox."""
        return TelegramOutput(self.bot, self.callbacks, self.outbox)

    async def retry_due(self, now: float | None = None) -> int:
        """Send the outbox messages whose time has come, oldest first, in order per chat."""
        due = await asyncio.to_thread(self.outbox.due, now if now is not None else time.time())
        output = self.output()
        held: set[str] = set()   # chats whose earlier message failed again this round
        sent = 0
        for item in due:
            if item.recipient_id in held:
                continue
            message = {k: v for k, v in item.message.items() if k != "maybe_sent"}
            retry = TelegramOutput(self.bot, self.callbacks, self.outbox, proactive=True)
            try:
                await retry._call(message.get("method", "sendMessage"),
                                  lambda m=message: output.deliver_message(m), keep=message)
            except Undelivered as exc:
                held.add(item.recipient_id)
                # flood control: exactly as long as Telegram asks; network: backing off
                retry_in = exc.retry_in if exc.flood else NETWORK_RETRY_AFTER * min(
                    2 ** item.attempts, 64)
                status = "failed" if item.attempts >= OUTBOX_MAX_ATTEMPTS else "pending"
                earlier = int(item.message.get("maybe_sent") or 0)
                kept = dict(item.message, maybe_sent=earlier + exc.maybe_sent) if exc.maybe_sent else None
                await asyncio.to_thread(self.outbox.failed_again, item.id, None, str(exc),
                                        time.time() + retry_in, status, kept)
                continue
            if item.message.get("maybe_sent"):
                await output._possible_repeat("outbox resend", int(item.message["maybe_sent"]))
            try:
                await asyncio.to_thread(self.outbox.delivered, item.id)
            except Exception:  # noqa: BLE001 - the row will be sent again: count the repeat
                logger.exception("telegram: outbox row %s sent but not marked delivered", item.id)
                await output._possible_repeat("outbox record")
            sent += 1
        if due:
            logger.info("telegram: outbox retry sent %d of %d", sent, len(due))
        return sent

    async def _maintain(self) -> None:
        while True:
            await asyncio.sleep(OUTBOX_RETRY_EVERY)
            try:
                await self.retry_due()
            except Exception:  # noqa: BLE001 - tried again next round
                logger.exception("telegram: outbox retry failed")

    async def send_to_citizen(self, recipient_id: str, text: str) -> bool:
        """The hand-off's way to a Telegram citizen: this channel's Bot (token, base URL)."""
        return await self.output().deliver_text(recipient_id, text)

    async def connect_handoff(self) -> None:
        """At server start: volunteer answers to Telegram citizens go out through this channel."""
        service = await handoff_link.start(CHANNEL, self.send_to_citizen)
        if service is None:
            return
        bots = getattr(service, "telegram", None)
        if bots is None:
            logger.warning("hand-off: TELEGRAM_BOT_TOKEN is not set in the environment, so no "
                           "ticket reaches a volunteer group; citizens are answered by the bot")
        elif (bots.token != self.token
              or bots.base_url.rstrip("/") != self.api_base_url.rstrip("/")):
            logger.warning("hand-off: TELEGRAM_BOT_TOKEN / TELEGRAM_API_BASE_URL differ from the "
                           "telegram channel's credentials; volunteers' buttons and replies "
                           "only work when both name the same bot")

    def secret_ok(self, presented: str | None) -> bool:
        return presented is not None and hmac.compare_digest(
            presented.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("dvcbot_telegram_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            presented = request.headers.get(SECRET_HEADER)
            if presented is None:
                logger.warning("telegram: update without secret token refused")
                return response.json({"error": "secret token missing"}, status=401)
            if not self.secret_ok(presented):
                logger.warning("telegram: update with a wrong secret token refused")
                return response.json({"error": "secret token wrong"}, status=403)
            try:
                data = request.json
            except Exception:
                data = None
            if not isinstance(data, dict) or "update_id" not in data:
                return response.json({"error": "not a Telegram update"}, status=400)
            try:
                update = Update.de_json(data, self.bot)
            except Exception:
                # 200 all the same: Telegram would otherwise resend it and hold up the queue (L15)
                logger.warning("telegram: update %s could not be parsed, dropped",
                               data.get("update_id"))
                return response.json({"status": "unreadable update dropped"})
            if not self.seen_updates.first_time(str(update.update_id)):
                logger.info("telegram: update %s delivered twice, ignored", update.update_id)
                return response.json({"status": "duplicate"})
            chat = update.effective_chat
            if chat is not None and self.locks.waiting(str(chat.id)) >= MAX_QUEUED_PER_CHAT:
                # one chat flooding: acknowledged (so Telegram does not resend) but not queued (M8)
                logger.warning("telegram: update %s dropped, %d already waiting for that chat",
                               update.update_id, MAX_QUEUED_PER_CHAT)
                return response.json({"status": "dropped"})
            self.background.start(self.handle_update(update, on_new_message, raw=data))
            return response.json({"status": "ok"})

        @bp.listener("before_server_start")
        async def start_handoff(*_: Any) -> None:
            await self.connect_handoff()
            self._maintenance = asyncio.ensure_future(self._maintain())

        @bp.listener("after_server_stop")
        async def close_bot(*_: Any) -> None:
            if self._maintenance is not None:
                self._maintenance.cancel()
            await self.background.wait(10)
            if self._bot is not None:
                try:
                    await self._bot.shutdown()
                except Exception:  # pragma: no cover - best effort at shutdown
                    pass

        return bp

    # ----------------------------------------------------------------------- handling

    async def handle_update(self, update: Update,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]],
                            raw: dict[str, Any] | None = None) -> None:
        """Handle one update; a chat's updates are handled one at a time, in arrival order.

        The volunteers' side sees every update first (group chats, claim buttons, registered
        members' commands and replies): what it takes never reaches the assistant."""
        chat = update.effective_chat
        key = str(chat.id) if chat is not None else "?"
        async with self.locks.hold(key):
            if await handoff_link.volunteer_update(raw if raw is not None else update):
                logger.debug("telegram: update %s taken by the hand-off", update.update_id)
                return
            if update.callback_query is not None:
                await self._handle_button(update, on_new_message)
            elif update.message is not None:
                await self._handle_message(update, on_new_message)
            else:
                # edited messages (the answer was already given), channel posts, member updates
                logger.debug("telegram: update %s of another kind ignored", update.update_id)

    async def _handle_button(self, update: Update, on_new_message: Callable) -> None:
        query = update.callback_query
        output = self.output()
        message = query.message
        try:
            await self.bot.answer_callback_query(query.id)
        except TelegramError as exc:
            logger.debug("telegram: answerCallbackQuery failed: %s", type(exc).__name__)
        if message is None or message.chat.type != ChatType.PRIVATE:
            return
        sender = SENDER_PREFIX + str(message.chat.id)
        # Take the buttons away so that an old question is not answered twice.
        try:
            await self.bot.edit_message_reply_markup(chat_id=message.chat.id,
                                                     message_id=message.message_id,
                                                     reply_markup=None)
        except TelegramError as exc:
            logger.debug("telegram: could not remove the buttons: %s", type(exc).__name__)
        data = query.data or ""
        if data.startswith("k:"):
            payload = await self.callbacks.decode(data)
            if payload is None:  # not (or no longer) a key this server issued
                await output.send_text_message(sender, texts()["button_expired"])
                return
            text = safe_user_text(payload)
        else:
            # a plain-text button (or callback_data forged by a modified client): typed text
            text = typed_text(data)
        await self._forward(sender, text, {"channel": CHANNEL, "button": True},
                            on_new_message, output)

    async def _handle_message(self, update: Update, on_new_message: Callable) -> None:
        message = update.message
        if message.chat.type != ChatType.PRIVATE:
            logger.debug("telegram: message in a %s chat ignored", message.chat.type)
            return
        sender = SENDER_PREFIX + str(message.chat.id)
        output = self.output()
        raw_text = message.text if message.text is not None else message.caption
        metadata: dict[str, Any] = {"channel": CHANNEL}

        # The gate once per message: rate limit and size first; "not text" is answered only
        # after the hand-off had its look (a photo sent to a volunteer is reported to them).
        verdict = self.gate.check(sender, raw_text)
        if verdict.action is not Action.FORWARD and verdict.reason != "non_text":
            await self._refuse(sender, verdict, output)
            return

        command, argument = _command(raw_text) if message.text is not None else (None, None)
        if command == "start":
            metadata.update(await asyncio.to_thread(entry_point_metadata, argument,
                                                    CHANNEL, sender))
            await self._forward(sender, "/greet", metadata, on_new_message, output,
                                then_menu=True, gated=True)
            return
        if command in HELP_COMMANDS:
            await output.send_menu(sender, texts()["help"])
            return

        if message.voice is not None or message.audio is not None:
            await self._voice_note(sender, message, output)
            return
        # A hand-off in progress (or its rating) takes the message; "/huy" cancels it there.
        if await handoff_link.route_citizen(sender, CHANNEL, raw_text):
            logger.info("telegram: message from %s relayed to the hand-off", sender_ref(sender))
            return
        if verdict.action is not Action.FORWARD:
            await self._refuse(sender, verdict, output)
            return

        text = verdict.text or ""
        if command in CANCEL_COMMANDS:
            metadata["command"] = "cancel"
            await self._forward(sender, "/deny", metadata, on_new_message, output, gated=True)
            return
        # Any other "/word": the intent filter below decides.
        for item in texts()["menu"]:
            if text == str(item["label"]).strip():
                if item["payload"] == "help":
                    await output.send_menu(sender, texts()["help"])
                    return
                text = str(item["payload"])
                metadata["menu"] = True
                break
        else:
            text = typed_text(text)  # never Rasa's /intent{entities} syntax
        await self._forward(sender, text, metadata, on_new_message, output, gated=True)

    async def _voice_note(self, sender: str, message: Any, output: TelegramOutput) -> None:
        """Hand-off voice-note relay (bot.handoff, HandoffService.citizen_media): a voice note
        or audio file goes to the volunteers of the citizen's ticket (by file id), or a
        volunteer is offered; without volunteers, the usual "text only" answer."""
        audio = message.voice or message.audio
        media = CitizenMedia("voice" if message.voice is not None else "audio",
                             file_id=audio.file_id, mime_type=audio.mime_type)
        answer = await handoff_link.citizen_media(sender, CHANNEL, media)
        logger.info("telegram: voice note from %s (%s)", sender_ref(sender), answer.status)
        if answer.status == "unavailable":
            await output.send_text_message(sender, texts()["non_text"])
        elif answer.buttons:
            await output.send_text_with_buttons(sender, answer.text or "", answer.buttons)
        elif answer.text:
            await output.send_text_message(sender, answer.text)

    async def _gate(self, sender: str, text: str | None, output: TelegramOutput) -> str | None:
        """The text to hand over, or None when the gate answered (or dropped) the message."""
        result = self.gate.check(sender, text)
        if result.action is Action.FORWARD:
            return result.text
        logger.info("telegram: message from %s not forwarded (%s)", sender_ref(sender),
                    result.reason)
        if result.action is Action.REPLY:
            await output.send_text_message(sender, result.reply or "")
        return None

    async def _refuse(self, sender: str, verdict: Any, output: TelegramOutput) -> None:
        logger.info("telegram: message from %s not forwarded (%s)", sender_ref(sender),
                    verdict.reason)
        if verdict.action is Action.REPLY:
            await output.send_text_message(sender, verdict.reply or "")

    async def _forward(self, sender: str, text: str | None, metadata: dict[str, Any],
                       on_new_message: Callable, output: TelegramOutput,
                       then_menu: bool = False, gated: bool = False) -> None:
        """Hand `text` to the assistant. `gated`: the message already passed the gate."""
        if gated:
            admitted = (text or "").strip() or None
            if admitted is None:  # e.g. a lone "/" once the intent filter dropped the slash
                await output.send_text_message(sender, texts()["non_text"])
                return
        else:
            admitted = await self._gate(sender, text, output)
        if admitted is None:
            return
        logger.info("telegram: message from %s (%d chars)", sender_ref(sender), len(admitted))
        logger.debug("telegram: preview %r", preview(admitted))
        await output.typing(sender)  # before the assistant starts, so it shows at once
        typing = asyncio.ensure_future(_keep_typing(output, sender))
        try:
            if not await answer_in_time(on_new_message, UserMessage(admitted, output, sender,
                                                                    input_channel=CHANNEL,
                                                                    metadata=metadata)):
                logger.error("telegram: no answer in time to a message from %s", sender_ref(sender))
                await output.send_text_message(sender, texts()["busy"])
        except Exception:
            logger.exception("telegram: the assistant failed on a message from %s",
                             sender_ref(sender))
        finally:
            typing.cancel()
        if then_menu:
            await output.send_menu(sender, texts()["menu_hint"])


def _command(text: str | None) -> tuple[str | None, str | None]:
    """("start", "payload") for "/start payload"; (None, None) for anything else."""
    if not text or not text.startswith("/"):
        return None, None
    head, _, rest = text.strip().partition(" ")
    name = head[1:].split("@", 1)[0].lower()
    if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
        return None, None
    if name not in {"start"} | HELP_COMMANDS | CANCEL_COMMANDS:
        return None, None
    return name, rest.strip() or None


async def _keep_typing(output: TelegramOutput, sender: str) -> None:
    while True:
        await asyncio.sleep(TYPING_EVERY)
        await output.typing(sender)
