"""How a volunteer's words reach a citizen on the citizen's own channel.

The hand-off talks to citizens outside Rasa (the bot stays quiet during a hand-off), so it
needs a small sender per channel:

    class CitizenSender(Protocol):
        async def send_text(self, recipient_id: str, text: str) -> bool: ...

`recipient_id` is the conversation id the channel gives Rasa ("tg:<chat id>", "zalo:<user id>",
the web chat's random id). The Telegram and Zalo senders are the shared ones of bot.messaging
(the same splitting, retries, token store and outbox as the channels' answers), in every process
that runs the hand-off (the Rasa server, the action server, the watcher):

- `TelegramCitizenSender` (bot.messaging.telegram): Bot API sendMessage with retries and flood
  control, split under 4,000 UTF-16 units;
- `ZaloSender` (bot.messaging.zalo): consultation messages with the token store's current
  access token (refreshed once when refused), split at 2,000, undelivered pieces in the outbox;
- `WebChatOutbox`: stores the text for the web chat page, which fetches it
  (`service.webchat_outbox(sender_id)`);
- `CallableSender`: wraps any `async def send(recipient_id, text) -> bool | None`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Protocol


logger = logging.getLogger(__name__)


class CitizenSender(Protocol):
    async def send_text(self, recipient_id: str, text: str) -> bool:
        ...


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
