"""Dossier look-ups that resist guessing (security review H1), as an attacker and as the
citizen see them: the dossier actions against the portal simulator over real HTTP, wrong
answers counted in a real SQLite database."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from actions import dossier as dossier_actions
from actions.portal.guesses import GuessGuard, GuessSettings
from actions.portal.subscriptions import SubscriptionStore
from tests.portal.test_actions import (IN_PROGRESS, NEED_PAPERS, check, followup, make_tracker,
                                       right_digits, run, subscribe)

REFUSED = "tạm dừng tra cứu"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 8, 0)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch, database_url):
    """The guard the actions use, with a clock the test moves; delays recorded, not slept."""
    moment = Clock()
    monkeypatch.setattr(dossier_actions, "_guard",
                        lambda: GuessGuard(settings=GuessSettings.from_env(), clock=moment))
    return moment


@pytest.fixture
def delays(monkeypatch):
    held: list[float] = []

    async def record(seconds: float) -> None:
        held.append(seconds)

    monkeypatch.setattr(dossier_actions, "_slow_down", record)
    return held


def searches(simulator) -> int:
    return simulator.state()["counters"]["search"]


def test_the_sixth_guess_from_one_conversation_is_refused_and_the_owner_still_gets_the_status(
        portal_env, clock, delays):
    for wrong in ("1111", "2222", "3333", "4444", "5555"):
        texts, _, _ = check(IN_PROGRESS, phone_suffix=wrong, sender="tg:666")
        assert "không tìm thấy hồ sơ nào khớp" in texts[0]
    before = searches(portal_env)
    texts, slots, _ = check(IN_PROGRESS, phone_suffix=right_digits(IN_PROGRESS), sender="tg:666")
    assert len(texts) == 1 and REFUSED in texts[0] and "một cửa" in texts[0]
    assert "Đang xử lý" not in texts[0] and slots["phone_suffix"] is None
    assert searches(portal_env) == before            # refused before asking the portal
    # another code from the same conversation: refused too
    texts, _, _ = check(NEED_PAPERS, sender="tg:666")
    assert REFUSED in texts[0]
    # the owner, in their own conversation, is answered at once
    texts, _, _ = check(IN_PROGRESS, sender="tg:1001")
    assert "Tình trạng: Đang xử lý." in texts[0]
    assert delays == []
    # a day later the conversation may try again
    clock.now += dt.timedelta(hours=24, minutes=1)
    texts, _, _ = check(IN_PROGRESS, sender="tg:666")
    assert "Tình trạng: Đang xử lý." in texts[0]


def from_client(sender: str, digits: str, client: str = "web-addr-7f3a") -> list[str]:
    """A look-up whose channel named the client (metadata client_ref)."""
    tracker = make_tracker("", slots={"dossier_code": IN_PROGRESS, "phone_suffix": digits},
                           sender=sender)
    tracker.events[0]["metadata"] = {"client_ref": client}
    texts, _, _ = run(dossier_actions.ActionCheckDossierStatus(), tracker)
    return texts


def test_one_client_rotating_conversations_is_refused_too(portal_env, clock, delays):
    for index in range(5):
        assert "khớp" in from_client(f"web:{index}", f"{index}{index}{index}{index}")[0]
    assert REFUSED in from_client("web:fresh", right_digits(IN_PROGRESS))[0]
    assert "Đang xử lý" in from_client("web:other", right_digits(IN_PROGRESS), "web-addr-0b11")[0]


def test_wrong_digits_for_one_code_from_50_conversations_slow_further_tries_and_alert(
        portal_env, clock, delays, caplog):
    caplog.set_level(logging.INFO)
    store = GuessGuard()
    for index in range(50):
        texts, _, _ = check(IN_PROGRESS, phone_suffix=str(9000 + index), sender=f"tg:{5000 + index}")
        assert "khớp" in texts[0]
        clock.now += dt.timedelta(seconds=30)
    # the first nine places are not slowed; from the tenth on each wrong answer waits longer
    assert len(delays) == 50 - 9
    assert delays[0] > 0 and delays[-1] > delays[0] and max(delays) <= 20
    (alert,) = store.recent_alerts()
    assert alert["kind"] == "dossier_guessing" and IN_PROGRESS not in alert["detail"]
    alerts = [r for r in caplog.records if r.name == "dvcbot.alerts"]
    assert len(alerts) == 1 and alerts[0].levelno == logging.ERROR
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert IN_PROGRESS not in logged and "tg:50" not in logged
    # the real owner is never locked out nor slowed
    held = len(delays)
    texts, _, _ = check(IN_PROGRESS, sender="tg:owner")
    assert "Tình trạng: Đang xử lý." in texts[0] and len(delays) == held


def test_a_follow_needs_a_verified_look_up(portal_env, clock, database_url):
    store = SubscriptionStore(database_url)
    texts, _, _ = subscribe(code=IN_PROGRESS, phone_suffix="9999")
    assert "khớp" in texts[0] and store.subscription_rows() == []
    # without the digits the form asks them; nothing is followed yet
    texts, slots, events = subscribe(code=IN_PROGRESS, phone_suffix=None)
    assert texts == [] and followup(events) == "dossier_form"
    assert slots["dossier_goal"] == "subscribe" and store.subscription_rows() == []
    # a code verified by a look-up earlier in this session is followed without asking again
    _, slots, _ = check(IN_PROGRESS)
    assert slots["dossier_verified"] == IN_PROGRESS
    texts, _, _ = subscribe(code=IN_PROGRESS, phone_suffix=None, dossier_verified=IN_PROGRESS)
    assert "Đã bật theo dõi hồ sơ" in texts[-1]
    assert [r["code"] for r in store.subscription_rows()] == [IN_PROGRESS]
    # ...but another code is not
    texts, _, events = subscribe(code=NEED_PAPERS, phone_suffix=None, dossier_verified=IN_PROGRESS)
    assert followup(events) == "dossier_form" and len(store.subscription_rows()) == 1


def test_follows_are_capped_per_conversation_and_in_total(portal_env, clock, database_url,
                                                           monkeypatch):
    monkeypatch.setenv("DVCBOT_FOLLOWS_PER_CONVERSATION", "1")
    monkeypatch.setenv("DVCBOT_FOLLOWS_TOTAL", "2")
    store = SubscriptionStore(database_url)
    assert "Đã bật theo dõi" in subscribe(code=IN_PROGRESS)[0][-1]
    texts, _, _ = subscribe(code=NEED_PAPERS)
    assert "số tối đa" in texts[0] and IN_PROGRESS in texts[0]
    assert "Đã bật theo dõi" in subscribe(code=IN_PROGRESS)[0][-1]     # the same one: fine
    assert "Đã bật theo dõi" in subscribe(code=NEED_PAPERS, sender="tg:2")[0][-1]
    texts, _, _ = subscribe(code=IN_PROGRESS, sender="tg:3")
    assert "chưa nhận theo dõi thêm" in texts[0]
    assert len(store.subscription_rows()) == 2
