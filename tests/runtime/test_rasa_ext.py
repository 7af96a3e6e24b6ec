"""bot.rasa_ext is installed on purpose, only on the Rasa it was written for, and the Rasa server
refuses to start rather than keep conversations in memory: what an operator sees when the Rasa
version, the endpoints file or the tracker store's database driver is wrong."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

import bot.rasa_ext
from bot.paths import REPO_ROOT
from bot.rasa_ext import RasaExtError, RasaVersionError
from bot.rasa_ext.endpoints import EndpointsError, check_endpoints
from bot.runner import active_endpoints_text
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.tracker_store import (FailSafeTrackerStore, InMemoryTrackerStore,
                                     create_tracker_store)
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.training_data.features import Features
from rasa.utils.endpoints import EndpointConfig

DURABLE = "bot.rasa_ext.stores.DurableSQLTrackerStore"


@pytest.fixture
def rasa_as_shipped():
    """Rasa without dvcbot's patches before and after the test (and no tracker store of it
    left as this process's live one)."""
    from bot.rasa_ext import stores

    bot.rasa_ext.uninstall()
    yield
    bot.rasa_ext.uninstall()
    stores._live_stores.clear()


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


def test_install_on_rasa_3_6_installs_every_patch_once(rasa_as_shipped, tmp_path, domain):
    rasas_own = RemoteAction.__dict__["_validate_action_result"]
    from bot.rasa_ext.stores import DurableSQLTrackerStore

    first = bot.rasa_ext.install()
    assert [what.split(".")[0] for what in first] == ["1", "2", "3", "4", "5"]
    patched = RemoteAction.__dict__["_validate_action_result"]
    assert patched is not rasas_own
    assert bot.rasa_ext.install() == first                 # the second call changes nothing
    assert RemoteAction.__dict__["_validate_action_result"] is patched
    store = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert bot.rasa_ext.installed() == first               # building the store: installed once
    assert Agent._create_tracker_store(store, domain) is store   # not made fail-safe in memory

    bot.rasa_ext.uninstall()                                # Rasa's own code back, not a patch
    assert RemoteAction.__dict__["_validate_action_result"] is rasas_own
    assert isinstance(Agent._create_tracker_store(store, domain), FailSafeTrackerStore)


@pytest.mark.parametrize("version", ["3.7.0", "3.5.14", "4.0.0", "3.6rc1"])
def test_another_rasa_version_is_refused_clearly_and_nothing_is_patched(rasa_as_shipped, version):
    rasas_own = RemoteAction.__dict__["_validate_action_result"]
    with pytest.raises(RasaVersionError) as refused:
        bot.rasa_ext.install(version)
    assert str(refused.value) == (
        f"bot.rasa_ext patches internals of Rasa 3.6.x (tested with 3.6.21), but Rasa {version} "
        "is installed: install rasa==3.6.21 (pyproject.toml), or check each patch listed in "
        "bot/rasa_ext/__init__.py against the new version first")
    assert bot.rasa_ext.installed() == []
    assert RemoteAction.__dict__["_validate_action_result"] is rasas_own
    bot.rasa_ext.install()
    with pytest.raises(RasaVersionError):                    # installed already: still refused
        bot.rasa_ext.install(version)


def test_without_scipys_private_helpers_speed_up_4_is_skipped_with_a_log_line_same_results(
        rasa_as_shipped, monkeypatch, caplog):
    import numpy as np
    import scipy.sparse as sp

    rasas_own = Features.__dict__["_combine_sparse_features"]
    monkeypatch.setitem(sys.modules, "scipy.sparse._sputils", None)   # a scipy that moved it
    with caplog.at_level(logging.WARNING, logger="bot.rasa_ext.speedups"):
        installed = bot.rasa_ext.install()
    assert [what.split(".")[0] for what in installed] == ["1", "2", "3", "5"]
    assert "speed-up 4 (joining sparse features) skipped" in caplog.text
    assert Features.__dict__["_combine_sparse_features"] is rasas_own

    left = sp.random(3, 50, density=0.1, format="coo", random_state=1, dtype="float32")
    right = sp.random(3, 7, density=0.3, format="coo", random_state=2, dtype="float64")
    joined = Features(left, "sequence", "text", "a")
    joined.combine_with_features(Features(right, "sequence", "text", "b"))
    expected = sp.hstack([left, right])
    assert joined.features.dtype == expected.dtype
    assert np.array_equal(joined.features.toarray(), expected.toarray())
    from bot.rasa_ext import speedups

    assert (speedups.hstack_pair(left, right) != expected).nnz == 0


def test_a_durable_store_whose_database_driver_is_missing_stops_the_start_up(domain):
    # Rasa's own SQL store, named by class path: the ImportError becomes a warning and an
    # in-memory store (every conversation lost on restart)
    rasas = create_tracker_store(EndpointConfig(type="rasa.core.tracker_store.SQLTrackerStore",
                                                dialect="mysql", db="rasa"), domain)
    assert isinstance(rasas, InMemoryTrackerStore)
    with pytest.raises(RasaExtError, match=r"^tracker_store: DurableSQLTrackerStore cannot open "
                       r"its database .*: ModuleNotFoundError: No module named 'MySQLdb'$"):
        create_tracker_store(EndpointConfig(type=DURABLE, dialect="mysql", db="rasa"), domain)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


ACTIONS = 'action_endpoint:\n  url: "http://127.0.0.1:5055/webhook"\n'


@pytest.mark.parametrize("body,expected", [
    (ACTIONS + "tracker_store:\n  type: bot.rasa_ext.stores.NoSuchStore\n  dialect: sqlite\n",
     "{file}:4: tracker_store.type: cannot import 'bot.rasa_ext.stores.NoSuchStore' (ImportError:"),
    (ACTIONS + "\ntracker_store:\n  dialect: sqlite\n  type: bot.stores.DurableSQLTrackerStore\n",
     "{file}:6: tracker_store.type: cannot import 'bot.stores.DurableSQLTrackerStore' "
     "(ModuleNotFoundError: No module named 'bot.stores'); Rasa would silently keep every "
     "conversation in memory instead and lose it on restart"),
    (ACTIONS + "tracker_store:\n  type: bot.rasa_ext.stores.AtomicRedisLockStore\n",
     "{file}:4: tracker_store.type: 'bot.rasa_ext.stores.AtomicRedisLockStore' is not a Rasa "
     "TrackerStore"),
    (ACTIONS + "tracker_store:\n  dialect: sqlite\n",
     "{file}:3: tracker_store.type: missing: Rasa would keep every conversation in memory"),
    (ACTIONS, "{file}:1: tracker_store: missing: Rasa would keep every conversation in memory"),
    (ACTIONS + "tracker_store:\n  type: SQL\nlock_store:\n  type: bot.rasa_ext.stores.Lock\n",
     "{file}:6: lock_store.type: cannot import 'bot.rasa_ext.stores.Lock' (ImportError:"),
])
def test_an_endpoints_file_naming_a_store_that_cannot_be_built_is_refused_with_file_line_field(
        tmp_path, body, expected):
    endpoints = write(tmp_path / "endpoints.yml", body)
    with pytest.raises(EndpointsError) as refused:
        check_endpoints(endpoints)
    assert str(refused.value).startswith(expected.format(file=endpoints))


def test_the_repositorys_endpoints_and_rasas_own_store_types_pass(tmp_path):
    check_endpoints(REPO_ROOT / "endpoints.yml")
    check_endpoints(write(tmp_path / "e.yml", ACTIONS + "tracker_store:\n  type: sql\n"
                          "lock_store:\n  type: bot.rasa_ext.stores.AtomicRedisLockStore\n"))
    with pytest.raises(EndpointsError, match=r"e2.yml: cannot read the endpoints file"):
        check_endpoints(tmp_path / "e2.yml")


def test_the_rasa_server_does_not_start_when_endpoints_yml_names_a_missing_store_class(tmp_path):
    """As `dvcbot run` starts it: from the copy of endpoints.yml in the state directory; the
    error names the line of endpoints.yml itself."""
    template = write(tmp_path / "endpoints.yml",
                     ACTIONS + "tracker_store:\n  type: bot.rasa_ext.stores.DurableSQLTrackerStor\n"
                     '  dialect: "sqlite"\n  db: "var/rasa_tracker.sqlite3"\n')
    state = tmp_path / "var"
    state.mkdir()
    active = write(state / "endpoints.active.yml", active_endpoints_text(template, 5055, state))
    result = subprocess.run(
        [sys.executable, "-m", "bot.rasa_ext", "run", "--enable-api", "--port", "1",
         "--model", str(tmp_path / "no-model.tar.gz"), "--endpoints", str(active)],
        cwd=REPO_ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result.stderr[-3000:]
    assert (f"dvcbot: the Rasa server was not started:\n{template}:4: tracker_store.type: "
            "cannot import 'bot.rasa_ext.stores.DurableSQLTrackerStor'") in result.stderr
    assert f"(copied to {active})" in result.stderr
    assert "Starting Rasa server" not in result.stdout + result.stderr
