"""The one database dvcbot keeps its own data in (DVCBOT_DATABASE_URL).

The knowledge base, dossier subscriptions, volunteer tickets, channel tokens and outboxes, and
entry-point counts each own their tables (their own SQLAlchemy MetaData) but share this URL and,
within a process, one engine per URL. Rasa's conversations are in its own tracker store
(endpoints.yml), not here.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from bot.core.settings import settings
from bot.paths import REPO_ROOT, state_dir

_engines: dict[str, Engine] = {}
_created: set[tuple[str, int]] = set()
_lock = threading.Lock()


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


def engine_for(url: str | None = None, metadata: MetaData | None = None) -> Engine:
    """One engine per database URL in this process; `metadata`'s tables are created once."""
    resolved = database_url(url)
    with _lock:
        engine = _engines.get(resolved)
        if engine is None:
            # an error message never carries the statement's values (sender ids, codes, texts)
            # into a log line
            kwargs: dict = {"future": True, "hide_parameters": True}
            if resolved.startswith("sqlite"):
                kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
                if ":memory:" not in resolved:
                    kwargs["poolclass"] = QueuePool  # SQLAlchemy 1.4 opens a file per query otherwise
            else:
                # a server database (PostgreSQL) may restart: test pooled connections before use
                kwargs["pool_pre_ping"] = True
            engine = create_engine(resolved, **kwargs)
            if resolved.startswith("sqlite"):
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[resolved] = engine
        if metadata is not None and (resolved, id(metadata)) not in _created:
            try:
                metadata.create_all(engine, checkfirst=True)
            except OperationalError:  # another process created them at the same moment
                metadata.create_all(engine, checkfirst=True)
            _created.add((resolved, id(metadata)))
        return engine


def dispose_all() -> None:
    """Close every engine (tests that switch database files between cases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _created.clear()
