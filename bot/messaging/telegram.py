"""The one Telegram sender: Bot API calls through python-telegram-bot (httpx underneath).

Used by the Telegram channel's answers and Rasa's proactive messages (`TelegramOutput`), the
volunteer hand-off (its group messages through `BotPool`, its answers to citizens through
`TelegramCitizenSender`), and so by the dossier poller's notices (which Rasa renders and sends
through the channel's output). What every send gets:

  - splitting under Telegram's 4,096 UTF-16 units (bot.messaging.split, the same cut as every
    other sender), a margin kept (MESSAGE_LIMIT);
  - flood control: a 429 with retry_after is waited out in line up to FLOOD_WAIT_INLINE
    seconds, longer ones go to the outbox, retried exactly when Telegram allows;
  - short retries on network errors; an answer whose reply was lost may arrive twice and is
    counted (channel_counts "possible_repeat");
  - 403 (the citizen blocked the bot): logged once, not retried;
  - the outbox (bot.messaging.outbox, channel "telegram"), each row claimed by one sender.

Settings, read in one place (bot.messaging.config.TelegramConfig): TELEGRAM_BOT_TOKEN (or the channel's
`token` in credentials.yml) and TELEGRAM_API_BASE_URL, given as "http://host:port",
"http://host:port/bot" or with "{token}" in it; the default is https://api.telegram.org/bot.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import unquote

import httpx
from rasa.core.channels.channel import OutputChannel
from telegram import (Bot, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton,
                      ReplyKeyboardMarkup)
from telegram.constants import ChatAction
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.channels import store
from bot.channels.base import TextOutputMixin, sender_ref, texts
from bot.channels.buttons import ButtonPayloads
from bot.messaging.config import TelegramConfig, api_base_url
from bot.messaging.outbox import Outbox
from bot.messaging.split import TELEGRAM_LIMIT, split_text, utf16_len

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and Bot API URLs contain the bot token.
if logging.getLogger("httpx").level == logging.NOTSET:
    logging.getLogger("httpx").setLevel(logging.WARNING)

CHANNEL = "telegram"
SENDER_PREFIX = "tg:"
MESSAGE_LIMIT = TELEGRAM_LIMIT
CALLBACK_DATA_LIMIT = 64      # bytes
SEND_ATTEMPTS = 3             # quick tries before an answer goes to the outbox
FLOOD_WAIT_INLINE = 30.0      # wait in line for flood control up to this; longer: the outbox
NETWORK_RETRY_AFTER = 30.0    # an answer lost to the network is tried again this much later
POSSIBLE_REPEAT = "possible_repeat"
OUTBOX_MAX_ATTEMPTS = 12      # then the message is marked failed (listed in the report)


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


def make_bot(token: str, base_url: str | None = None) -> Bot:
    """A Bot for `base_url` ("https://api.telegram.org/bot"); files are downloaded from the
    same server's "/file/bot" path, as Telegram serves them."""
    base = api_base_url(base_url)
    files = base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base
    return Bot(token=token, base_url=base, base_file_url=files)


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
    channel "telegram"), retried in order by `retry_outbox` (run by the channel every few
    seconds), waiting as long as Telegram's retry_after asks. Once one message of a chat is in the
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


async def retry_outbox(bot: Bot, callbacks: ButtonPayloads, outbox: Outbox,
                       now: float | None = None) -> int:
    """Send the outbox messages whose time has come, oldest first, in order per chat. Each row
    is claimed first: another replica never sends it too, nor a chat's later message before
    an earlier one it holds."""
    due = await asyncio.to_thread(outbox.claim_due, now, in_order=True)
    output = TelegramOutput(bot, callbacks, outbox)
    held: set[str] = set()   # chats whose earlier message failed again this round
    sent = 0
    for item in due:
        if item.recipient_id in held:
            await asyncio.to_thread(outbox.release, item.id)   # stays behind the earlier one
            continue
        message = {k: v for k, v in item.message.items() if k != "maybe_sent"}
        retry = TelegramOutput(bot, callbacks, outbox, proactive=True)
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
            await asyncio.to_thread(outbox.failed_again, item.id, None, str(exc),
                                    time.time() + retry_in, status, kept)
            continue
        if item.message.get("maybe_sent"):
            await output._possible_repeat("outbox resend", int(item.message["maybe_sent"]))
        try:
            await asyncio.to_thread(outbox.delivered, item.id)
        except Exception:  # noqa: BLE001 - the row will be sent again: count the repeat
            logger.exception("telegram: outbox row %s sent but not marked delivered", item.id)
            await output._possible_repeat("outbox record")
        sent += 1
    if due:
        logger.info("telegram: outbox retry sent %d of %d", sent, len(due))
    return sent


class BotPool:
    """One python-telegram-bot `Bot` per event loop (its httpx client belongs to one loop)."""

    def __init__(self, settings: TelegramConfig):
        if not settings.token:
            raise ValueError("a Telegram bot needs TELEGRAM_BOT_TOKEN")
        self.token = settings.token
        self.base_url = settings.api_base_url
        self._bots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Bot]" = (
            weakref.WeakKeyDictionary())

    def get(self) -> Bot:
        loop = asyncio.get_running_loop()
        bot = self._bots.get(loop)
        if bot is None:
            bot = make_bot(self.token, self.base_url)
            self._bots[loop] = bot
        return bot

    async def aclose(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        bot = self._bots.pop(loop, None)
        if bot is not None:
            try:
                await bot.shutdown()
            except (TelegramError, httpx.HTTPError, RuntimeError):
                pass


class TelegramCitizenSender:
    """The hand-off's way to a Telegram citizen: the channel's output (retries, flood control,
    splitting), saying whether every piece arrived (the volunteer is told when not)."""

    def __init__(self, bots: BotPool, database_url: Optional[str] = None):
        self.bots = bots
        self.callbacks = ButtonPayloads(database_url)
        self.outbox = Outbox(database_url, channel=CHANNEL)

    async def send_text(self, recipient_id: str, text: str) -> bool:
        output = TelegramOutput(self.bots.get(), self.callbacks, self.outbox)
        return await output.deliver_text(recipient_id, text)
