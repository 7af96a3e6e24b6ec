from __future__ import annotations

import secrets

import pytest

from bot import storage
from tests.support.postgres import private_postgres


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    storage.dispose_all()


@pytest.fixture(scope="module")
def postgres():
    """A private PostgreSQL cluster in /tmp; skipped when PostgreSQL is not installed."""
    with private_postgres(prefix="dvcbot-migrations-pg-") as server:
        yield server

@pytest.fixture
def postgres_url(postgres):
    """A new empty database on the cluster for each test."""
    name = "t_" + secrets.token_hex(6)
    postgres.create_database(name)
    return postgres.url(name)
