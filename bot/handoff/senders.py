"""How a volunteer's words reach a citizen on the citizen's own channel.

The hand-off talks to citizens outside Rasa (the bot stays quiet during a hand-off), so it
needs a small sender per channel:

    class CitizenSender(Protocol):
        async def send_text(self, recipient_id: str, text: str) -> bool: ...

`recipient_id` is the conversation id the channel gives Rasa ("tg:<chat id>", "zalo:<user id>",
the web chat's random id); each sender strips its own prefix. Implementations here:

- `TelegramCitizenSender`: Bot API sendMessage (python-telegram-bot), split under 4096 chars;
- `ZaloCitizenSender`: POST <ZALO_API_BASE_URL>/v3.0/oa/message/cs (httpx), split at 2000;
  the access token comes from a callable (default: ZALO_ACCESS_TOKEN). In the Rasa process the
  Zalo channel should register its own output instead (token refresh, outbox):
  `service.set_sender("zalo", CallableSender(...))`;
- `WebChatOutbox`: stores the text for the web chat page, which fetches it
  (`service.webchat_outbox(sender_id)`);
- `CallableSender`: wraps any `async def send(recipient_id, text) -> bool | None`.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any, Awaitable, Callable, Optional, Protocol

import httpx

from bot.core.settings import settings

logger = logging.getLogger(__name__)

TELEGRAM_LIMIT = 4000
ZALO_LIMIT = 2000


class CitizenSender(Protocol):
    async def send_text(self, recipient_id: str, text: str) -> bool:
        ...


def strip_prefix(recipient_id: str, prefix: str) -> str:
    raw = str(recipient_id)
    return raw[len(prefix):] if raw.startswith(prefix) else raw


def split_text(text: str, limit: int) -> list[str]:
    """Cut at paragraph, line, then space boundaries; never returns an empty list."""
    text = text or ""
    parts: list[str] = []
    while len(text) > limit:
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, 0, limit)
            if cut > limit // 3:
                cut += len(sep)
                break
            cut = -1
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    parts.append(text)
    return [p for p in parts if p] or [""]


class TelegramBots:
    """One python-telegram-bot `Bot` per event loop (its httpx client belongs to one loop)."""

    def __init__(self, token: str, base_url: str):
        self.token = token
        self.base_url = base_url
        self._bots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any]" = (
            weakref.WeakKeyDictionary())

    def get(self):
        from telegram import Bot

        loop = asyncio.get_running_loop()
        bot = self._bots.get(loop)
        if bot is None:
            bot = Bot(token=self.token, base_url=self.base_url)
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
            except Exception:  # noqa: BLE001
                pass


class TelegramCitizenSender:
    PREFIX = "tg:"

    def __init__(self, bots: TelegramBots):
        self.bots = bots

    async def send_text(self, recipient_id: str, text: str) -> bool:
        from telegram.error import TelegramError

        raw = strip_prefix(recipient_id, self.PREFIX)
        try:
            chat_id: int | str = int(raw)
        except ValueError:
            chat_id = raw
        try:
            for part in split_text(text, TELEGRAM_LIMIT):
                await self.bots.get().send_message(chat_id=chat_id, text=part)
            return True
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: telegram message to citizen not sent (%s)",
                           exc.__class__.__name__)
            return False


def env_zalo_token() -> Optional[str]:
    return settings().zalo.access_token


def _stored_zalo_token() -> Optional[str]:
    app_id = settings().zalo.app_id
    if not app_id:
        return None
    try:
        from bot.channels.zalo_tokens import TokenStore

        state = TokenStore(app_id).load()
    except Exception as exc:  # noqa: BLE001 - fall back to the seed token
        logger.warning("handoff: Zalo token not readable from the database (%s)",
                       exc.__class__.__name__)
        return None
    return state.access_token if state is not None else None


async def current_zalo_token() -> Optional[str]:
    """The OA access token the Zalo channel keeps fresh in the database (zalo_oa_tokens, the
    source of truth once the first refresh rotated the pair), else the seed ZALO_ACCESS_TOKEN.
    So the watcher and the action server, which have no Zalo channel of their own, do not
    keep using the seed after it expired (M11)."""
    return await asyncio.to_thread(_stored_zalo_token) or env_zalo_token()


class ZaloCitizenSender:
    PREFIX = "zalo:"
    PATH = "/v3.0/oa/message/cs"

    def __init__(self, base_url: str,
                 token: Callable[[], Optional[str] | Awaitable[Optional[str]]] = current_zalo_token,
                 transport: Optional[httpx.AsyncBaseTransport] = None, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.transport = transport
        self.timeout = timeout

    async def _token(self) -> Optional[str]:
        value = self.token()
        if asyncio.iscoroutine(value) or isinstance(value, Awaitable):
            value = await value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    async def send_text(self, recipient_id: str, text: str) -> bool:
        token = await self._token()
        if not token:
            logger.warning("handoff: no Zalo access token, message to citizen not sent")
            return False
        user_id = strip_prefix(recipient_id, self.PREFIX)
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as client:
            for part in split_text(text, ZALO_LIMIT):
                try:
                    response = await client.post(
                        self.base_url + self.PATH,
                        headers={"access_token": token},
                        json={"recipient": {"user_id": user_id}, "message": {"text": part}})
                    body = response.json()
                except (httpx.HTTPError, ValueError) as exc:
                    logger.warning("handoff: zalo message to citizen not sent (%s)",
                                   exc.__class__.__name__)
                    return False
                if response.status_code != 200 or body.get("error") not in (0, "0"):
                    logger.warning("handoff: zalo refused message to citizen (status %s, error %s)",
                                   response.status_code, body.get("error"))
                    return False
        return True


class WebChatOutbox:
    """Texts wait in the database until the citizen's page fetches them."""

    def __init__(self, store: Any):
        self.store = store

    async def send_text(self, recipient_id: str, text: str) -> bool:
        await asyncio.to_thread(self.store.outbox_put, str(recipient_id), text)
        return True


class CallableSender:
    """Wrap `async def send(recipient_id, text)`; a None result counts as sent."""

    def __init__(self, send: Callable[[str, str], Awaitable[Any]]):
        self._send = send

    async def send_text(self, recipient_id: str, text: str) -> bool:
        try:
            result = await self._send(recipient_id, text)
        except Exception as exc:  # noqa: BLE001
            logger.warning("handoff: message to citizen not sent (%s)", exc.__class__.__name__)
            return False
        return result is None or bool(result)
