"""The migrations: the models and the head revision agree, every table definition is known to
them, a new database is made at head, two processes starting at once upgrade it once, and what
an operator sees when the database cannot be brought to head."""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot import migrations, storage
from bot.migrations import cli
from bot.paths import REPO_ROOT

VERSIONS = REPO_ROOT / "bot" / "migrations" / "versions"
PREVIOUS_SQLITE = Path(__file__).with_name("previous_release") / "sqlite.sql"
# a module whose MetaData describes tables that are not dvcbot's: Rasa's events, read by the
# report (bot/migrations is skipped too: the revisions keep their own copies of the schema)
NOT_OURS = {"bot/report.py"}

NEW_STORE = sa.MetaData()
sa.Table("reminders", NEW_STORE,
         sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("code", sa.String(64), nullable=False, index=True),
         sa.Column("due_at", sa.DateTime, nullable=False))


def sqlite_url(tmp_path: Path, name: str = "dvcbot.sqlite3") -> str:
    return f"sqlite:///{tmp_path / name}"


def tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def differences(url: str, metadata=None) -> list:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn),
                                    metadata or storage.schema_metadata())
    finally:
        engine.dispose()


def test_the_models_and_the_head_revision_agree(tmp_path):
    url = sqlite_url(tmp_path)
    migrations.upgrade(url)
    assert differences(url) == []


def test_every_table_definition_is_listed_for_the_migrations():
    listed = {entry.split(":")[0] for entry in storage.SCHEMA}
    defining = set()
    for folder in ("bot", "actions", "knowledge"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            relative = path.relative_to(REPO_ROOT).as_posix()
            if relative.startswith("bot/migrations/") or relative in NOT_OURS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                        "MetaData", "declarative_base"):
                    defining.add(relative[:-3].replace("/", "."))
    assert defining - listed == set(), "add these modules to bot.storage.SCHEMA"
    assert listed - defining == set()


def test_the_revisions_are_one_numbered_line():
    files = sorted(p for p in VERSIONS.glob("*.py") if p.name != "__init__.py")
    assert files and all(re.fullmatch(r"\d{4}_[a-z0-9_]+\.py", p.name) for p in files)
    chain = [script.revision for script in reversed(list(migrations.scripts().walk_revisions()))]
    assert chain == [p.name[:4] for p in files]
    assert migrations.head() == chain[-1] and chain[0] == migrations.BASELINE


def test_the_head_a_process_trusts_without_alembic_is_the_newest_revision():
    # storage.engine_for skips Alembic when the database is at storage.HEAD_REVISION
    assert storage.HEAD_REVISION == migrations.head(), (
        f"bot/storage.py HEAD_REVISION is {storage.HEAD_REVISION!r}, the newest revision in "
        f"bot/migrations/versions is {migrations.head()!r}: set HEAD_REVISION to it")


def test_a_database_at_head_is_opened_without_loading_alembic(tmp_path):
    url = sqlite_url(tmp_path)
    assert cli.main(["upgrade", "--database-url", url]) == 0
    probe = ("import sys; from bot import storage; storage.engine_for(sys.argv[1]); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    done = subprocess.run([sys.executable, "-c", probe, url], cwd=REPO_ROOT, text=True,
                          capture_output=True, check=True)
    assert done.stdout.strip() == "[]"
    behind = sqlite_url(tmp_path / "new")
    done = subprocess.run([sys.executable, "-c", probe, behind], cwd=REPO_ROOT, text=True,
                          capture_output=True, check=True)
    assert "alembic" in done.stdout   # a new database is upgraded with Alembic
    assert migrations.current(behind) == migrations.head()


def test_an_empty_database_is_made_at_head_and_a_second_upgrade_changes_nothing(tmp_path, capsys):
    url = sqlite_url(tmp_path)
    assert cli.main(["current", "--database-url", url]) == 0
    assert "no revision (behind head" in capsys.readouterr().out
    assert cli.main(["upgrade", "--database-url", url]) == 0
    assert f"no revision -> {migrations.head()}" in capsys.readouterr().out
    assert cli.main(["upgrade", "--database-url", url]) == 0
    assert f"at {migrations.head()} (head) already" in capsys.readouterr().out
    assert cli.main(["current", "--database-url", url]) == 0
    assert f"{migrations.head()} (head)" in capsys.readouterr().out
    assert cli.main(["history"]) == 0
    assert capsys.readouterr().out.startswith(migrations.head())
    assert {"handoff_tickets", "dossier_subscriptions", "kb_procedure", "zalo_oa_tokens",
            "channel_outbox", "entry_point_counts", "privacy_notices", "security_alerts",
            "alembic_version"} <= tables(url)


def test_a_store_opened_on_a_new_database_finds_its_tables(tmp_path):
    from bot.handoff.store import TicketStore

    store = TicketStore(sqlite_url(tmp_path))
    ticket = store.create(commune=None, procedure=None, channel="zalo", sender_id="zalo:1",
                          messages=[])
    assert store.active_for("zalo", "zalo:1").id == ticket.id
    assert migrations.current(sqlite_url(tmp_path)) == migrations.head()


def test_an_in_memory_database_is_migrated_for_every_thread():
    engine = storage.engine_for("sqlite://")
    seen = []
    worker = threading.Thread(target=lambda: seen.append(set(sa.inspect(engine).get_table_names())))
    worker.start()
    worker.join()
    assert "handoff_tickets" in seen[0]


def upgrade_at_once(url: str, processes: int = 4) -> list:
    start = threading.Barrier(processes)
    outcomes: list = []

    def replica():
        start.wait()
        try:
            outcomes.append(migrations.upgrade(url))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            outcomes.append(error)

    threads = [threading.Thread(target=replica) for _ in range(processes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def version_rows(url: str) -> list:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    finally:
        engine.dispose()


def test_replicas_starting_at_once_upgrade_sqlite_once(tmp_path):
    url = sqlite_url(tmp_path)
    outcomes = upgrade_at_once(url)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sorted(before or "" for before, _ in outcomes) == ["", migrations.head(),
                                                             migrations.head(), migrations.head()]
    assert version_rows(url) == [(migrations.head(),)]
    assert differences(url) == []


def test_replicas_starting_at_once_upgrade_postgresql_once(postgres_url):
    outcomes = upgrade_at_once(postgres_url)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sum(before is None for before, _ in outcomes) == 1
    assert version_rows(postgres_url) == [(migrations.head(),)]
    assert differences(postgres_url) == []


def test_a_table_that_no_revision_creates_is_named(tmp_path):
    with pytest.raises(migrations.MigrationError,
                       match=r"table\(s\) reminders missing .* no revision creates them"):
        storage.engine_for(sqlite_url(tmp_path), NEW_STORE)


def test_a_database_written_by_a_newer_release_is_refused(tmp_path):
    url = sqlite_url(tmp_path)
    migrations.upgrade(url)
    with sqlite3.connect(tmp_path / "dvcbot.sqlite3") as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(migrations.MigrationError,
                       match=r"at revision 0099, which this dvcbot does not have .*newer release"):
        storage.engine_for(url)
    assert version_rows(url) == [("0099",)]


def load_previous_release(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(PREVIOUS_SQLITE.read_text(encoding="utf-8"))


def test_a_database_older_than_the_one_ticket_index_gets_it_keeping_the_claimed_ticket(tmp_path):
    from bot.handoff.store import TicketStore

    load_previous_release(tmp_path / "dvcbot.sqlite3")
    with sqlite3.connect(tmp_path / "dvcbot.sqlite3") as db:
        db.execute("DROP INDEX uq_handoff_tickets_active_sender")
        # before the index, a second ticket could open for a citizen whose first was claimed
        db.execute("INSERT INTO handoff_tickets (id, channel, sender_id, messages_json, status, "
                   "created_at, last_activity_at, announcements, rating_requested) VALUES "
                   "(9, 'zalo', 'zalo:800002', '[]', 'open', '2026-11-30 10:00:00', "
                   "'2026-11-30 10:00:00', 0, 0)")
    url = sqlite_url(tmp_path)
    store = TicketStore(url)
    assert store.active_for("zalo", "zalo:800002").claimed_by_name == "Chị Lan (tổ tình nguyện)"
    duplicate = store.get(9)
    assert (duplicate.status, duplicate.closed_reason) == ("closed", "duplicate")
    with pytest.raises(sa.exc.IntegrityError):
        store.create(commune=None, procedure=None, channel="zalo", sender_id="zalo:800002",
                     messages=[])
    assert differences(url) == []


def test_knowledge_tables_of_an_older_layout_are_made_anew_and_the_rest_kept(tmp_path):
    from bot.handoff.store import TicketStore
    from knowledge.loader import has_data, make_engine

    load_previous_release(tmp_path / "dvcbot.sqlite3")
    with sqlite3.connect(tmp_path / "dvcbot.sqlite3") as db:
        db.execute("ALTER TABLE kb_fee DROP COLUMN online_amount")
    url = sqlite_url(tmp_path)
    assert not has_data(make_engine(url))       # loaded again from the YAML at the next start
    assert differences(url) == []
    assert len(TicketStore(url).open_tickets()) == 1


def test_a_table_of_ours_missing_a_column_stops_the_upgrade_with_nothing_changed(tmp_path):
    with sqlite3.connect(tmp_path / "dvcbot.sqlite3") as db:
        db.execute("CREATE TABLE dossier_subscriptions (id INTEGER PRIMARY KEY, sender_id TEXT)")
    with pytest.raises(migrations.MigrationError,
                       match=r"table dossier_subscriptions lacks column\(s\) active, channel, code"):
        storage.engine_for(sqlite_url(tmp_path))
    assert tables(sqlite_url(tmp_path)) == {"dossier_subscriptions"}


def test_downgrade_to_base_removes_our_tables_and_upgrade_makes_them_again(tmp_path):
    url = sqlite_url(tmp_path)
    migrations.upgrade(url)
    engine = storage.make_engine(url)
    try:
        with engine.begin() as conn:
            cfg = migrations.config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
    finally:
        engine.dispose()
    assert tables(url) == {"alembic_version"}
    migrations.upgrade(url)
    assert differences(url) == []


@pytest.fixture
def migrations_copy(tmp_path, monkeypatch):
    """bot/migrations copied to tmp_path, and used instead of the real one."""
    copy = tmp_path / "migrations"
    shutil.copytree(REPO_ROOT / "bot" / "migrations", copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrations, "HERE", copy)
    migrations.scripts.cache_clear()
    yield copy
    migrations.scripts.cache_clear()


def test_autogenerate_writes_the_revision_for_a_new_table(tmp_path, monkeypatch, migrations_copy):
    monkeypatch.setattr(storage, "SCHEMA", storage.SCHEMA + (f"{__name__}:NEW_STORE",))
    head = migrations.head()
    assert cli.main(["revision", "-m", "Reminders for dossiers", "--autogenerate"]) == 0
    written = migrations_copy / "versions" / f"{int(head) + 1:04d}_reminders_for_dossiers.py"
    source = written.read_text(encoding="utf-8")
    assert "op.create_table('reminders'" in source and f"down_revision = '{head}'" in source
    url = sqlite_url(tmp_path)
    migrations.upgrade(url)
    assert "reminders" in tables(url) and differences(url) == []


FAILING_REVISION = '''"""A revision that fails after its first statement."""
from alembic import op
import sqlalchemy as sa

revision = "{revision}"
down_revision = "{head}"


def upgrade():
    op.create_table("reminders", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("a mistake in the revision")
'''


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_failing_revision_leaves_the_database_as_it_was(database, tmp_path, request,
                                                          migrations_copy):
    url = sqlite_url(tmp_path) if database == "sqlite" else request.getfixturevalue("postgres_url")
    head = migrations.head()
    revision = f"{int(head) + 1:04d}"
    (migrations_copy / "versions" / f"{revision}_fails.py").write_text(
        FAILING_REVISION.replace("{revision}", revision).replace("{head}", head))
    migrations.scripts.cache_clear()
    with pytest.raises(migrations.MigrationError,
                       match=rf"upgrade to {revision} failed, nothing changed: a mistake in the revision"):
        storage.engine_for(url)
    assert tables(url) == set()                          # not even 0001's tables stay
    assert migrations.current(url) is None
