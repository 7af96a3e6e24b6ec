"""Telegram channel for Rasa, through python-telegram-bot.

credentials.yml:

    bot.channels.telegram.TelegramInput:
      token: ${TELEGRAM_BOT_TOKEN}
      secret_token: ${TELEGRAM_WEBHOOK_SECRET}

Route: POST /webhooks/telegram/webhook. Telegram (or `dvcbot telegram --polling`) sends each
Update there with the header X-Telegram-Bot-Api-Secret-Token; a missing header gets 401, a wrong
one 403, and nothing reaches the assistant. A valid update is written to the durable inbox
(bot.channels.inbox, unique on update_id: a resent update is a no-op on every replica) and
then acknowledged; it is handled in the background, one at a time per chat, in arrival order,
through bot.channels.pipeline (this module only translates Telegram's Update to and from a
CitizenMessage).

What a citizen can send:
  - text, or a photo/document with a caption (the caption is read: it may carry a dossier code);
  - a photo without caption (its largest size) or an image document: a receipt photo, fetched
    with getFile and decoded in the pipeline (never kept; the inbox holds only its file_id);
  - a tap on an inline button: the payload behind its opaque key goes to the assistant
    (bot.channels.buttons; a forged or unknown key gets the "button expired" answer);
  - /start <payload>: a leaflet's deep link; the assistant receives "/greet" with metadata
    {"entry_point": {"source", "commune", "team", "channel": "telegram"}};
  - /help (or /menu): help text and the menu keyboard, answered here;
  - /huy (or /cancel): the assistant receives "/deny" with metadata {"command": "cancel"};
  - a menu button (texts.yml `menu`): its payload goes to the assistant.
Any other text, even one that begins with "/", reaches the assistant as words, never as Rasa's
`/intent{entities}` syntax (base.typed_text).
A photo (or an image document) is read as a receipt: the dossier code found goes to Rasa
(bot.channels.pipeline). A voice note or audio file goes to the hand-off (Pipeline.on_voice):
relayed to the volunteers during a hand-off, else a volunteer is offered. Anything else
(stickers, locations) gets the "text only" answer.

Conversation ids are "tg:<chat id>". Answers are split under Telegram's 4096 characters; the
chat shows "typing..." while the assistant prepares an answer.

Volunteer hand-off (bot.handoff, through bot.channels.handoff_link): every update is offered to
the hand-off first, before the rate gate and before a button is decoded; group chats, "claim:<id>"
buttons, registered members' commands and thread replies are the volunteers' and never reach the
assistant. A citizen's private text (after the gate, /start and /help, before /huy becomes
"/deny") goes to the volunteer while a hand-off is in progress; "/huy" then cancels the
request. Volunteers' answers reach Telegram citizens through the same sender
(bot.messaging.telegram), configured from the same token and base URL.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.channels import handoff_link
from bot.channels.base import Background, ConfigError, Gate, KeyedLocks, setting, texts, typed_text
from bot.channels.buttons import ButtonPayloads
from bot.channels.inbox import Inbox, InboxRow, InboxWorker
from bot.channels.pipeline import Attachment, CitizenMessage, Kind, Pipeline, Reply, TooLarge
from bot.handoff import CitizenMedia
from bot.messaging.config import TelegramConfig
from bot.messaging.outbox import Outbox
from bot.messaging.telegram import CHANNEL, SENDER_PREFIX, TelegramOutput, make_bot, retry_outbox

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TYPING_EVERY = 4.5            # a chat action shows for about 5 seconds
OUTBOX_RETRY_EVERY = 15.0     # how often the outbox is looked at
MAX_QUEUED_PER_CHAT = 30      # updates of one chat waiting their turn; more are dropped
# Telegram allows 1-256 of these characters; the secret is all that makes an update (and so a
# citizen's or volunteer's Telegram id) trustworthy: at least 32 (L1).
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,256}$")
CANCEL_COMMANDS = {"huy", "cancel"}
HELP_COMMANDS = {"help", "menu", "trogiup"}


# --------------------------------------------------------------------------- input


class TelegramInput(InputChannel):
    """Rasa input channel "telegram" (credentials key bot.channels.telegram.TelegramInput)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "TelegramInput":
        bot = TelegramConfig.from_env(credentials)
        token, base_url = bot.token, bot.api_base_url
        secret = setting(credentials, "secret_token", "TELEGRAM_WEBHOOK_SECRET")
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
        self.api_base_url = api_base_url
        self.pipeline = Pipeline(CHANNEL, gate or Gate(database_url=database_url))
        self.callbacks = ButtonPayloads(database_url)
        self.outbox = Outbox(database_url, channel=CHANNEL)
        self._maintenance: asyncio.Task | None = None
        self.locks = KeyedLocks()
        self.background = Background("telegram")
        self.worker = InboxWorker(Inbox(CHANNEL, database_url), self._answer_row,
                                  self.background.start)
        self.on_new_message: Callable[[UserMessage], Awaitable[Any]] | None = None
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
        """Send the outbox messages whose time has come (bot.messaging.telegram.retry_outbox)."""
        return await retry_outbox(self.bot, self.callbacks, self.outbox, now)

    async def _maintain(self) -> None:
        while True:
            await asyncio.sleep(OUTBOX_RETRY_EVERY)
            try:
                await self.retry_due()
            except Exception:  # noqa: BLE001 - tried again next round
                logger.exception("telegram: outbox retry failed")

    async def connect_handoff(self) -> None:
        """At server start: the hand-off service is built (volunteers' answers reach Telegram
        citizens through bot.messaging.telegram, configured like this channel)."""
        await handoff_link.start(CHANNEL)

    def secret_ok(self, presented: str | None) -> bool:
        return presented is not None and hmac.compare_digest(
            presented.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("dvcbot_telegram_webhook", __name__)
        self.on_new_message = on_new_message

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            # 1. verify
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
            chat = update.effective_chat
            key = str(chat.id) if chat is not None else "?"
            if self.locks.waiting(key) >= MAX_QUEUED_PER_CHAT:
                # one chat flooding: acknowledged (so Telegram does not resend) but not queued (M8)
                logger.warning("telegram: update %s dropped, %d already waiting for that chat",
                               update.update_id, MAX_QUEUED_PER_CHAT)
                return response.json({"status": "dropped"})
            # 2. dedupe: stored (off the event loop) before the 200; a repeat stores nothing
            if not await self.worker.accept(str(update.update_id), key, _without_names(data)):
                logger.info("telegram: update %s delivered twice, ignored", update.update_id)
                return response.json({"status": "duplicate"})
            return response.json({"status": "ok"})

        @bp.listener("before_server_start")
        async def start_handoff(*_: Any) -> None:
            await self.connect_handoff()
            self._maintenance = asyncio.ensure_future(self._maintain())
            self.worker.run()

        @bp.listener("after_server_stop")
        async def close_bot(*_: Any) -> None:
            self.worker.stop()
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

    async def _answer_row(self, row: InboxRow) -> None:
        """An inbox row (stored by this or another replica): its update, handled."""
        update = Update.de_json(row.payload, self.bot)
        await self.handle_update(update, self.on_new_message, raw=row.payload)

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
                message = await self._button_message(update)
            elif update.message is not None:
                message = self._citizen_message(update)
            else:
                # edited messages (the answer was already given), channel posts, member updates
                logger.debug("telegram: update %s of another kind ignored", update.update_id)
                return
            if message is not None:
                await self.pipeline.handle(message, on_new_message)

    async def _button_message(self, update: Update) -> CitizenMessage | None:
        query = update.callback_query
        message = query.message
        try:
            await self.bot.answer_callback_query(query.id)
        except TelegramError as exc:
            logger.debug("telegram: answerCallbackQuery failed: %s", type(exc).__name__)
        if message is None or message.chat.type != ChatType.PRIVATE:
            return None
        sender = SENDER_PREFIX + str(message.chat.id)
        reply = TelegramReply(self.output(), sender, self.bot)
        # Take the buttons away so that an old question is not answered twice.
        try:
            await self.bot.edit_message_reply_markup(chat_id=message.chat.id,
                                                     message_id=message.message_id,
                                                     reply_markup=None)
        except TelegramError as exc:
            logger.debug("telegram: could not remove the buttons: %s", type(exc).__name__)
        data = query.data or ""
        metadata = {"channel": CHANNEL, "button": True}
        if not data.startswith("k:"):
            # a plain-text button (or callback_data forged by a modified client): typed text
            return CitizenMessage(sender, CHANNEL, Kind.BUTTON, reply, payload=typed_text(data),
                                  metadata=metadata)
        payload = await self.callbacks.decode(data)
        if payload is None:  # not (or no longer) a key this server issued
            await reply.text(texts()["button_expired"])
            return None
        return CitizenMessage(sender, CHANNEL, Kind.BUTTON, reply, payload=payload,
                              metadata=metadata)

    def _citizen_message(self, update: Update) -> CitizenMessage | None:
        message = update.message
        if message.chat.type != ChatType.PRIVATE:
            logger.debug("telegram: message in a %s chat ignored", message.chat.type)
            return None
        sender = SENDER_PREFIX + str(message.chat.id)
        reply = TelegramReply(self.output(), sender, self.bot)
        sent_at = message.date.timestamp() if message.date is not None else None
        made = dict(sender=sender, channel=CHANNEL, reply=reply, metadata={"channel": CHANNEL},
                    message_id=str(message.message_id), sent_at=sent_at)
        if message.text is not None:
            command, argument = _command(message.text)
            if command is not None:
                command = {"start": "start", "huy": "cancel",
                           "cancel": "cancel"}.get(command, "help")
                return CitizenMessage(kind=Kind.TEXT, text=message.text, command=command,
                                      argument=argument, **made)
            for item in texts()["menu"]:
                if message.text.strip() == str(item["label"]).strip():
                    if item["payload"] == "help":
                        return CitizenMessage(kind=Kind.TEXT, text=message.text,
                                              command="help", **made)
                    made["metadata"]["menu"] = True
                    return CitizenMessage(kind=Kind.BUTTON, text=message.text,
                                          payload=str(item["payload"]), **made)
            return CitizenMessage(kind=Kind.TEXT, text=message.text, **made)
        caption = message.caption
        if message.photo:
            largest = max(message.photo, key=lambda size: (size.width or 0) * (size.height or 0))
            return CitizenMessage(kind=Kind.IMAGE, text=caption, attachment=Attachment(
                largest.file_id, "image/jpeg", largest.file_size), **made)
        if message.document is not None:
            document = message.document
            mime = document.mime_type or None
            kind = Kind.IMAGE if (mime or "").startswith("image/") else Kind.FILE
            return CitizenMessage(kind=kind, text=caption, attachment=Attachment(
                document.file_id, mime, document.file_size), **made)
        if message.voice is not None or message.audio is not None:
            audio = message.voice or message.audio
            return CitizenMessage(kind=Kind.VOICE, text=caption, attachment=Attachment(
                audio.file_id, audio.mime_type, audio.file_size,
                audio_file=message.voice is None), **made)
        if message.location is not None or message.venue is not None:
            return CitizenMessage(kind=Kind.LOCATION, text=caption, **made)
        # stickers, videos, contacts, polls...: not text (a caption, if any, is read)
        return CitizenMessage(kind=Kind.STICKER, text=caption, **made)


class TelegramReply(Reply):
    """Answers in a Telegram chat: menu keyboard, "typing...", file downloads (getFile)."""

    def __init__(self, output: TelegramOutput, sender: str, bot: Bot):
        super().__init__(output, sender)
        self.bot = bot

    def media(self, attachment: Attachment) -> CitizenMedia:
        """A voice note by its file id: valid for the team's bot too (no download)."""
        return CitizenMedia("audio" if attachment.audio_file else "voice",
                            file_id=attachment.reference, mime_type=attachment.mime)

    async def help(self) -> None:
        await self.output.send_menu(self.sender, texts()["help"])

    async def answering(self) -> None:
        while True:
            await self.output.typing(self.sender)
            await asyncio.sleep(TYPING_EVERY)

    async def after_greeting(self) -> None:
        await self.output.send_menu(self.sender, texts()["menu_hint"])

    async def download(self, attachment: Attachment, limit: int) -> bytes:
        file = await self.bot.get_file(attachment.reference)
        if file.file_size is not None and file.file_size > limit:
            raise TooLarge(file.file_size)
        data = bytes(await file.download_as_bytearray())
        if len(data) > limit:
            raise TooLarge(len(data))
        return data


_NAMES = ("last_name", "username")


def _without_names(data: Any) -> Any:
    """The update as the inbox keeps it: people's names and usernames are not needed to answer
    (first_name, which the Bot API always has, is kept empty)."""
    if isinstance(data, list):
        return [_without_names(item) for item in data]
    if not isinstance(data, dict):
        return data
    kept = {key: _without_names(value) for key, value in data.items() if key not in _NAMES}
    if "first_name" in kept:
        kept["first_name"] = ""
    return kept


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
