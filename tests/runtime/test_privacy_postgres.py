"""The guess counters, the purge and the erase on PostgreSQL (the scale-out database), as on
SQLite: a private PostgreSQL cluster in /tmp, skipped when PostgreSQL is not installed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from bot import privacy, report, storage
from tests.support.postgres import private_postgres

NOW = dt.datetime(2027, 12, 1, 12, 0)


@pytest.fixture(scope="module")
def postgres():
    with private_postgres("dvcbot", "tracker", prefix="dvcbot-privacy-pg-") as server:
        yield server

def test_guess_limits_purge_and_erase_work_on_postgresql(postgres):
    from actions.portal.guesses import GuessGuard, GuessSettings
    from bot.handoff.store import TicketStore

    database, tracker = postgres.url("dvcbot"), postgres.url("tracker")
    moment = [NOW - dt.timedelta(days=400)]
    guard = GuessGuard(database, GuessSettings(code_places=3), clock=lambda: moment[0])
    for index in range(5):
        verdict = guard.record_failure("000.00.99.H99-250701-0001", f"tg:{index % 3}",
                                       client="addr-1")
    assert verdict.places == 3 and verdict.delay > 0 and len(guard.recent_alerts()) == 1
    assert guard.refused("tg:new", client="addr-1") and not guard.refused("tg:new")

    tickets = TicketStore(database, clock=lambda: moment[0])
    first = tickets.create(commune="thanh_phong", procedure=None, channel="zalo",
                           sender_id="zalo:1", messages=[{"who": "citizen", "text": "sdt 0912345678"}])
    with pytest.raises(sa.exc.IntegrityError):            # one active ticket per citizen
        tickets.create(commune="thanh_phong", procedure=None, channel="zalo", sender_id="zalo:1",
                       messages=[])
    assert "0912345678" not in json.dumps(tickets.get(first.id).messages)
    tickets.close(first.id, "volunteer", ask_rating=False)

    engine = sa.create_engine(tracker)
    report.events_table.metadata.create_all(engine)
    old = (NOW - dt.timedelta(days=200)).replace(tzinfo=dt.timezone.utc).timestamp()
    new = (NOW - dt.timedelta(days=1)).replace(tzinfo=dt.timezone.utc).timestamp()
    user = lambda text, ts: {"event": "user", "timestamp": ts, "text": text,  # noqa: E731
                             "input_channel": "zalo",
                             "parse_data": {"intent": {"name": "ask_fee", "confidence": 0.9},
                                            "entities": []}}
    with engine.begin() as conn:
        for sender, ts in (("zalo:1", old), ("zalo:2", old), ("zalo:2", new), ("zalo:3", old)):
            conn.execute(report.events_table.insert().values(
                sender_id=sender, type_name="user", timestamp=ts, intent_name="ask_fee",
                data=json.dumps(user("le phi bao nhieu", ts))))

    done = privacy.purge(NOW, url=database, tracker_url=tracker)
    assert (done.conversations, done.tickets) == (2, 1)
    assert done.other >= 5                                 # the guess counters are old too
    erased = privacy.erase("zalo:2", "zalo", url=database, tracker_url=tracker)
    assert erased.events == 2
    with engine.connect() as conn:
        senders = sorted(conn.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars())
    assert len(senders) == 2 and all(s.startswith("purged:") for s in senders)
    engine.dispose()
    storage.dispose_all()
