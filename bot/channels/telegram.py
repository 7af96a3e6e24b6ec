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
from bot.channels.base import (Action, Background, ConfigError, Gate, KeyedLocks, SeenCache,
                               answer_in_time, entry_point_metadata, preview, safe_user_text,
                               sender_ref, setting, texts, typed_text)
from bot.channels.buttons import ButtonPayloads
from bot.handoff import CitizenMedia
from bot.messaging.outbox import Outbox
from bot.messaging.config import TelegramConfig
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
