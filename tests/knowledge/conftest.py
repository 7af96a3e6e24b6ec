"""Fixtures for the knowledge-base tests: a real SQLite file and copies of the real YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import config
from knowledge.base import KnowledgeBase

DATA = config.DEFAULT_DATA_DIR


@pytest.fixture(scope="session")
def kb(tmp_path_factory) -> KnowledgeBase:
    """The shipped knowledge base loaded into a fresh SQLite file."""
    db = tmp_path_factory.mktemp("kb") / "kb.sqlite3"
    return KnowledgeBase.open(f"sqlite:///{db}", DATA)


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A private, editable copy of knowledge/data."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'kb.sqlite3'}"
