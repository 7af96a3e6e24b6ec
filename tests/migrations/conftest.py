from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path

import pytest

from bot import storage
from bot.ops.cluster import Postgres, free_port, missing_programs


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    storage.dispose_all()


@pytest.fixture(scope="module")
def postgres():
    """A private PostgreSQL cluster in /tmp; skipped when PostgreSQL is not installed."""
    if any("postgres" in name or "initdb" in name or "pg_ctl" in name
           for name in missing_programs()):
        pytest.skip("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="dvcbot-migrations-pg-", dir="/tmp"))
    folder.chmod(0o755)
    server = Postgres(folder / "pg", free_port(), secrets.token_hex(12))
    try:
        server.start()
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres):
    """A new empty database on the cluster for each test."""
    name = "t_" + secrets.token_hex(6)
    postgres.create_database(name)
    return postgres.url(name)
