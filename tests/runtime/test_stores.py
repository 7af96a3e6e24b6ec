"""bot/rasa_ext/stores.py and bot/rasa_ext/speedups.py, without a trained model: the durable
tracker store keeps what Rasa's SQL tracker store keeps, and the speed-ups change nothing Rasa
returns. (The faults they exist for are in tests/scale/; installing them in tests/runtime/
test_rasa_ext.py.)"""

from __future__ import annotations

import asyncio
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from jsonschema import ValidationError

import bot.rasa_ext
from bot.paths import REPO_ROOT
from bot.rasa_ext import speedups
from bot.rasa_ext.stores import DurableSQLTrackerStore, TrackerStoreUnavailable
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig


@pytest.fixture(scope="module", autouse=True)
def installed():
    """The Rasa server's patches, for these tests only: Rasa as shipped afterwards."""
    from bot.rasa_ext import stores

    bot.rasa_ext.install()
    yield
    bot.rasa_ext.uninstall()
    stores._live_stores.clear()  # a later test in this process is not "inside the Rasa server"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


def _conversation(sender: str, start: float) -> list:
    """Two sessions: kết hôn papers in the first, khai sinh fee in the second."""
    return [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 1),
        ActionExecuted("action_listen", timestamp=start + 2),
        UserUttered("ket hon can giay to gi", {"name": "ask_documents", "confidence": 0.9},
                    timestamp=start + 3),
        SlotSet("procedure", "ket_hon", timestamp=start + 4),
        BotUttered("Giấy tờ kết hôn ...", timestamp=start + 5),
        ActionExecuted("action_listen", timestamp=start + 6),
        ActionExecuted("action_session_start", timestamp=start + 100),
        SessionStarted(timestamp=start + 101),
        ActionExecuted("action_listen", timestamp=start + 102),
        UserUttered("khai sinh bao nhieu tien", {"name": "ask_fee", "confidence": 0.9},
                    timestamp=start + 103),
        SlotSet("procedure", "khai_sinh", timestamp=start + 104),
        BotUttered("Lệ phí khai sinh ...", timestamp=start + 105),
    ]


def _save_in_turns(store, domain: Domain, sender: str, events: list) -> None:
    """As Rasa does for every turn: read the latest session, add to it, save."""
    for event in events:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker.from_events(
            sender, [], domain.slots)
        tracker.update(event)
        asyncio.run(store.save(tracker))


def _texts(tracker: DialogueStateTracker) -> list:
    return [(e.type_name, getattr(e, "text", None), getattr(e, "value", None)) for e in tracker.events]


def test_a_conversation_reads_back_exactly_as_rasas_own_sql_store_reads_it(tmp_path: Path, domain):
    ours = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "ours.sqlite3"))
    rasa = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "rasa.sqlite3"))
    for store in (ours, rasa):
        _save_in_turns(store, domain, "citizen-1", _conversation("citizen-1", 1000.0))
        _save_in_turns(store, domain, "citizen-2", _conversation("citizen-2", 5000.0)[:7])

    for sender in ("citizen-1", "citizen-2"):
        latest, expected = asyncio.run(ours.retrieve(sender)), asyncio.run(rasa.retrieve(sender))
        assert _texts(latest) == _texts(expected)
        full = asyncio.run(ours.retrieve_full_tracker(sender))
        assert _texts(full) == _texts(asyncio.run(rasa.retrieve_full_tracker(sender)))

    latest = asyncio.run(ours.retrieve("citizen-1"))
    assert latest.get_slot("procedure") == "khai_sinh"   # only the second session
    assert [e.text for e in latest.events if isinstance(e, UserUttered)] == ["khai sinh bao nhieu tien"]
    assert len(asyncio.run(ours.retrieve_full_tracker("citizen-1")).events) == 13
    assert asyncio.run(ours.retrieve("nobody")) is None


def test_saving_twice_stores_each_event_once(tmp_path: Path, domain):
    store = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    # from session_started on, as `retrieve` gives it to Rasa
    tracker = DialogueStateTracker.from_events("citizen", _conversation("citizen", 10.0)[1:7],
                                               domain.slots)
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))   # a retried save appends nothing more
    assert len(asyncio.run(store.retrieve_full_tracker("citizen")).events) == 6


def test_the_sqlite_folder_of_endpoints_yml_is_created_for_plain_rasa_run(tmp_path: Path, domain):
    """endpoints.yml says var/rasa_tracker.sqlite3; a fresh clone has no var/ yet."""
    db = tmp_path / "var" / "rasa_tracker.sqlite3"
    store = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events("citizen", _conversation("citizen", 10.0)[1:7],
                                               domain.slots)
    asyncio.run(store.save(tracker))
    assert len(asyncio.run(store.retrieve_full_tracker("citizen")).events) == 6


def test_an_unreachable_database_is_reported_not_forgotten(tmp_path: Path, domain, monkeypatch):
    monkeypatch.setenv("DVCBOT_TRACKER_RETRY_SECONDS", "0.3")
    store = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    store.engine.dispose()
    # a database file that cannot be opened: every connection attempt fails
    store.engine = __import__("sqlalchemy").create_engine(f"sqlite:///{tmp_path}/no/such/dir/x.db")
    store.sessionmaker = __import__("sqlalchemy").orm.sessionmaker(bind=store.engine)
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(store.retrieve("citizen"))


def test_action_replies_are_validated_with_the_same_verdicts():
    action = RemoteAction("action_answer_procedure", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "Chào bạn"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


REPLIES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "timestamp": None, "name": "procedure", "value": "ket_hon"},
                {"event": "active_loop", "name": "dossier_form"},
                {"event": "followup", "name": "action_answer_procedure"}],
     "responses": [{"text": "Giấy tờ", "buttons": [{"title": "Lệ phí", "payload": "/ask_fee"}]}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet",
                                                                         "confidence": 1.0}}}]},
    {"events": [{"event": "bot", "text": "Chào", "data": {}}, {"event": "reset_slots"}]},
    # invalid ones
    {"events": "not a list"},
    {"events": [{"name": "procedure"}]},                                  # no event name
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},            # bad timestamp
    {"events": [{"event": "user", "parse_data": {"intent": {"confidence": "high"}}}]},
    {"events": [{"event": ["slot"]}]},
    {"events": [42]},
    {"responses": "text"},
    "not an object",
]


@pytest.mark.parametrize("reply", REPLIES)
def test_the_fast_check_of_action_replies_agrees_with_rasas_schema(reply):
    full = speedups._action_response_validator().is_valid(reply)
    assert speedups._valid_by_event(reply) == full
    if not full:
        with pytest.raises(ValidationError):
            RemoteAction("action_x", None)._validate_action_result(reply)


def test_the_model_graph_plan_is_computed_once_and_unchanged():
    from rasa.engine.graph import GraphSchema, SchemaNode

    def node(needs: dict, target: bool = False) -> SchemaNode:
        return SchemaNode(needs=needs, uses=object, constructor_name="load", fn="process",
                          config={}, is_target=target)

    # a diamond-shaped chain, like a pipeline whose components read the same messages
    nodes = {"a": node({})}
    previous = "a"
    for i in range(12):
        nodes[f"l{i}"] = node({"m": previous})
        nodes[f"r{i}"] = node({"m": previous})
        nodes[f"j{i}"] = node({"x": f"l{i}", "y": f"r{i}"})
        previous = f"j{i}"
    nodes["out"] = node({"m": previous}, target=True)
    nodes["unused"] = node({"m": "a"})
    schema = GraphSchema(nodes)

    minimal = schema.minimal_graph_schema(["out"])
    assert set(minimal.nodes) == set(nodes) - {"unused"}
    assert schema.minimal_graph_schema(["out"]) is minimal          # kept
    assert set(schema.minimal_graph_schema(["l0"]).nodes) == {"a", "l0"}
    assert set(schema.minimal_graph_schema().nodes) == set(minimal.nodes)


@pytest.mark.parametrize("left_dtype,right_dtype,rows", [
    ("float32", "float32", 1), ("float32", "float64", 8), ("int64", "float32", 30)])
def test_sparse_features_are_joined_exactly_as_scipy_joins_them(left_dtype, right_dtype, rows):
    import numpy as np
    import scipy.sparse as sp

    left = sp.random(rows, 6000, density=0.003, format="coo", random_state=1, dtype=left_dtype)
    right = sp.random(rows, 900, density=0.02, format="coo", random_state=2, dtype=right_dtype)
    expected, joined = sp.hstack([left, right]), speedups.hstack_pair(left, right)
    assert type(joined) is type(expected) and joined.shape == expected.shape
    assert joined.dtype == expected.dtype
    for name in ("row", "col", "data"):
        assert getattr(joined, name).dtype == getattr(expected, name).dtype
        assert np.array_equal(getattr(joined, name), getattr(expected, name))
    csr = speedups.hstack_pair(left.tocsr(), right.tocsr())   # other formats: scipy's way
    assert (csr != sp.hstack([left.tocsr(), right.tocsr()])).nnz == 0


class _CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    ports: set = set()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("content-length") or 0))
        _CountingHandler.ports.add(self.client_address[1])
        body = b'{"events": [], "responses": []}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_custom_action_calls_reuse_one_connection_to_the_action_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = EndpointConfig(f"http://127.0.0.1:{server.server_address[1]}/webhook")
    _CountingHandler.ports = set()

    async def calls() -> list:
        replies = [await endpoint.request(json={"next_action": "x"}, method="post") for _ in range(5)]
        await endpoint.__dict__["_dvcbot_session"][1].close()
        return replies

    try:
        assert asyncio.run(calls()) == [{"events": [], "responses": []}] * 5
    finally:
        server.shutdown()
    assert len(_CountingHandler.ports) == 1   # Rasa's own request() opens one connection per call


def test_a_failing_action_server_still_raises_rasas_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")

    async def call() -> None:
        try:
            await endpoint.request(json={}, method="post")
        finally:
            await endpoint.__dict__["_dvcbot_session"][1].close()

    import aiohttp

    with pytest.raises(aiohttp.ClientError):
        asyncio.run(call())


class _SilentHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    release = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 - an action server that never answers
        _SilentHandler.release.wait(30)

    def log_message(self, *args) -> None:
        pass


def test_an_action_server_that_never_answers_gives_up_after_the_action_timeout(monkeypatch):
    import aiohttp

    monkeypatch.setenv("DVCBOT_ACTION_TIMEOUT_SECONDS", "1")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SilentHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = EndpointConfig(f"http://127.0.0.1:{server.server_address[1]}/webhook")

    async def call() -> None:
        try:
            await endpoint.request(json={}, method="post")
        finally:
            await endpoint.__dict__["_dvcbot_session"][1].close()

    try:
        with pytest.raises((asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
            asyncio.run(call())
    finally:
        _SilentHandler.release.set()
        server.shutdown()


def test_a_stored_user_text_has_the_phone_and_id_numbers_masked_and_the_turn_still_has_them(
        tmp_path: Path, domain):
    import json

    import sqlalchemy as sa

    store = DurableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    typed = "sđt tôi 0912 345 678, cccd 079123456789, hồ sơ 000.00.12.H05-211020-0001"
    tracker = DialogueStateTracker.from_events("tg:42", _conversation("tg:42", 10.0)[1:3],
                                               domain.slots)
    tracker.update(UserUttered(typed, {"name": "check_dossier_status", "confidence": 0.9},
                               [{"entity": "dossier_code", "value": "000.00.12.H05-211020-0001"}],
                               timestamp=13.0))
    tracker.update(SlotSet("phone_suffix", "5678", timestamp=14.0))
    asyncio.run(store.save(tracker))
    # the turn that is running keeps what the citizen typed
    assert tracker.latest_message.text == typed
    with store.engine.connect() as conn:
        raw = "\n".join(conn.execute(sa.text("SELECT data FROM events")).scalars())
    for secret in ("0912 345 678", "079123456789", "211020-0001", "5678"):
        assert secret not in raw
    assert "**** *** *78" in raw and "000.00.12.H05-******-**01" in raw
    stored = asyncio.run(store.retrieve("tg:42"))
    user = [e for e in stored.events if isinstance(e, UserUttered)][0]
    assert user.text.startswith("sđt tôi **** *** *78") and stored.get_slot("phone_suffix") is None
    assert json.loads(json.dumps(user.intent))["name"] == "check_dossier_status"
