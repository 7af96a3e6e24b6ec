"""Assisted mode: a registered volunteer, in a private chat with the bot, uses the knowledge
base and the portal directly; everyone else's private messages go to the assistant as usual."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from bot.handoff import kb
from bot.paths import REPO_ROOT

from .conftest import AN, BINH, STRANGER, THANH_PHONG_GROUP, as_message, group_chat, message_in, \
    press, private_chat, run


def say(service, who, text, chat=None):
    return run(service.handle_volunteer_update(message_in(chat or private_chat(who), who, text)))


def last_reply(apis, chat_id):
    return apis.sent_to(chat_id)[-1]["text"]


def test_volunteer_looks_up_a_procedure_card(apis, service):
    assert say(service, AN, "/thutuc so do") is True
    assert last_reply(apis, AN) == kb.open_kb().answer("dat_dai_lan_dau", "procedure").text
    assert say(service, AN, "/thutuc lam khai sinh | le phi") is True
    assert last_reply(apis, AN) == kb.open_kb().answer("khai_sinh", "fee").text
    assert say(service, AN, "/thutuc con ca kho") is True
    assert "Không tìm thấy thủ tục" in last_reply(apis, AN)
    assert say(service, AN, "/tnv") is True
    assert "/hoso" in last_reply(apis, AN)


def test_a_citizen_typing_the_same_command_is_left_to_the_assistant(apis, service):
    assert say(service, STRANGER, "/thutuc so do") is False
    assert say(service, AN, "lam khai sinh can gi") is False     # a member's plain question too
    assert apis.calls("telegram") == []


def claimed_ticket(apis, service, by=AN):
    ticket = run(service.open_ticket("zalo:3003", "zalo", "thanh_phong", None,
                                     ["toi can giup lam giay to"])).ticket
    post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
    run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", by)))
    return ticket, post


def test_volunteer_sends_a_card_and_the_online_steps_to_their_citizen(apis, service):
    ticket, post = claimed_ticket(apis, service)
    assert say(service, AN, f"/gui {ticket.id} khai sinh") is True
    card = apis.zalo_texts("3003")[-1]
    assert card.startswith("Nguyễn Văn An (tình nguyện viên) gửi bạn thông tin thủ tục:")
    assert kb.open_kb().answer("khai_sinh", "procedure").text in card
    assert f"Đã gửi cho người dân của phiếu #{ticket.id}" in last_reply(apis, AN)

    assert say(service, AN, f"/buoc {ticket.id}") is True
    steps = apis.zalo_texts("3003")[-1]
    assert all(step in steps for step in kb.online_steps()[:2])

    # in the group thread, without the ticket number
    reply = message_in(group_chat(THANH_PHONG_GROUP), AN, "/gui can cuoc", reply_to=as_message(post))
    assert run(service.handle_volunteer_update(reply))
    assert kb.open_kb().answer("can_cuoc", "procedure").text in apis.zalo_texts("3003")[-1]

    # another volunteer cannot send to a citizen they do not help
    assert say(service, BINH, f"/gui {ticket.id} khai sinh") is True
    assert "không phải phiếu bạn đang nhận" in last_reply(apis, BINH)
    logged = [e["action"] for e in service.store.assisted_entries()]
    assert logged == ["send_card", "send_steps", "send_card"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def portal(monkeypatch):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "actions.portal.simulator", "--port",
                                str(port)], cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            codes = httpx.get(url + "/_control/dossiers", timeout=2).json()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("portal simulator did not start")
            time.sleep(0.2)
    monkeypatch.setenv("DVCBOT_PORTAL_URL", url)
    yield codes
    process.terminate()
    process.wait(timeout=10)


def test_dossier_lookup_needs_a_reason_and_is_logged(apis, service, portal):
    code = portal[0]["code"]
    assert say(service, AN, f"/hoso {code}") is True
    assert "Cần ghi lý do" in last_reply(apis, AN)
    assert service.store.assisted_entries() == []

    assert say(service, AN, f"/hoso {code} bà Năm ngồi cùng nhờ xem hồ sơ") is True
    assert "4 số cuối điện thoại" in last_reply(apis, AN)          # the second factor
    assert service.store.assisted_entries() == []
    assert say(service, AN, f"/hoso {code} {code[-4:]} bà Năm ngồi cùng nhờ xem hồ sơ") is True
    answer = last_reply(apis, AN)
    assert f"Hồ sơ {code}" in answer and "Tình trạng:" in answer
    assert "đã được ghi lại" in answer
    entry = service.store.assisted_entries()[-1]
    assert entry["action"] == "dossier_lookup" and entry["telegram_id"] == AN
    assert entry["reason"] == "bà Năm ngồi cùng nhờ xem hồ sơ"
    assert entry["outcome"] == "found"
    assert entry["target"] != code and re.search(r"-\*{6}-\*\*\d\d$", entry["target"])

    assert say(service, AN, "/hoso 000.00.12.H05-201020-0999 0999 kiểm tra cho ông Bảy") is True
    assert "Không tìm thấy hồ sơ" in last_reply(apis, AN)
    assert service.store.assisted_entries()[-1]["outcome"] == "not_found"


def test_dossier_lookup_without_a_portal_says_so_and_is_still_logged(apis, service, monkeypatch):
    monkeypatch.delenv("DVCBOT_PORTAL_URL", raising=False)
    assert say(service, AN, "/hoso 000.00.12.H05-211020-0001 0001 người dân ngồi cùng") is True
    assert "chưa kết nối" in last_reply(apis, AN)
    assert service.store.assisted_entries()[-1]["outcome"] == "unavailable"
    assert say(service, STRANGER, "/hoso 000.00.12.H05-211020-0001 xem giùm") is False


def test_dossier_lookups_by_a_volunteer_are_limited_and_wrong_digits_count(apis, service, portal,
                                                                           monkeypatch):
    code = portal[0]["code"]
    monkeypatch.setenv("DVCBOT_ASSISTED_LOOKUPS_PER_DAY", "7")
    for wrong in ("1111", "2222", "3333", "4444", "5555"):
        assert say(service, AN, f"/hoso {code} {wrong} người dân ngồi cùng") is True
        assert "Không tìm thấy hồ sơ" in last_reply(apis, AN)
    assert say(service, AN, f"/hoso {code} {code[-4:]} người dân ngồi cùng") is True
    assert "tạm dừng tra cứu 24 giờ" in last_reply(apis, AN)     # five wrong: refused
    assert say(service, BINH, f"/hoso {code} {code[-4:]} người dân ngồi cùng") is True
    assert "Tình trạng:" in last_reply(apis, BINH)                # another member is not
    assert say(service, BINH, f"/hoso {code} {code[-4:]} lần nữa cho chắc") is True
    for _ in range(5):                                            # 2 + 5 = the limit of 7
        service.store.log_assisted(telegram_id=BINH, commune="thanh_phong",
                                   action="dossier_lookup", target=None, reason="x", outcome="found")
    assert say(service, BINH, f"/hoso {code} {code[-4:]} người dân ngồi cùng") is True
    assert "số tối đa" in last_reply(apis, BINH)
