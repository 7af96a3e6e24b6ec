"""A citizen asks for a person; a volunteer of the commune takes over on Telegram; the
conversation goes both ways; /xong gives the citizen back to the bot with a rating.

Telegram and Zalo are fake servers in another process speaking the real wire format."""

from __future__ import annotations

import asyncio
import threading

from bot.handoff.store import CLAIMED, CLOSED, OPEN

from .conftest import (AN, AN_QUI_GROUP, BINH, DUNG, STRANGER, THANH_PHONG_GROUP, as_message,
                       group_chat, make_service, message_in, press, private_chat, run)

ZALO_CITIZEN = "zalo:8899776655"
PHONE = "0912345678"
CCCD = "083095001234"
DOSSIER = "000.00.12.H05-211020-0001"


def open_for_zalo(service, commune="thanh_phong"):
    return run(service.open_ticket(
        ZALO_CITIZEN, "zalo", commune, "khai_sinh",
        [{"who": "citizen", "text": f"lam giay khai sinh cho con, sdt cua toi {PHONE}"},
         {"who": "bot", "text": "Bạn cần tờ khai và giấy chứng sinh."},
         {"who": "citizen", "text": f"cccd {CCCD} ho so {DOSSIER} sao chua co"},
         {"who": "citizen", "text": "gặp người thật"}]))


def announcement(apis, chat_id=THANH_PHONG_GROUP, index=-1):
    posted = [m for m in apis.sent_to(chat_id) if m.get("reply_markup")]
    assert posted, "no ticket announcement in the group"
    return posted[index]


def callback_answers(apis):
    return [c["params"] for c in apis.calls("telegram", "answerCallbackQuery")]


def test_ticket_is_posted_to_the_communes_group_with_a_claim_button_and_numbers_masked(
        apis, service):
    result = open_for_zalo(service)
    assert result.status == "opened" and result.posted
    post = announcement(apis)
    button = post["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Nhận hỗ trợ"
    assert button["callback_data"] == f"claim:{result.ticket.id}"
    assert len(button["callback_data"].encode()) <= 64
    text = post["text"]
    assert "xã Thạnh Phong" in text and "Đăng ký khai sinh" in text and "Zalo" in text
    assert PHONE not in text and CCCD not in text and DOSSIER not in text
    assert "********78" in text and "**********34" in text
    assert "000.00.12.H05-******-**01" in text  # agency kept, date and number masked
    # stored masked too
    stored = " ".join(m["text"] for m in service.store.get(result.ticket.id).messages)
    assert PHONE not in stored and CCCD not in stored and DOSSIER not in stored
    # nothing went to the other commune's group
    assert apis.sent_to(AN_QUI_GROUP) == []


def test_full_handoff_citizen_on_zalo_volunteer_on_telegram(apis, service):
    ticket = open_for_zalo(service).ticket
    post = announcement(apis)
    button_message = as_message(post)

    # someone in the group who is not registered cannot claim
    assert run(service.handle_volunteer_update(press(button_message, f"claim:{ticket.id}",
                                                     STRANGER)))
    refused = callback_answers(apis)[-1]
    assert "chưa có trong danh sách" in refused["text"] and refused["show_alert"] in (True, "true")
    assert service.store.get(ticket.id).status == OPEN

    # An claims it: told so, the post shows who took it and loses its button, citizen told
    assert run(service.handle_volunteer_update(press(button_message, f"claim:{ticket.id}", AN)))
    assert "Bạn đã nhận phiếu" in callback_answers(apis)[-1]["text"]
    edit = apis.calls("telegram", "editMessageText")[-1]["params"]
    assert int(edit["message_id"]) == post["message_id"]
    assert "Nguyễn Văn An đã nhận" in edit["text"] and not edit.get("reply_markup")
    assert service.store.get(ticket.id).status == CLAIMED
    assert any("Nguyễn Văn An đã nhận yêu cầu" in t for t in apis.zalo_texts("8899776655"))

    # the citizen writes on Zalo: relayed into the ticket's thread, the bot stays quiet
    consumed = run(service.route_citizen_message(
        ZALO_CITIZEN, "zalo", f"ho so cua toi la {DOSSIER}, goi {PHONE} nhe"))
    assert consumed is True
    relayed = apis.sent_to(THANH_PHONG_GROUP)[-1]
    assert relayed["reply_parameters"]["message_id"] == post["message_id"]
    assert f"phiếu #{ticket.id}" in relayed["text"]
    assert DOSSIER in relayed["text"]             # the volunteer needs the code to help
    assert PHONE not in relayed["text"]           # phone numbers stay masked in the group

    # An replies to that message in the group: the citizen gets it on Zalo
    reply = message_in(group_chat(THANH_PHONG_GROUP), AN,
                       "Chào bác, hồ sơ đang xử lý, bác chờ tin nhắn của xã nhé.",
                       reply_to=as_message(relayed))
    assert run(service.handle_volunteer_update(reply))
    assert apis.zalo_texts("8899776655")[-1] == (
        "Nguyễn Văn An (tình nguyện viên): Chào bác, hồ sơ đang xử lý, bác chờ tin nhắn của xã nhé.")

    # Bình replies in the same thread: not relayed, told who owns the ticket
    zalo_before = len(apis.calls("zalo"))
    other = message_in(group_chat(THANH_PHONG_GROUP), BINH, "để em nói thêm",
                       reply_to=button_message)
    assert run(service.handle_volunteer_update(other))
    assert len(apis.calls("zalo")) == zalo_before
    assert "do Nguyễn Văn An phụ trách" in apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]

    # ordinary group chatter (not a reply to a ticket) goes nowhere
    chatter = message_in(group_chat(THANH_PHONG_GROUP), BINH, "mọi người ăn cơm chưa")
    sent_before = len(apis.calls("telegram", "sendMessage"))
    assert run(service.handle_volunteer_update(chatter)) is True   # consumed, never to Rasa
    assert len(apis.calls("telegram", "sendMessage")) == sent_before
    assert len(apis.calls("zalo")) == zalo_before

    # /xong closes it and asks the citizen for a rating
    done = message_in(group_chat(THANH_PHONG_GROUP), AN, "/xong@dvcbot_test_bot",
                      reply_to=button_message)
    assert run(service.handle_volunteer_update(done))
    assert service.store.get(ticket.id).status == CLOSED
    assert "từ 1 (chưa tốt)" in apis.zalo_texts("8899776655")[-1]
    assert f"Đã đóng phiếu #{ticket.id}" in apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]

    # the citizen answers 5: recorded, thanked, the bot stays quiet for that message
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "5 sao")) is True
    assert service.store.get(ticket.id).rating == 5
    assert "5/5" in apis.zalo_texts("8899776655")[-1]

    # the next message is the bot's again
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "lam cccd can gi")) is False


def test_citizen_on_telegram_gets_the_volunteers_answer_in_their_own_chat(apis, service):
    citizen_chat = 5550001
    ticket = run(service.open_ticket(f"tg:{citizen_chat}", "telegram", "an_qui", None,
                                     ["doi so do mat bao lau"])).ticket
    post = announcement(apis, AN_QUI_GROUP)
    assert "chưa rõ" in post["text"]       # procedure unknown
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", DUNG)))
    reply = message_in(group_chat(AN_QUI_GROUP), DUNG, "Bác cần mang sổ cũ và CCCD ạ.",
                       reply_to=as_message(post))
    assert run(service.handle_volunteer_update(reply))
    to_citizen = [m["text"] for m in apis.sent_to(citizen_chat)]
    assert "Phạm Thị Dung (tình nguyện viên): Bác cần mang sổ cũ và CCCD ạ." in to_citizen
    assert run(service.route_citizen_message(f"tg:{citizen_chat}", "telegram", "cam on con"))
    assert "cam on con" in apis.sent_to(AN_QUI_GROUP)[-1]["text"]


def test_a_citizen_can_stop_waiting_and_get_the_bot_back(apis, service):
    ticket = open_for_zalo(service).ticket
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "Huỷ")) is True
    assert service.store.get(ticket.id).status == CLOSED
    assert "huỷ yêu cầu gặp người thật" in apis.zalo_texts("8899776655")[-1]
    assert "Người dân đã huỷ" in apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "5")) is False  # no rating asked


def test_waiting_citizens_messages_are_added_to_the_ticket_masked(apis, service):
    ticket = open_for_zalo(service).ticket
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "so cmnd cu 321456789"))
    forwarded = apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]
    assert "321456789" not in forwarded and "*******89" in forwarded
    assert service.store.get(ticket.id).messages[-1]["text"] == "so cmnd cu *******89"


def test_claim_race_between_two_volunteers_exactly_one_wins(apis, settings):
    first = make_service(settings)
    ticket = open_for_zalo(first).ticket
    button_message = as_message(announcement(apis))
    barrier = threading.Barrier(2)
    results = {}

    def volunteer(member: int) -> None:
        own = make_service(settings)      # each webhook worker has its own service
        update = press(button_message, f"claim:{ticket.id}", member)

        async def go():
            barrier.wait()
            return await own.handle_volunteer_update(update)
        results[member] = asyncio.run(go())

    threads = [threading.Thread(target=volunteer, args=(m,)) for m in (AN, BINH)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == {AN: True, BINH: True}
    stored = first.store.get(ticket.id)
    assert stored.status == CLAIMED and stored.claimed_by in (AN, BINH)
    answers = [a["text"] for a in callback_answers(apis)]
    assert sum("Bạn đã nhận phiếu" in a for a in answers) == 1
    assert sum("đã có" in a and "nhận rồi" in a for a in answers) == 1
    winner = "Nguyễn Văn An" if stored.claimed_by == AN else "Trần Thị Bình"
    assert any(winner in a for a in answers if "đã có" in a)
    # the citizen was told once
    assert sum("đã nhận yêu cầu" in t for t in apis.zalo_texts("8899776655")) == 1


def test_a_team_is_reached_only_from_its_own_group(apis, service):
    ticket = open_for_zalo(service).ticket              # Thạnh Phong's ticket
    post = announcement(apis)
    # the same button pressed from An Qui's group (e.g. a forwarded message)
    foreign = dict(as_message(post), chat=group_chat(AN_QUI_GROUP))
    run(service.handle_volunteer_update(press(foreign, f"claim:{ticket.id}", AN)))
    assert "chỉ nhận được trong nhóm" in callback_answers(apis)[-1]["text"]
    # An Qui's volunteer pressing in Thạnh Phong's group is not a member of that team
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", DUNG)))
    assert "chưa có trong danh sách tổ xã Thạnh Phong" in callback_answers(apis)[-1]["text"]
    assert service.store.get(ticket.id).status == OPEN


def test_no_team_for_the_commune_means_no_ticket_and_no_post(apis, service):
    result = run(service.open_ticket("zalo:1", "zalo", "dai_dien", None, ["help"]))
    assert result.status == "no_team" and result.ticket is None
    result = run(service.open_ticket("zalo:1", "zalo", None, None, ["help"]))
    assert result.status == "no_team"
    assert apis.calls("telegram") == []


def test_web_chat_citizen_reads_volunteer_answers_from_the_outbox(apis, service):
    ticket = run(service.open_ticket("web-abcdef123456", "webchat", "thanh_phong", None,
                                     ["toi can nguoi huong dan nop online"])).ticket
    post = announcement(apis)
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", BINH)))
    run(service.handle_volunteer_update(message_in(group_chat(THANH_PHONG_GROUP), BINH,
                                                   "Bạn vào dichvucong.gov.vn nhé",
                                                   reply_to=as_message(post))))
    waiting = service.webchat_outbox("web-abcdef123456")
    assert waiting[-1] == "Trần Thị Bình (tình nguyện viên): Bạn vào dichvucong.gov.vn nhé"
    assert any("đã nhận yêu cầu" in t for t in waiting)
    assert service.webchat_outbox("web-abcdef123456") == []    # fetched once


def test_group_id_helper_and_citizen_updates_are_left_to_the_channel(apis, service):
    assert run(service.handle_volunteer_update(
        message_in(group_chat(-1009999), STRANGER, "/nhom")))
    shown = apis.sent_to(-1009999)[-1]["text"]
    assert "-1009999" in shown and str(STRANGER) in shown
    # a citizen's private message and a citizen's own button are not the hand-off's
    assert run(service.handle_volunteer_update(
        message_in(private_chat(5550002), 5550002, "lam khai sinh can gi"))) is False
    citizen_button = {"update_id": 1, "callback_query": {
        "id": "x", "from": {"id": 5550002, "is_bot": False, "first_name": "B"},
        "chat_instance": "1", "data": "/ask_fee", "message": as_message(
            {"chat_id": 5550002, "text": "chọn", "message_id": 5})}}
    assert run(service.handle_volunteer_update(citizen_button)) is False


def test_polling_mode_updates_as_python_telegram_bot_objects_work_too(apis, service):
    from telegram import Update

    update = Update.de_json(message_in(group_chat(-1009998), STRANGER, "/nhom"), None)
    assert run(service.handle_volunteer_update(update)) is True
    assert "-1009998" in apis.sent_to(-1009998)[-1]["text"]
    edited = message_in(group_chat(THANH_PHONG_GROUP), AN, "sửa tin")
    edited["edited_message"] = edited.pop("message")
    sent_before = len(apis.calls("telegram"))
    assert run(service.handle_volunteer_update(edited)) is True
    assert len(apis.calls("telegram")) == sent_before


def test_unfetched_web_chat_answers_are_not_kept_forever(apis, service, clock, settings):
    run(service.senders["webchat"].send_text("web-closedpage01", "Trả lời của tình nguyện viên"))
    clock.advance(settings.expire_hours * 60 + 1)
    run(service.run_due())
    assert service.webchat_outbox("web-closedpage01") == []


def test_a_bot_button_pressed_while_waiting_goes_to_the_bot_not_the_volunteer(apis, service):
    open_for_zalo(service)
    sent_before = len(apis.calls("telegram", "sendMessage"))
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo",
                                             '/ask_fee{"procedure": "khai_sinh"}')) is False
    assert len(apis.calls("telegram", "sendMessage")) == sent_before
    assert run(service.route_citizen_message(ZALO_CITIZEN, "zalo", "/huy")) is True  # cancels


def test_two_requests_at_the_same_moment_open_one_ticket(apis, service, monkeypatch):
    first = run(service.open_ticket("zalo:race1", "zalo", "thanh_phong", None, ["gặp người thật"]))
    # the second process looked before the first one inserted: it saw no active ticket
    real, looked = service.store.active_for, []

    def stale_then_real(channel, sender):
        if not looked:
            looked.append(sender)
            return None
        return real(channel, sender)

    monkeypatch.setattr(service.store, "active_for", stale_then_real)
    second = run(service.open_ticket("zalo:race1", "zalo", "thanh_phong", None, ["gặp người thật"]))
    assert first.status == "opened" and second.status == "already_open"
    assert second.ticket.id == first.ticket.id and looked == ["zalo:race1"]
    assert len([m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")]) == 1


def test_a_stranger_gets_the_group_ids_once_per_group_every_ten_minutes(apis, service, clock):
    group = group_chat(-1009997)
    for _ in range(3):
        assert run(service.handle_volunteer_update(message_in(group, STRANGER, "/nhom")))
    assert len(apis.sent_to(-1009997)) == 1
    assert run(service.handle_volunteer_update(message_in(group, AN, "/nhom")))
    assert len(apis.sent_to(-1009997)) == 2                    # a registered member: always
    clock.advance(11)
    assert run(service.handle_volunteer_update(message_in(group, STRANGER, "/nhom")))
    assert len(apis.sent_to(-1009997)) == 3
