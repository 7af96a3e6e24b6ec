"""`dvcbot run` brings the database to head before it starts any process, and starts none when
the database cannot be brought there."""

from __future__ import annotations

import sqlite3
import sys
import time

import pytest

from bot import migrations
from bot.ops.process import Process
from bot.runner import Stack

# what a process started by the runner finds, read without dvcbot (which would upgrade itself)
READ_REVISION = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
found = db.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall()
revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0] if found else "none"
open(sys.argv[2], "w").write(revision)
"""


def stack_with_reader(tmp_path, monkeypatch) -> tuple[Stack, Process]:
    monkeypatch.delenv("DVCBOT_DATABASE_URL", raising=False)
    stack = Stack(state=tmp_path)
    reader = Process("reader", [sys.executable, "-c", READ_REVISION, str(tmp_path / "dvcbot.sqlite3"),
                                str(tmp_path / "seen")], None, {}, tmp_path / "reader.log")
    stack.services.append(reader)
    return stack, reader


def test_the_first_process_started_finds_the_database_at_head(tmp_path, monkeypatch):
    stack, reader = stack_with_reader(tmp_path, monkeypatch)
    try:
        stack.start()
        deadline = time.monotonic() + 60
        while reader.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stack.stop()
    assert (tmp_path / "seen").read_text() == migrations.head(), reader.log_tail()


def test_no_process_starts_on_a_database_that_cannot_be_upgraded(tmp_path, monkeypatch):
    with sqlite3.connect(tmp_path / "dvcbot.sqlite3") as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('0099')")
    stack, reader = stack_with_reader(tmp_path, monkeypatch)
    with pytest.raises(RuntimeError, match="revision 0099, which this dvcbot does not have"):
        stack.start()
    assert reader.process is None
