"""`dvcbot purge` (bot/privacy.py): personal data past its lifetime is redacted or deleted,
what is still live is not touched, and the operator report's figures do not change."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from bot import privacy, report
from bot.core.tz import VN_TZ
from bot.handoff.store import TicketStore
from bot.paths import REPO_ROOT

from .test_report import CCCD, PHONE, SENDERS, seed_tickets, seed_tracker_store, user

NOW = dt.datetime(2027, 12, 1, 12, 0)          # naive UTC: a year after the seeded month
LIVE = "tg:424242"


def add_live_conversation(path: Path) -> None:
    """A conversation that started long ago and is still going: never touched."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    events = [user(f"sdt {PHONE} lam khai sinh", "ask_documents", 0.9,
                   dt.datetime(2026, 11, 1, 9, tzinfo=VN_TZ).timestamp(),
                   "telegram", "khai_sinh"),
              user("con le phi", "ask_fee", 0.9,
                   (NOW - dt.timedelta(days=1)).replace(tzinfo=dt.timezone.utc).timestamp(),
                   "telegram")]
    asyncio.run(store.save(DialogueStateTracker.from_events(LIVE, events, slots=[])))
    store.engine.dispose()


def figures(tracker: str, database: str) -> dict:
    found = report.build(dt.date(2026, 10, 1), dt.date(2027, 12, 1), tracker=tracker,
                         database_url=database)
    return {"messages": dict(found.messages),
            "conversations": {k: len(v) for k, v in found.conversations.items()},
            "intents": dict(found.intents), "procedures": dict(found.procedures),
            "not_understood": dict(found.not_understood), "guesses": dict(found.guesses),
            "handoffs": found.handoffs}


def rows(tracker: str) -> list[tuple]:
    engine = sa.create_engine(tracker)
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT sender_id, type_name, data FROM events ORDER BY id")).all()
    engine.dispose()
    return [tuple(r) for r in found]


def test_old_conversations_are_redacted_new_ones_intact_and_the_report_unchanged(tmp_path):
    tracker_file = tmp_path / "rasa_tracker.sqlite3"
    tracker = f"sqlite:///{tracker_file}"
    database = f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
    seed_tracker_store(tracker_file)
    add_live_conversation(tracker_file)
    seed_tickets(database)
    before = figures(tracker, database)
    live_before = [r for r in rows(tracker) if r[0] == LIVE]

    done = privacy.purge(NOW, url=database, tracker_url=tracker)

    assert done.conversations == len(SENDERS) and done.tickets == 3
    stored = rows(tracker)
    assert [r for r in stored if r[0] == LIVE] == live_before      # a live conversation: intact
    old = [r for r in stored if r[0] != LIVE]
    assert old and all(r[0].startswith("purged:") for r in old)
    assert {r[1] for r in old} <= {"user", "slot"}                   # bot texts, actions: gone
    raw = json.dumps(old, ensure_ascii=False)
    for secret in SENDERS + [PHONE, CCCD, "lam giay khai sinh can gi", "Bạn cần tờ khai"]:
        assert secret not in raw, secret
    assert figures(tracker, database) == before                      # the report's figures
    tickets = TicketStore(database).engine
    with tickets.connect() as conn:
        kept = conn.execute(sa.text("SELECT sender_id, messages_json, claimed_by, claimed_by_name,"
                                    " commune, rating FROM handoff_tickets ORDER BY id")).all()
    assert [tuple(t) for t in kept] == [("redacted", "[]", None, None, "thanh_phong", 4),
                                        ("redacted", "[]", None, None, "an_qui", 5),
                                        ("redacted", "[]", None, None, "thanh_phong", None)]
    again = privacy.purge(NOW, url=database, tracker_url=tracker)
    assert (again.conversations, again.tickets) == (0, 0)
    assert rows(tracker) == stored


def test_delivered_outbox_rows_go_after_a_week_pending_ones_stay(tmp_path):
    from bot.channels import store as channel_store

    database = f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"
    stamp = lambda days: (NOW - dt.timedelta(days=days)).replace(  # noqa: E731
        tzinfo=dt.timezone.utc).timestamp()
    table = channel_store.channel_outbox
    with channel_store.engine(database).begin() as conn:
        for days, status in ((8, "delivered"), (6, "delivered"), (8, "pending")):
            conn.execute(table.insert().values(
                channel="zalo", recipient_id="123", message_json="{}", status=status,
                attempts=1, created_at=stamp(days + 1),
                delivered_at=stamp(days) if status == "delivered" else None))
    done = privacy.purge(NOW, url=database, tracker_url=f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert done.outbox == 1 and "no conversation database yet" in done.notes
    with channel_store.engine(database).connect() as conn:
        left = conn.execute(sa.select(table.c.status, table.c.delivered_at)).all()
    assert sorted(r.status for r in left) == ["delivered", "pending"]


def test_the_command_runs_and_says_what_it_did(tmp_path):
    tracker_file = tmp_path / "rasa_tracker.sqlite3"
    seed_tracker_store(tracker_file)    # November 2026: older than a day whenever this runs
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "purge", "--days", "1",
         "--tracker-url", f"sqlite:///{tracker_file}",
         "--database-url", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"đã xóa/che: {len(SENDERS)} cuộc trò chuyện" in done.stdout
    assert PHONE not in json.dumps(rows(f"sqlite:///{tracker_file}"))
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "purge", "--days", "0"],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "dvcbot purge: lỗi: --days phải từ 1 trở lên" in bad.stderr


def test_the_watcher_purges_once_a_day(tmp_path, monkeypatch, service, clock):
    from bot.handoff.watcher import DailyPurge

    tracker_file = tmp_path / "rasa_tracker.sqlite3"
    monkeypatch.setenv("DVCBOT_TRACKER_URL", f"sqlite:///{tracker_file}")
    # the watcher is its own process: no Rasa tracker store of an earlier test in this one
    import bot.rasa_ext.stores as stores

    monkeypatch.setattr(stores, "_live_stores", [])
    seed_tracker_store(tracker_file)
    clock.now = NOW
    daily = DailyPurge(service)
    first = asyncio.run(daily())
    assert first is not None and first.conversations == len(SENDERS)
    clock.now += dt.timedelta(hours=23)
    assert asyncio.run(daily()) is None                       # not twice the same day
    clock.now += dt.timedelta(hours=1)
    assert asyncio.run(daily()).conversations == 0            # the next day: nothing left


def test_an_erase_request_made_at_the_desk(tmp_path):
    tracker_file = tmp_path / "rasa_tracker.sqlite3"
    seed_tracker_store(tracker_file)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "purge", "--erase", SENDERS[1],
         "--tracker-url", f"sqlite:///{tracker_file}",
         "--database-url", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "đã xóa: 4 sự kiện hội thoại" in done.stdout
    left = {r[0] for r in rows(f"sqlite:///{tracker_file}")}
    assert SENDERS[1] not in left and SENDERS[0] in left
