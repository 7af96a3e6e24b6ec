"""A new conversation session (actions/session.py): the privacy notice at the citizen's first
contact only, and what is carried over from the last session (not the second factor)."""

from __future__ import annotations

from tests.portal.test_actions import DOMAIN, make_tracker, run

from actions.session import ActionSessionStart


def start(sender: str, **slots):
    texts, carried, events = run(ActionSessionStart(), make_tracker("", "", sender=sender,
                                                                    slots=slots))
    return texts, carried, events


def test_the_privacy_notice_is_said_at_first_contact_only(database_url):
    (notice,), _, events = start("tg:1")
    assert "90 ngày" in notice and "xóa dữ liệu của tôi" in notice
    assert "tình nguyện viên khi bạn đồng ý" in notice
    assert len(notice) <= 360                  # one screen of a small phone
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"
    texts, _, _ = start("tg:1")
    assert texts == []                         # the next session: not again
    texts, _, _ = start("zalo:1")
    assert len(texts) == 1                     # another citizen: yes


def test_the_notice_says_the_retention_the_operator_set(database_url, monkeypatch):
    monkeypatch.setenv("DVCBOT_RETENTION_DAYS", "30")
    (notice,), _, _ = start("tg:2")
    assert "30 ngày" in notice


def test_the_phone_digits_and_a_verified_code_are_not_carried_to_a_new_session(database_url):
    _, carried, _ = start("tg:3", procedure="khai_sinh", phone_suffix="0001",
                          dossier_verified="000.00.99.H99-250701-0001", dossier_code=None)
    assert carried == {"procedure": "khai_sinh"}
    assert "action_session_start" in DOMAIN["actions"]
