"""The channels' side of the volunteer hand-off (bot.handoff) and of proactive messages.

Each channel calls the hand-off service exactly where its engineer specified:

    from bot.handoff import get_service
    from bot.handoff.senders import CallableSender

  - Telegram, for every update (webhook and polling), before the rate gate and before a
    button's payload is decoded: `await get_service().handle_volunteer_update(update)`; True
    means the update was the volunteers' (group chats, "claim:<id>" buttons, registered
    members' commands and thread replies) and never reaches Rasa;
  - Telegram, Zalo and the web chat, for a citizen's message after the rate limit and before
    it goes to Rasa: `await get_service().route_citizen_message(sender, channel, text)`; True
    means a hand-off is in progress (or the citizen just rated it) and the bot stays quiet;
  - at server start each channel registers its own way to reach a citizen with
    `get_service().set_sender(channel, CallableSender(...))`, so that volunteer answers use the
    channel's configured token, base URL, Zalo token refresh and outbox.

The functions here add one thing to those calls: a hand-off that cannot start (bad setting,
database down) is logged and the citizen is answered by the bot as if there were no hand-off;
an ordinary message is never lost because of it.

`route_citizen` is also where the citizen's own data commands are handled before Rasa, on
every channel that calls it: "xóa dữ liệu của tôi" (bot/privacy.py) erases the conversation
(its tracker in this Rasa server's store included), its dossier follows and its tickets, and
answers with a short confirmation through the channel's sender (the web chat: its outbox).

Channel names are "telegram", "zalo", "webchat"; sender ids are the ones the channels give
Rasa ("tg:<chat id>", "zalo:<user id>", the web page's random id).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Optional

from bot import privacy
from bot.handoff import CitizenMedia, MediaAnswer, get_service, is_volunteer_update
from bot.handoff.senders import CallableSender

logger = logging.getLogger(__name__)

_failed_at: Optional[float] = None
_warm = False   # the service was built once in this process (later calls are cheap)
RETRY_AFTER = 60.0  # seconds before trying to start a broken hand-off service again
_citizen_senders: dict[str, Callable[[str, str], Awaitable[Any]]] = {}


def service() -> Any:
    """The process-wide hand-off service, or None when it cannot be started (logged)."""
    global _failed_at, _warm
    if _failed_at is not None and time.monotonic() - _failed_at < RETRY_AFTER:
        return None
    try:
        found = get_service()
    except Exception as exc:  # noqa: BLE001 - the channels work without the hand-off
        _failed_at = time.monotonic()
        logger.error("hand-off unavailable, citizens are answered by the bot only: %s: %s",
                     type(exc).__name__, str(exc)[:200])
        return None
    _failed_at = None
    _warm = True
    return found


async def _service() -> Any:
    """`service()` from a coroutine: the first build (knowledge base, teams file, database:
    about two seconds) runs off the event loop so other conversations are not held up."""
    if _warm:
        return service()
    return await asyncio.to_thread(service)


async def start(channel: str,
                send: Optional[Callable[[str, str], Awaitable[Any]]] = None) -> Any:
    """At server start: build the service off the event loop (it opens the knowledge base and
    the teams file) and register the channel's own sender. Returns the service or None."""
    if send is not None:
        _citizen_senders[channel] = send
    found = await asyncio.to_thread(service)
    if found is not None and send is not None:
        found.set_sender(channel, CallableSender(send))
        logger.info("hand-off: %s answers to citizens go through the %s channel", channel,
                    channel)
    return found


async def volunteer_update(update: Any) -> bool:
    """True when a Telegram update belongs to the volunteers' side (never for Rasa)."""
    found = await _service()
    if found is None:
        return is_volunteer_update(update)
    return await found.handle_volunteer_update(update)


async def route_citizen(sender_id: str, channel: str, text: Optional[str]) -> bool:
    """True when the citizen's message was taken by a hand-off or is the erase command (the
    bot stays quiet)."""
    if privacy.is_erase_command(text):
        await erase_citizen(sender_id, channel)
        return True
    found = await _service()
    if found is None:
        return False
    return await found.route_citizen_message(sender_id, channel, text)


async def citizen_media(sender_id: str, channel: str, media: CitizenMedia) -> MediaAnswer:
    """A citizen's voice note: relayed during a hand-off, else a volunteer is offered
    ("unavailable": the channel gives its usual text-only answer)."""
    found = await _service()
    if found is None:
        return MediaAnswer("unavailable")
    return await found.citizen_media(sender_id, channel, media)


async def erase_citizen(sender_id: str, channel: str) -> None:
    """"xóa dữ liệu của tôi": erase, then confirm in a short reply (or say it failed)."""
    found = await _service()
    try:
        if found is not None:
            await found.citizen_erasing(str(sender_id), channel)
        await asyncio.to_thread(privacy.erase, str(sender_id), channel)
        reply = privacy.text("erased")
    except Exception as exc:  # noqa: BLE001 - no traceback: SQL errors carry the sender id
        logger.error("erase on request failed (%s)", type(exc).__name__)
        reply = privacy.text("erase_failed")
    await tell_citizen(sender_id, channel, reply)


async def tell_citizen(sender_id: str, channel: str, text: str) -> bool:
    """One message to a citizen through the channel's own sender (web chat: the outbox)."""
    send = _citizen_senders.get(channel)
    if send is not None:
        return await CallableSender(send).send_text(sender_id, text)
    found = await _service()
    sender = found.senders.get(channel) if found is not None else None
    if sender is None:
        logger.warning("%s: no way to reach the citizen for this reply", channel)
        return False
    return bool(await sender.send_text(sender_id, text))


async def webchat_take(sender_id: str, acknowledged: Optional[list[int]] = None
                       ) -> list[tuple[int, str]]:
    """(id, text) waiting for a web chat citizen (volunteer answers, notifications); a text
    stays until the page acknowledges its id."""
    found = await _service()
    if found is None:
        return []
    try:
        return await found.webchat_peek(sender_id, acknowledged)
    except Exception:  # noqa: BLE001 - the page asks again in a few seconds
        logger.exception("webchat: outbox could not be read")
        return []


async def webchat_put(sender_id: str, text: str) -> bool:
    """Leave a text for a web chat citizen; the page fetches it (POST .../outbox)."""
    found = await _service()
    if found is None:
        return False
    sender = found.senders.get("webchat")
    if sender is None:
        return False
    return bool(await sender.send_text(sender_id, text))

