"""Real processes for the scale and fault tests (bot/ops/cluster.py):

- `single`: one Rasa server with the repository's SQL tracker store (SQLite), the action
  server and the portal simulator; no PostgreSQL or Redis needed. Used for restarts, the
  action server going down, a slow portal and the fuzz run.
- `pair` (tests/scale/test_replicas.py): two Rasa replicas with the SQL tracker store on
  PostgreSQL and the Redis lock store behind the balancer (nginx, or the Python proxy).
  Skipped, naming what is missing, only when the PostgreSQL or Redis programs are absent
  (scripts/install-system-deps.sh installs them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.ops.cluster import Cluster, ClusterConfig, missing_programs
from bot.channels.rest import rest_sender
from bot.tokens import RASA_API_TOKEN, REST_TOKEN, bearer_header, rasa_api_params
from bot.training import train

# The clusters these tests start, and the tests' own calls, share one REST token.
os.environ.setdefault(REST_TOKEN.env, uuid.uuid4().hex + uuid.uuid4().hex)
os.environ.setdefault(RASA_API_TOKEN.env, uuid.uuid4().hex + uuid.uuid4().hex)
REST_HEADERS = bearer_header()
RASA_API = rasa_api_params()
from knowledge import KnowledgeBase

START_TIMEOUT = 600


@dataclass
class Citizen:
    """One conversation, sent to whichever address the test chooses."""

    sender: str

    def say(self, url: str, text: str, timeout: float = 120) -> list[dict]:
        response = httpx.post(f"{url}/webhooks/rest/webhook", headers=REST_HEADERS,
                              json={"sender": self.sender, "message": text}, timeout=timeout)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    def text(self, url: str, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(url, message))


def tracker_events(rasa_url: str, sender: str) -> list[dict]:
    response = httpx.get(f"{rasa_url}/conversations/{rest_sender(sender)}/tracker",
                         params=RASA_API, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response.json()["events"]


def user_texts(events: list[dict]) -> list[str]:
    return [e.get("text") for e in events if e.get("event") == "user"]


def turns(events: list[dict]) -> list[str]:
    """"user" and "bot" in the order they happened, the messages of one answer (a fact and its
    legal basis, or the first contact's privacy notice and the answer) counted as one "bot"."""
    kinds: list[str] = []
    for event in events:
        kind = event.get("event")
        if kind in ("user", "bot") and not (kind == "bot" and kinds[-1:] == ["bot"]):
            kinds.append(kind)
    return kinds


def state_dir(prefix: str) -> Path:
    # PostgreSQL runs as the `postgres` user when we are root: its directory must be reachable
    # by that user, which pytest's private tmp (mode 700) is not.
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def scale_model() -> Path:
    """The trained model (trained once when out of date, as in tests/integration);
    DVCBOT_TEST_MODEL=<archive> uses that archive instead."""
    given = os.environ.get("DVCBOT_TEST_MODEL")
    if given:
        return Path(given)
    return train(quiet=True)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.open()


@pytest.fixture
def citizen() -> Citizen:
    return Citizen(f"scale-{uuid.uuid4().hex[:12]}")


def start_cluster(config: ClusterConfig) -> Cluster:
    # to try a proposed channel or tracker store before it is in credentials.yml/endpoints.yml
    if os.environ.get("DVCBOT_TEST_CREDENTIALS"):
        config.credentials = Path(os.environ["DVCBOT_TEST_CREDENTIALS"])
    if os.environ.get("DVCBOT_TEST_TRACKER_TYPE"):
        config.tracker_type = os.environ["DVCBOT_TEST_TRACKER_TYPE"]
    if os.environ.get("DVCBOT_TEST_LOCK_TYPE"):
        config.lock_type = os.environ["DVCBOT_TEST_LOCK_TYPE"]
    cluster = Cluster(config)
    try:
        cluster.up()
    except BaseException as error:
        logs = "\n".join(f"--- {p.name}\n{p.log_tail()}" for p in
                         [cluster.actions, *cluster.replicas] if p is not None)
        cluster.down()
        pytest.fail(f"the cluster did not start: {error}\n{logs}")
    return cluster


def running_cluster(prefix: str, model: Path, **config):
    """Start a cluster in a fresh state directory; stop it and remove the directory after."""
    state = state_dir(prefix)
    cluster = start_cluster(ClusterConfig.with_free_ports(state, model=model,
                                                          start_timeout=START_TIMEOUT, **config))
    try:
        yield cluster
    finally:
        cluster.down()
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def single(scale_model: Path):
    yield from running_cluster("dvcbot-scale-single-", scale_model, replicas=1, tracker="sqlite",
                               lock="memory", kb_database="sqlite", balancer="none")


@pytest.fixture(scope="module")
def pair(scale_model: Path):
    missing = missing_programs()
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (run scripts/install-system-deps.sh)")
    yield from running_cluster("dvcbot-scale-pair-", scale_model, replicas=2, tracker="postgres",
                               lock="redis", kb_database="postgres", balancer="auto")
