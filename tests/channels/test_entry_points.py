"""Entry points: the short payload a leaflet's QR code carries into Telegram /start and the web chat,
and the per-day counts the operator report reads."""

from __future__ import annotations

import datetime as dt
import random
import re
import string
import threading

import pytest

from bot.entry_points import (
    EntryPoint,
    MAX_PAYLOAD_LENGTH,
    entry_counts,
    make_payload,
    parse_payload,
    record_entry,
)

TELEGRAM_START_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Telegram's rule for /start parameters


@pytest.mark.parametrize(
    "fields",
    [
        ("leaflet-2026", "thanh_phong", None, "telegram"),
        ("leaflet-2026", "thanh_phong", "doan-tn-thanh-phong", "zalo"),
        ("poster", None, None, None),
        ("leaflet-2026", "an_qui", "team_7", "webchat"),
        ("x", "dai_dien", None, "webchat"),
    ],
)
def test_a_payload_fits_telegram_start_and_round_trips(fields):
    payload = make_payload(*fields)
    assert TELEGRAM_START_RE.match(payload), payload
    assert parse_payload(payload) == EntryPoint(*fields)
    assert EntryPoint(*fields).payload() == payload


def test_a_payload_is_readable_in_logs():
    assert make_payload("leaflet-2026", "thanh_phong", channel="telegram") == "Sleaflet-2026Cthanh_phongKt"


def test_names_with_diacritics_and_spaces_are_folded_into_keys():
    payload = make_payload("Tờ rơi 2026", "thanh_phong", "Đoàn TN Giao Thạnh", "telegram")
    assert parse_payload(payload) == EntryPoint("to-roi-2026", "thanh_phong", "doan-tn-giao-thanh", "telegram")


def test_the_web_chat_url_and_telegram_link_carry_the_payload_without_escaping():
    from urllib.parse import quote

    payload = make_payload("leaflet-2026", "thanh_phong", "doi-1", "webchat")
    assert quote(payload, safe="") == payload


@pytest.mark.parametrize(
    "bad, reason",
    [
        (("", "thanh_phong"), "source"),
        (("leaflet", "thanh/phong"), "commune"),
        (("leaflet", "thanh_phong", "team!"), "team"),
        (("leaflet", "thanh_phong", None, "facebook"), "channel"),
        (("l" * 41,), "source"),
        (("s" * 40, "c" * 22, None, "telegram"), "64"),
    ],
)
def test_what_cannot_be_encoded_is_refused_naming_the_field(bad, reason):
    with pytest.raises(ValueError, match=reason):
        make_payload(*bad)


@pytest.mark.parametrize(
    "garbage",
    [
        None, 42, 3.5, [], {}, b"\xff\xfe", "", " ", "hello", "Sleaflet!", "S", "SaSb", "CthanhSx",
        "Sa" + "Kq", "XSa", "s-lowercase-only", "Sa Cb", "Sa\nCb", "S" + "a" * 70,
        "Sleaflet-2026Cthanh_phongKt\x00", "🙂", "Sléaflet", "%53a", "/start", "Sa%20Cb",
        "'; DROP TABLE entry_point_counts; --", "<script>alert(1)</script>",
    ],
)
def test_garbage_gives_none_and_never_raises(garbage):
    assert parse_payload(garbage) is None


def test_random_garbage_never_raises():
    rng = random.Random(20260701)
    alphabet = string.printable + "ạđĐơưẫ🙂\x00"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        result = parse_payload(text)
        assert result is None or isinstance(result, EntryPoint)


def test_a_telegram_start_command_is_accepted_whole():
    assert parse_payload("/start Sleaflet-2026Cthanh_phongKt") == EntryPoint(
        "leaflet-2026", "thanh_phong", None, "telegram"
    )


def test_entry_point_from_tracker_metadata_is_tolerant():
    entry = EntryPoint("leaflet-2026", "thanh_phong", None, "webchat")
    assert EntryPoint.from_dict(entry.to_dict()) == entry
    assert EntryPoint.from_dict({"source": "<b>"}) is None
    assert EntryPoint.from_dict("Sx") is None
    assert EntryPoint.from_dict({}) is None


# ------------------------------------------------------------------------------ counting
@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'counts.sqlite3'}"


def test_visits_are_counted_per_source_commune_channel_and_day(db):
    day1, day2 = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    leaflet_tp = EntryPoint("leaflet-2026", "thanh_phong", None, "telegram")
    leaflet_aq = EntryPoint("leaflet-2026", "an_qui", None, "telegram")
    for _ in range(3):
        assert record_entry(leaflet_tp, db, day=day1)
    record_entry(leaflet_tp, db, day=day1, channel="webchat")  # same leaflet, opened in the browser
    record_entry(leaflet_aq, db, day=day1)
    record_entry(leaflet_tp, db, day=day2)

    rows = entry_counts(day1, until=day2, database_url=db)
    assert [(r["day"], r["commune"], r["channel"], r["count"]) for r in rows] == [
        (day1, "an_qui", "telegram", 1),
        (day1, "thanh_phong", "telegram", 3),
        (day1, "thanh_phong", "webchat", 1),
        (day2, "thanh_phong", "telegram", 1),
    ]
    assert [r["count"] for r in entry_counts(day2, until=day2, database_url=db)] == [1]
    assert entry_counts(dt.date(2026, 4, 1), until=dt.date(2026, 4, 30), database_url=db) == []


def test_a_visit_without_commune_or_team_is_counted_with_none(db):
    record_entry(EntryPoint("poster"), db, day=dt.date(2026, 5, 1))
    assert entry_counts(dt.date(2026, 5, 1), until=dt.date(2026, 5, 1), database_url=db) == [
        {"day": dt.date(2026, 5, 1), "source": "poster", "commune": None, "team": None, "channel": None, "count": 1}
    ]


def test_concurrent_visits_are_all_counted(db):
    entry = EntryPoint("leaflet-2026", "thanh_hai", None, "webchat")
    day = dt.date(2026, 6, 1)
    threads = [threading.Thread(target=lambda: [record_entry(entry, db, day=day) for _ in range(10)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert entry_counts(day, until=day, database_url=db)[0]["count"] == 40


def test_counting_never_breaks_a_conversation_when_the_database_is_unusable(tmp_path):
    folder = tmp_path / "not-a-db"
    folder.mkdir()
    assert record_entry(EntryPoint("leaflet-2026"), f"sqlite:///{folder}") is False
    assert record_entry("Sleaflet-2026", f"sqlite:///{tmp_path / 'x.sqlite3'}") is False


def test_counts_use_dvcbot_database_url_by_default(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv("DVCBOT_DATABASE_URL", url)
    record_entry(EntryPoint("env-check"), day=dt.date(2026, 7, 1))
    assert entry_counts(dt.date(2026, 7, 1), until=dt.date(2026, 7, 1), database_url=url)[0]["source"] == "env-check"
    assert len(make_payload("a")) <= MAX_PAYLOAD_LENGTH


def test_the_same_person_opening_the_same_link_twice_a_day_is_one_visit(db):
    entry = EntryPoint("leaflet-2026", "quoi_dien", None, "telegram")
    day = dt.date(2026, 8, 1)
    assert record_entry(entry, db, channel="telegram", sender="tg:111", day=day) is True
    assert record_entry(entry, db, channel="telegram", sender="tg:111", day=day) is False
    assert record_entry(entry, db, channel="telegram", sender="tg:222", day=day) is True
    assert record_entry(entry, db, channel="telegram", sender="tg:111", day=day + dt.timedelta(days=1))
    counts = entry_counts(day, until=day + dt.timedelta(days=1), database_url=db)
    assert [(r["day"], r["count"]) for r in counts] == [(day, 2), (day + dt.timedelta(days=1), 1)]
    # the sender id is not stored anywhere in the database
    import sqlite3

    dump = "\n".join(sqlite3.connect(db[len("sqlite:///"):]).iterdump())
    assert "tg:111" not in dump and "111" not in dump
