"""The one database dvcbot keeps its own data in (DVCBOT_DATABASE_URL).

The knowledge base, dossier subscriptions, volunteer tickets, channel tokens and outboxes, and
entry-point counts each own their tables (their own SQLAlchemy MetaData, listed in SCHEMA) but
share this URL and, within a process, one engine per URL. The tables are made and changed only
by the migrations (bot/migrations): the first engine for a URL brings its database to the head
revision. Rasa's conversations are in its own tracker store (endpoints.yml), not here.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from sqlalchemy import MetaData, create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool, StaticPool

from bot.core.settings import settings
from bot.paths import REPO_ROOT, state_dir

# Every module that defines dvcbot's own tables, with the attribute holding its MetaData. The
# migrations compare these with the revisions (tests/migrations); a new store adds its line.
SCHEMA = (
    "bot.handoff.store:metadata",
    "bot.channels.store:metadata",
    "bot.entry_points:metadata",
    "bot.privacy:metadata",
    "actions.portal.subscriptions:metadata",
    "actions.portal.guesses:metadata",
    "knowledge.models:Base.metadata",
)

# The newest revision of bot/migrations/versions (tests/migrations keep it equal to Alembic's
# head; a new revision changes it): a database already there is used without loading Alembic,
# which would cost every process about 0.3 s at its first database call.
HEAD_REVISION = "0002"

_engines: dict[str, Engine] = {}
_checked: set[tuple[str, int]] = set()
_lock = threading.Lock()


def schema_metadata() -> list[MetaData]:
    """The MetaData of every module in SCHEMA (imported here, on demand: no import cycle)."""
    found = []
    for entry in SCHEMA:
        module, attribute = entry.split(":")
        value = importlib.import_module(module)
        for name in attribute.split("."):
            value = getattr(value, name)
        found.append(value)
    return found


def database_url(url: str | None = None) -> str:
    """The URL given, else DVCBOT_DATABASE_URL, else SQLite in the state directory.

    A relative SQLite path is taken from the repository root; its folder is created.
    """
    raw = url or settings().database.url
    if not raw:
        return f"sqlite:///{state_dir() / 'dvcbot.sqlite3'}"
    parsed = make_url(raw)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        if not path.is_absolute():
            path = REPO_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        parsed = parsed.set(database=str(path))
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # Several processes (Rasa with its channels, the action server, the poller, the CLI) share
    # the file: wait for a lock instead of failing, and let readers run beside one writer.
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """A new engine for the URL with dvcbot's connection settings; no migration (engine_for
    is the one to use, bot.migrations the one that needs this)."""
    resolved = database_url(url)
    # an error message never carries the statement's values (sender ids, codes, texts) into a
    # log line
    kwargs: dict = {"future": True, "hide_parameters": True}
    if resolved.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if ":memory:" in resolved or make_url(resolved).database in (None, ""):
            kwargs["poolclass"] = StaticPool  # one in-memory database for every thread
        else:
            kwargs["poolclass"] = QueuePool  # SQLAlchemy 1.4 opens a file per query otherwise
    else:
        # a server database (PostgreSQL) may restart: test pooled connections before use
        kwargs["pool_pre_ping"] = True
    engine = create_engine(resolved, **kwargs)
    if resolved.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def engine_for(url: str | None = None, metadata: MetaData | None = None) -> Engine:
    """One engine per database URL in this process, its database at the head revision.

    The first call for a URL runs the migrations (bot.migrations.ensure_current); with
    `metadata`, its tables must then exist, else MigrationError names the table that no revision
    creates."""
    resolved = database_url(url)
    with _lock:
        engine = _engines.get(resolved)
        if engine is None:
            engine = make_engine(resolved)
            try:
                if not at_head(engine):
                    from bot import migrations

                    migrations.ensure_current(engine)
            except BaseException:
                engine.dispose()
                raise
            _engines[resolved] = engine
        if metadata is not None and (resolved, id(metadata)) not in _checked:
            present = set(inspect(engine).get_table_names())
            missing = [table.name for table in metadata.sorted_tables if table.name not in present]
            if missing:
                from bot import migrations

                raise migrations.missing_tables(missing)
            _checked.add((resolved, id(metadata)))
        return engine


def at_head(engine: Engine) -> bool:
    """The database's Alembic revision is HEAD_REVISION (False when it has none yet)."""
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:  # no alembic_version table: a new database or the previous release
        return False
    return found == [HEAD_REVISION]


def dispose_all() -> None:
    """Close every engine (tests that switch database files between cases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _checked.clear()
