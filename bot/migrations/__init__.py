"""dvcbot's own tables are made and changed only by the Alembic revisions in versions/.

- `upgrade(url)`: bring a database to the head revision (`dvcbot run` before it starts any
  process, `dvcbot db upgrade`).
- `ensure_current(engine)`: the same for an engine, a single version read when the database is
  at head already; `bot.storage.engine_for` calls it for the first engine of a URL, so every
  process (Rasa's, the action server, the poller, every CLI command, every test) finds its
  tables whichever way it was started.
- `missing_tables(names)`: the error when a store's tables exist in no revision
  (`bot.storage.engine_for` checks them).

A database of the previous release (its tables made by each store's create_all, no
alembic_version) is upgraded like any other: the baseline revision creates only what it lacks,
so a database where some stores never ran, or one from before a table or index existed, ends
at the same schema as a new one, rows untouched.

Two processes or replicas starting at once: the upgrade runs in one transaction under a lock,
and the version is read once the lock is held, so the second finds nothing left to do.
- PostgreSQL: `pg_advisory_xact_lock(LOCK_KEY)`, released with the transaction; DDL is
  transactional there, so a failed upgrade leaves nothing half done.
- SQLite: `BEGIN IMMEDIATE` (the database's one write lock) around the whole upgrade; foreign
  keys are off meanwhile, as SQLite's procedure for schema changes asks (batch mode copies
  tables), and `PRAGMA foreign_key_check` runs before the commit.
"""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine, make_url

from bot import storage

HERE = Path(__file__).resolve().parent
# pg_advisory_xact_lock key held while the schema is upgraded (any constant bigint)
LOCK_KEY = 0x64766D67  # "dvmg"
BASELINE = "0001"


class MigrationError(RuntimeError):
    """The database cannot be brought to the schema this dvcbot needs; the message says why."""


def config() -> Config:
    """Alembic's configuration, built here (no alembic.ini)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    cfg.set_main_option("truncate_slug_length", "40")
    return cfg


@functools.lru_cache(maxsize=1)
def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    heads = scripts().get_heads()
    if len(heads) != 1:
        raise MigrationError(f"bot/migrations/versions has {len(heads)} heads "
                             f"({', '.join(heads)}): give the newer revision the other as its "
                             "down_revision")
    return heads[0]


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def current_revision(connection: Connection) -> str | None:
    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def current(url: str | None = None) -> str | None:
    """The database's revision; None before the first upgrade (empty, or the previous release)
    and for a SQLite file that does not exist (not made by asking)."""
    resolved = make_url(storage.database_url(url))
    if resolved.get_backend_name() == "sqlite" and resolved.database not in (None, "", ":memory:") \
            and not Path(resolved.database).exists():
        return None
    engine = storage.make_engine(url)
    try:
        with engine.connect() as conn:
            return current_revision(conn)
    finally:
        engine.dispose()


def ensure_current(engine: Engine) -> None:
    """Upgrade the engine's database to head unless it is there already."""
    with engine.connect() as conn:
        if current_revision(conn) == head():
            return
    _upgrade(engine)


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Bring the database to head; returns its revision (before, after)."""
    engine = storage.make_engine(url)
    try:
        return _upgrade(engine), head()
    finally:
        engine.dispose()


def _upgrade(engine: Engine) -> str | None:
    """Upgrade under the lock; returns the revision found once the lock was held."""
    url = engine.url.render_as_string(hide_password=True)
    target = head()
    with engine.connect() as conn:
        dialect = conn.dialect.name
        if dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        else:
            raise MigrationError(f"{url}: dvcbot keeps its data in SQLite or PostgreSQL, "
                                 f"not {dialect}")
        try:
            found = current_revision(conn)
            if found is not None and found not in _known():
                raise MigrationError(
                    f"the database {url} is at revision {found}, which this dvcbot does not have "
                    f"(head: {target}); a newer release wrote it: run that release, or restore the "
                    "database saved before its upgrade")
            _run(conn, lambda revision, _context: scripts()._upgrade_revs(target, revision))
            if dialect == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise MigrationError(f"{url}: upgrade to {target} would leave rows pointing at "
                                         f"missing rows (table, row, parent): {broken[:5]}")
            conn.commit()
            return found
        except MigrationError:
            conn.rollback()
            raise
        except Exception as error:  # noqa: BLE001 - a revision's own error, the database's...
            conn.rollback()
            raise MigrationError(f"{url}: upgrade to {target} failed, nothing changed: "
                                 f"{error}") from error
        except BaseException:
            conn.rollback()
            raise
        finally:
            if dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _run(conn: Connection, step) -> None:
    """Run env.py on `conn` with the step function of an Alembic command. Like alembic.command's
    functions, but with the revisions read once per process (each command reads every revision
    file again: a tenth of a second for each new test database)."""
    cfg = config()
    cfg.attributes["connection"] = conn
    with EnvironmentContext(cfg, scripts(), fn=step):
        scripts().run_env()


def _known() -> set[str]:
    return {script.revision for script in scripts().walk_revisions()}


def missing_tables(names: list[str]) -> MigrationError:
    """The error for a store whose tables no revision creates (bot.storage.engine_for finds
    them)."""
    return MigrationError(
        f"table(s) {', '.join(names)} missing from the database at revision {head()}: no "
        "revision creates them. A schema change is a new revision in bot/migrations/versions "
        "(`dvcbot db revision --autogenerate -m ...`; README: Changing the database schema)")


def next_revision_id() -> str:
    numbers = [int(script.revision) for script in scripts().walk_revisions()
               if re.fullmatch(r"\d+", script.revision)]
    return f"{max(numbers, default=0) + 1:04d}"


def new_revision(message: str, autogenerate: bool = False) -> Path:
    """Write versions/<id>_<message>.py after head; with `autogenerate`, its operations are the
    difference between the models (bot.storage.SCHEMA) and a scratch database at head."""
    cfg = config()
    rev_id = next_revision_id()
    if not autogenerate:
        script = command.revision(cfg, message=message, rev_id=rev_id)
    else:
        with tempfile.TemporaryDirectory(prefix="dvcbot-revision-") as folder:
            engine = storage.make_engine(f"sqlite:///{folder}/head.sqlite3")
            try:
                _upgrade(engine)
                with engine.connect() as conn:
                    cfg.attributes["connection"] = conn
                    script = command.revision(cfg, message=message, rev_id=rev_id,
                                              autogenerate=True)
            finally:
                engine.dispose()
    scripts.cache_clear()
    return Path(script.path)
