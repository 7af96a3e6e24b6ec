"""The hand-off's parts keep their seams: database work never runs on the event loop's thread
(a volunteer's update must not hold up every citizen's conversation in the Rasa server), and
assisted mode depends on the public port, not on the service."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from bot.paths import REPO_ROOT

from .conftest import AN, THANH_PHONG_GROUP, as_message, group_chat, message_in, press, run


def test_opening_claiming_relaying_and_closing_run_their_sql_off_the_event_loop(
        apis, service, monkeypatch):
    on_the_loop: list[str] = []
    for name in ("create", "get", "active_for", "routing_ticket", "claim", "touch", "close",
                 "remember_message", "ticket_of_message", "mark_announced", "thread_messages"):
        real = getattr(service.store, name)

        def watched(*args, _real=real, _name=name, **kwargs):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                pass           # a worker thread: fine
            else:
                on_the_loop.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(service.store, name, watched)

    ticket = run(service.open_ticket("zalo:4004", "zalo", "thanh_phong", None, ["can giup"])).ticket
    post = [m for m in apis.sent_to(THANH_PHONG_GROUP) if m.get("reply_markup")][-1]
    assert run(service.handle_volunteer_update(press(as_message(post), f"claim:{ticket.id}", AN)))
    assert run(service.route_citizen_message("zalo:4004", "zalo", "cam on"))
    relayed = apis.sent_to(THANH_PHONG_GROUP)[-1]
    assert run(service.handle_volunteer_update(message_in(
        group_chat(THANH_PHONG_GROUP), AN, "/xong", reply_to=as_message(relayed))))
    assert service.store.get(ticket.id).status == "closed"
    assert on_the_loop == []


def test_assisted_mode_and_the_volunteer_commands_load_without_the_service():
    probe = ("import sys, bot.handoff.assisted, bot.handoff.volunteer_telegram; "
             "print('bot.handoff.service' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"
