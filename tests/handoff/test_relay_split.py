"""A volunteer's long answer reaches the citizen cut exactly like a long bot answer: the same
splitter (bot.messaging.split) and the same senders (bot.messaging) on Telegram and Zalo.

Telegram and Zalo are the fake servers of conftest (another process, real wire format)."""

from __future__ import annotations

from bot.messaging.outbox import Outbox
from bot.messaging.split import split_text, utf16_len
from bot.messaging.telegram import MESSAGE_LIMIT, TelegramOutput, make_bot
from bot.messaging.zalo import TEXT_LIMIT, ZaloSender

from .conftest import (AN, AN_QUI_GROUP, DUNG, TELEGRAM_TOKEN, THANH_PHONG_GROUP, as_message,
                       group_chat, message_in, press, run)
from .test_handoff_flow import announcement, open_for_zalo

VOLUNTEER_PREFIX = "Phạm Thị Dung (tình nguyện viên): "


def long_answer(paragraphs: int) -> str:
    """Paragraphs of sentences with emoji (2 UTF-16 units each on Telegram)."""
    sentence = "Bác mang theo sổ hộ khẩu cũ và căn cước 📄, nộp ở bộ phận một cửa xã. "
    return "\n\n".join(f"Mục {n}: " + sentence * 9 for n in range(paragraphs))


def test_a_long_volunteer_answer_on_telegram_is_cut_like_a_long_bot_answer(apis, service,
                                                                          settings):
    citizen_chat, other_chat = 5550101, 5550102
    ticket = run(service.open_ticket(f"tg:{citizen_chat}", "telegram", "an_qui", None,
                                     ["doi so do mat bao lau"])).ticket
    post = announcement(apis, AN_QUI_GROUP)
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", DUNG)))
    body = long_answer(14)
    before = len(apis.sent_to(citizen_chat))
    reply = message_in(group_chat(AN_QUI_GROUP), DUNG, body, reply_to=as_message(post))
    assert run(service.handle_volunteer_update(reply))
    relayed = [m["text"] for m in apis.sent_to(citizen_chat)[before:]]

    async def bot_answer() -> None:   # the Telegram channel's output, for the same text
        bot = make_bot(TELEGRAM_TOKEN, settings.telegram_base_url)
        output = TelegramOutput(bot, service.senders["telegram"].callbacks,
                                Outbox(settings.database_url, channel="telegram"))
        await output.send_text_message(f"tg:{other_chat}", VOLUNTEER_PREFIX + body)
        await bot.shutdown()

    run(bot_answer())
    as_bot = [m["text"] for m in apis.sent_to(other_chat)]
    assert len(as_bot) > 1 and relayed == as_bot
    assert as_bot == split_text(VOLUNTEER_PREFIX + body, MESSAGE_LIMIT, utf16_len)
    assert all(utf16_len(piece) <= 4096 for piece in relayed)


def test_a_long_volunteer_answer_on_zalo_is_cut_at_2000_characters_like_a_bot_answer(
        apis, service, settings):
    ticket = open_for_zalo(service).ticket
    post = announcement(apis, THANH_PHONG_GROUP)
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", AN)))
    body = long_answer(6)
    before = len(apis.zalo_texts("8899776655"))
    reply = message_in(group_chat(THANH_PHONG_GROUP), AN, body, reply_to=as_message(post))
    assert run(service.handle_volunteer_update(reply))
    relayed = apis.zalo_texts("8899776655")[before:]
    prefix = "Nguyễn Văn An (tình nguyện viên): "
    assert relayed[0].startswith(prefix)

    # what any Zalo answer of that text becomes (the sender the channel's output shares)
    sender = ZaloSender(settings.zalo, settings.database_url)
    assert run(sender.send_text("zalo:1234500000", prefix + body))
    as_bot = apis.zalo_texts("1234500000")
    assert len(as_bot) > 1 and relayed == as_bot == split_text(prefix + body, TEXT_LIMIT)
