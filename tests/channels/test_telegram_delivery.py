"""Answers are not silently lost on Telegram (H3 of the security review).

Twenty citizens write at once; the fake Bot API (the real wire format: HTTP 429 with
parameters.retry_after, connections closed without an answer) refuses or drops part of the
sends. Every answer must reach its chat, in order, and the ones that may have arrived twice
(the connection dropped after Telegram took the message) are counted for the report.
"""

from __future__ import annotations

import asyncio
import time

from bot.channels import store
from bot.messaging.telegram import POSSIBLE_REPEAT
from tests.channels.messaging_fakes import flood_error
from tests.channels.test_telegram import CITIZEN, channel_env, run, telegram_stack  # noqa: F401

CHATS = [CITIZEN + i for i in range(20)]


async def two_part_answer(message):
    chat = message.sender_id
    await message.output_channel.send_text_message(chat, f"Phần 1 cho {chat}")
    await message.output_channel.send_text_message(chat, f"Phần 2 cho {chat}")


def faults(call: int):
    """Every 3rd send: flood control for 1 s (waited in line); every 5th: delivered but the
    connection dropped; every 7th: flood control for 2 minutes (the outbox waits for it)."""
    if call % 7 == 0:
        return flood_error(120)
    if call % 5 == 0:
        return "drop"
    if call % 3 == 0:
        return flood_error(1)
    return None


def received(fake, chat: int) -> list[str]:
    return [p["text"] for p in fake.delivered if str(p["chat_id"]) == str(chat)]


def test_every_answer_arrives_under_flood_control_and_dropped_connections():
    async def scenario():
        async with telegram_stack(two_part_answer) as s:
            s.telegram.fault_plan = faults
            await asyncio.gather(*(s.deliver(s.telegram.text_update(chat, "lệ phí khai sinh"))
                                   for chat in CHATS))
            waiting = len(s.channel.outbox.all("pending"))
            # the outbox, looked at later (as its periodic job does), once the waits are over
            later = time.time() + 3600
            for _ in range(10):
                if not s.channel.outbox.all("pending"):
                    break
                await s.channel.retry_due(now=later)
                later += 3600
            return s.telegram, waiting

    fake, waiting = run(scenario())
    assert waiting > 0, "the fault plan sent some answers to the outbox"
    duplicates = 0
    for chat in CHATS:
        got = received(fake, chat)
        expected = [f"Phần 1 cho tg:{chat}", f"Phần 2 cho tg:{chat}"]
        assert [t for t in dict.fromkeys(got)] == expected, got     # every part, in order
        duplicates += len(got) - len(set(got))
    counted = store.counts("telegram", store.today(), store.today()).get(POSSIBLE_REPEAT, 0)
    assert duplicates > 0 and counted == duplicates


def test_a_notification_telegram_does_not_take_is_not_counted_as_sent():
    """A proactive send (Rasa's trigger_intent) that fails raises, so Rasa answers 500 and the
    poller keeps the notification pending; nothing waits in the outbox to repeat it."""
    from bot.messaging.telegram import Undelivered

    async def scenario():
        async with telegram_stack() as s:
            s.telegram.fault_plan = lambda call: flood_error(120)
            try:
                await s.channel.get_output_channel().send_text_message(f"tg:{CITIZEN}", "Hồ sơ...")
            except Undelivered:
                return True, s.channel.outbox.all()
            return False, s.channel.outbox.all()

    raised, outbox = run(scenario())
    assert raised and outbox == []
