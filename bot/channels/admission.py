"""Turn admission: a few citizen messages reach Rasa at a time, first come first served."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable

from bot.core.settings import settings

_semaphores: dict[int, tuple[Any, asyncio.Semaphore, list[int]]] = {}


class Busy(RuntimeError):
    """Too many citizens' messages are already waiting for the assistant: answer "busy" now
    rather than queue without end (M8)."""


def max_waiting_messages() -> int:
    """DVCBOT_MAX_WAITING_MESSAGES: messages that may wait for a place (default 200); one more
    is answered "busy" at once."""
    return settings().limits.max_waiting_messages


def concurrent_messages_limit() -> int:
    """DVCBOT_CONCURRENT_MESSAGES: how many citizen messages Rasa works on at once in this
    process (default 2; 0: no limit, Rasa's own behaviour)."""
    return settings().limits.concurrent_messages


def turn_lease_seconds() -> float:
    """DVCBOT_TURN_LEASE_SECONDS: after this long a message gives its place to the next one
    and carries on beside it (default 0.5 s), so that a slow look-up never holds up others."""
    return settings().limits.turn_lease_seconds


def turn_timeout_seconds() -> float:
    """DVCBOT_TURN_TIMEOUT_SECONDS: the longest the assistant may work on one Telegram or Zalo
    message (default 60 s); then the citizen is told to write again (M8)."""
    return float(settings().limits.turn_timeout_seconds)


async def answer_in_time(on_new_message: Callable[[Any], Awaitable[Any]], message: Any) -> bool:
    """handle_in_turn within turn_timeout_seconds(); False when the time ran out or too many
    messages were already waiting (the citizen is then told to write again)."""
    try:
        await asyncio.wait_for(handle_in_turn(on_new_message, message), turn_timeout_seconds())
    except (asyncio.TimeoutError, Busy):
        return False
    return True


async def handle_in_turn(on_new_message: Callable[[Any], Awaitable[Any]], message: Any) -> Any:
    """Hand a citizen's message to Rasa when one of a few places is free, first come first served.

    Left alone, Rasa works on every waiting message at once, switching between them at each
    await (tracker store, action server): under load, a message that needs two or three custom
    actions waits behind all the others two or three times over, and the slowest answers take
    twice the median. Two places keep the processor busy while one message waits on the action
    server, and answer in arrival order (measured at 20 conversations: p95 1.10 s -> 0.75 s at
    the same throughput, README "Performance and scale"). A message still working after the
    lease (a slow portal) gives its place to the next one and carries on beside it.
    """
    limit = concurrent_messages_limit()
    if limit <= 0:
        return await on_new_message(message)
    loop = asyncio.get_running_loop()
    held = _semaphores.get(id(loop))
    if held is None or held[0] is not loop:
        held = _semaphores[id(loop)] = (loop, asyncio.Semaphore(limit), [0])
    places, waiting = held[1], held[2]
    if places.locked() and waiting[0] >= max_waiting_messages():
        raise Busy(f"{waiting[0]} messages already waiting")
    waiting[0] += 1
    try:
        await places.acquire()
    finally:
        waiting[0] -= 1
    released = False

    def give_place_back() -> None:
        nonlocal released
        if not released:
            released = True
            places.release()

    lease = loop.call_later(turn_lease_seconds(), give_place_back)
    try:
        return await on_new_message(message)
    finally:
        lease.cancel()
        give_place_back()
