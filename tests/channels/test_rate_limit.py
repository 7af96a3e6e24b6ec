"""Abuse protection shared by the channels: the per-sender limit counted in the database (so
replicas count alike), the gate every message goes through, and what logs may show."""

from __future__ import annotations

import pytest

from sqlalchemy import select

from bot.channels import store
from bot.channels.base import (Action, ConfigError, Gate, Limits, RateLimiter, Verdict, preview,
                               safe_user_text, sender_ref, texts)

from bot.core.settings import SettingsError


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_020.0   # 20 s into a minute window

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def database(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    yield
    store.dispose_all()


def test_a_sender_gets_the_configured_number_per_minute_then_one_polite_refusal():
    limiter = RateLimiter(per_minute=4, clock=Clock())
    verdicts = [limiter.check("tg:1") for _ in range(7)]
    assert verdicts == [Verdict.ALLOW] * 4 + [Verdict.REFUSE_AND_TELL] + \
        [Verdict.REFUSE_SILENTLY] * 2


def test_two_replicas_share_one_count_per_sender():
    clock = Clock()
    first, second = RateLimiter(per_minute=4, clock=clock), RateLimiter(per_minute=4, clock=clock)
    verdicts = [(first if i % 2 else second).check("zalo:1") for i in range(6)]
    assert verdicts == [Verdict.ALLOW] * 4 + [Verdict.REFUSE_AND_TELL, Verdict.REFUSE_SILENTLY]


def test_the_next_minute_allows_again_and_a_new_burst_is_told_again():
    clock = Clock()
    limiter = RateLimiter(per_minute=2, clock=clock)
    assert [limiter.check("zalo:1") for _ in range(4)] == [
        Verdict.ALLOW, Verdict.ALLOW, Verdict.REFUSE_AND_TELL, Verdict.REFUSE_SILENTLY]
    clock.now += 60
    assert [limiter.check("zalo:1") for _ in range(3)] == [
        Verdict.ALLOW, Verdict.ALLOW, Verdict.REFUSE_AND_TELL]


def test_senders_are_limited_separately_and_the_database_holds_no_sender_id():
    limiter = RateLimiter(per_minute=1, clock=Clock())
    assert limiter.check("tg:424242") is Verdict.ALLOW
    assert limiter.check("tg:424242") is Verdict.REFUSE_AND_TELL
    assert limiter.check("tg:777") is Verdict.ALLOW
    with store.engine().connect() as conn:
        keys = [row[0] for row in conn.execute(select(store.channel_rate_windows.c.key))]
    assert len(keys) == 2 and not any("424242" in key or "777" in key for key in keys)


def test_zero_per_minute_turns_the_limit_off():
    limiter = RateLimiter(per_minute=0, clock=Clock())
    assert all(limiter.check("x") is Verdict.ALLOW for _ in range(100))


def test_the_gate_answers_non_text_and_oversized_messages_in_vietnamese():
    gate = Gate(Limits(rate_per_minute=100, max_message_chars=50))
    assert gate.check("s", "  lam cccd o dau  ") .text == "lam cccd o dau"
    sticker = gate.check("s", None)
    assert sticker.action is Action.REPLY and sticker.reply.startswith(
        "Hiện tôi chỉ đọc được tin nhắn chữ")
    long = gate.check("s", "x" * 51)
    assert long.action is Action.REPLY
    assert "51 ký tự" in long.reply and "dưới 50 ký tự" in long.reply


def test_limits_come_from_the_environment_and_bad_values_name_the_variable(monkeypatch):
    monkeypatch.setenv("DVCBOT_RATE_LIMIT_PER_MINUTE", "7")
    monkeypatch.setenv("DVCBOT_MAX_MESSAGE_CHARS", "1500")
    assert Limits.from_env() == Limits(rate_per_minute=7, max_message_chars=1500)
    monkeypatch.setenv("DVCBOT_MAX_MESSAGE_CHARS", "nhieu")
    with pytest.raises(SettingsError, match="DVCBOT_MAX_MESSAGE_CHARS: expected a whole number ≥ 1, got 'nhieu'"):
        Limits.from_env()


def test_logs_see_no_digits_no_email_and_no_full_message():
    text = "CCCD 079123456789, sdt 0912 345 678, email an.nguyen@example.com xin chao"
    shown = preview(text, width=200)
    assert not any(ch.isdigit() for ch in shown)
    assert "an.nguyen" not in shown
    assert len(preview(text)) <= 24
    assert sender_ref("2512523625412515") == sender_ref("2512523625412515")
    assert "2512523625412515" not in sender_ref("2512523625412515")


def test_typed_intents_cannot_reach_restart_or_external_events():
    assert safe_user_text("/request_human") == "/request_human"
    assert safe_user_text('/ask_fee{"procedure": "khai_sinh"}') == '/ask_fee{"procedure": "khai_sinh"}'
    assert safe_user_text("/restart") == "restart"
    assert safe_user_text("//session_start") == "session_start"
    assert safe_user_text('/EXTERNAL_dossier_status_changed{"status": "done"}') == \
        'EXTERNAL_dossier_status_changed{"status": "done"}'
    assert safe_user_text("1/7/2025 sap nhap xa") == "1/7/2025 sap nhap xa"


def test_a_broken_texts_file_names_the_file_and_the_field(tmp_path):
    broken = tmp_path / "texts.yml"
    broken.write_text("rate_limited: ok\nmenu: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"texts.yml:1: too_long: thiếu câu này"):
        texts(broken)
    bad_yaml = tmp_path / "bad.yml"
    bad_yaml.write_text("rate_limited: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yml:\d+: không phải YAML hợp lệ"):
        texts(bad_yaml)


def test_the_shipped_texts_are_complete():
    shipped = texts()
    assert "{limit}" in shipped["too_long"] and "{length}" in shipped["too_long"]
    assert all(item["payload"].startswith("/") or item["payload"] == "help"
               for item in shipped["menu"])
