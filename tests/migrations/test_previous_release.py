"""A database made by the previous release (b3ba9e5: tables from each store's create_all, no
alembic_version, rows written by that release's own code; see previous_release/make.py) is
upgraded to head with every row intact, and the stores of this release read and write it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import migrations, storage

from .test_schema import differences

FIXTURES = Path(__file__).with_name("previous_release")


def snapshot(url: str, columns: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every row of every table but alembic_version, in a stable order; with `columns`, only
    those tables and columns (what an earlier snapshot had: later revisions add columns)."""
    engine = sa.create_engine(url)
    try:
        found = {}
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            for name in inspector.get_table_names():
                if name != "alembic_version" and (columns is None or name in columns):
                    shown = (columns or {}).get(name) or [c["name"] for c in inspector.get_columns(name)]
                    listed = ", ".join(f'"{column}"' for column in shown)
                    rows = conn.execute(sa.text(f'SELECT {listed} FROM "{name}"')).all()
                    found[name] = sorted((tuple(row) for row in rows), key=repr)
        return found
    finally:
        engine.dispose()


def load_sqlite(tmp_path: Path) -> str:
    path = tmp_path / "dvcbot.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript((FIXTURES / "sqlite.sql").read_text(encoding="utf-8"))
    return f"sqlite:///{path}"


def load_postgresql(postgres, url: str) -> str:
    conn = postgres.connect(sa.engine.make_url(url).database)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute((FIXTURES / "postgresql.sql").read_text(encoding="utf-8"))
    finally:
        conn.close()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def previous_release(request, tmp_path):
    if request.param == "sqlite":
        return load_sqlite(tmp_path)
    postgres = request.getfixturevalue("postgres")
    return load_postgresql(postgres, request.getfixturevalue("postgres_url"))


def test_every_row_of_the_previous_release_survives_the_upgrade(previous_release):
    url = previous_release
    before = snapshot(url)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        columns = {name: [c["name"] for c in inspector.get_columns(name)] for name in before}
    engine.dispose()
    assert migrations.current(url) is None
    baseline = migrations.scripts().get_revision(migrations.BASELINE).module.schema
    assert set(before) == set(baseline.tables)        # that release made every table of 0001
    assert all(before[name] for name in before), "make.py fills every table"

    assert migrations.upgrade(url) == (None, migrations.head())

    assert snapshot(url, columns) == before            # every row, every column it had
    assert migrations.current(url) == migrations.head()
    assert differences(url) == []


def test_the_stores_of_this_release_read_and_write_the_upgraded_database(previous_release):
    from actions.portal.subscriptions import SubscriptionStore
    from bot import entry_points, privacy
    from bot.channels import store as channel_store
    from bot.handoff.store import CLAIMED, TicketStore
    from knowledge.loader import has_data, make_engine

    url = previous_release
    tickets = TicketStore(url)                        # the first engine upgrades the database
    claimed = tickets.active_for("zalo", "zalo:800002")
    assert (claimed.status, claimed.claimed_by_name) == (CLAIMED, "Chị Lan (tổ tình nguyện)")
    assert tickets.ticket_of_message(-1001234567, 43) == claimed.id
    assert "0912 000 111" not in str(tickets.get(1).messages)     # stored masked, still masked
    assert tickets.get(3).rating == 5
    assert tickets.outbox_take("web:3f9a0c") == ["Anh mang bản chính và bản sao đến bộ phận một cửa nhé."]
    new = tickets.create(commune="an_qui", procedure=None, channel="telegram", sender_id="tg:700077",
                         messages=[{"who": "citizen", "text": "cho tôi gặp cán bộ"}])
    assert new.id == 4                                 # the id sequence carried over

    follows = SubscriptionStore(url)
    assert sorted(follows.codes_to_check()) == ["000.00.31.H12-261118-0031",
                                                "000.00.31.H12-261120-0007"]
    [notice] = follows.pending()
    assert (notice.sender_id, notice.status_text, notice.appointment_date) == (
        "tg:700001", "Đang xử lý", "2026-12-04")

    assert privacy.first_contact("tg:700001", url=url) is False    # the notice is not said twice
    assert privacy.first_contact("tg:700099", url=url) is True
    assert channel_store.counts("telegram", "2026-01-01", "2027-12-31", url) == {"possible_repeat": 1}
    day = dt.date(2026, 11, 30)
    assert sorted(row["source"] for row in entry_points.entry_counts(day, day, url)) == [
        "leaflet-2026", "poster-ubnd"]
    assert has_data(make_engine(url))
    storage.dispose_all()
