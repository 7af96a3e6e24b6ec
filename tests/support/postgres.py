"""A private PostgreSQL cluster in /tmp for tests of the scale-out database (bot.ops.cluster's
Postgres); the test is skipped when PostgreSQL is not installed."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from bot.ops.cluster import Postgres, missing_programs
from bot.ops.process import free_port


@contextmanager
def private_postgres(*databases: str, prefix: str = "dvcbot-pg-") -> Iterator[Postgres]:
    """The running server, with `databases` created; stopped and removed afterwards."""
    if any("postgres" in name or "initdb" in name or "pg_ctl" in name
           for name in missing_programs()):
        pytest.skip("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    folder.chmod(0o755)   # the postgres user must reach its data directory
    server = Postgres(folder / "pg", free_port(), secrets.token_hex(12))
    try:
        server.start()
        for name in databases:
            server.create_database(name)
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
