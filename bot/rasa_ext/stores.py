"""Rasa's conversation and lock stores made safe and fast for dvcbot (README "Performance and
scale"). Loaded only by the Rasa server, through endpoints.yml:

    tracker_store:
      type: bot.rasa_ext.stores.DurableSQLTrackerStore   # instead of `type: SQL`; same other keys
      dialect: "sqlite"
      db: "var/rasa_tracker.sqlite3"

    lock_store:                                  # scale-out only (the cluster writes this)
      type: bot.rasa_ext.stores.AtomicRedisLockStore
      url: 127.0.0.1
      port: 6379
      ...

Three problems of Rasa 3.6, each measured (tests/scale, `dvcbot bench load --profile`):

1. Silent loss of conversations. Rasa wraps every tracker store in FailSafeTrackerStore
   (rasa/core/agent.py `_create_tracker_store`): when the database is unreachable, `save`
   keeps the conversation in the process's memory and `retrieve` returns a NEW, empty
   conversation, without telling anyone. The citizen gets an answer, but the message is not
   stored (another replica or a restart never sees it), and a later save of that fresh
   conversation stores nothing (SQLTrackerStore appends only the events beyond the count
   already stored). PostgreSQL restarted for 0.3 s under load lost 2-18 answered messages.
   DurableSQLTrackerStore checks pooled connections before use (pool_pre_ping), retries on
   connection errors for DVCBOT_TRACKER_RETRY_SECONDS (default 15 s; a restart or fail-over
   fits) without blocking other conversations, then raises TrackerStoreUnavailable; it is not
   wrapped in FailSafeTrackerStore (patch 5 of bot/rasa_ext/__init__.py, installed by
   bot.rasa_ext.install(), which this store calls when Rasa builds it), so the channel answers
   "try again" and nothing the citizen was told is lost or answered out of context. Rasa also
   turns an ImportError or AttributeError raised while it builds the store (a missing database
   driver, say) into a silent in-memory store: this store raises RasaExtError instead, and the
   Rasa server does not start.

2. Slow SQLite. SQLAlchemy 1.4 opens and closes the SQLite file for every session (NullPool)
   and each commit rewrites the database with a rollback journal: 10-14 ms per message.
   Kept-open connections and a write-ahead log: 6 ms (still durable if the Rasa server
   crashes; synchronous=NORMAL may lose the last commits only on an OS crash or power cut).
   The two queries of every message (the events of the latest session; how many of them are
   stored) are plain SQL: Rasa's ORM query with a sub-query spent more time building its
   SQLAlchemy cache key than in the database. The new events of a turn (about ten) are
   written by one INSERT with all their rows rather than one ORM object each: the same rows,
   0.7-0.8 ms less Rasa CPU a message (12.9-13.2 -> 12.1 ms, one conversation at a time).

3. Two replicas answering one conversation at once. Rasa's RedisLockStore does
   read-modify-write without a transaction (issue_ticket: get -> add ticket -> set): clients
   asking at the same moment get the same ticket (measured: 200 requests from 4 clients,
   78 distinct tickets), and two replicas then handle two messages of one conversation
   together; the SQL tracker store keeps only one of them. AtomicRedisLockStore makes every
   change to a lock one Redis transaction (WATCH/MULTI/EXEC, retried on conflict): same
   tickets, same order, same expiry.

4. Personal numbers kept forever in the conversation database. Every stored user text (and
   the NLU's copy of it, and entity values) has its phone, ID and dossier numbers masked as it
   is written (bot.core.masking.mask_personal), and the phone digits given as the second
   factor are stored as empty. Only what is written is masked: the actions of the same turn
   read the tracker Rasa holds in memory, so a dossier code typed for a look-up still works
   in that turn, and the code the look-up used is kept in the `dossier_code` slot for the
   next turns ("theo dõi"). The tracker store of this process is also what "xóa dữ liệu của
   tôi" deletes from (live_tracker_engine, bot/privacy.py). Database errors never carry the
   values written (hide_parameters): a failed save logs no message text.

Importing this module patches nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Tuple, TypeVar

import redis
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

import rasa.core.agent
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

import bot.rasa_ext
from bot.core import masking
from bot.core.masking import mask_personal
from bot.core.settings import settings
from bot.rasa_ext import Patch

masking.install()  # personal numbers never reach the Rasa server log (Rasa's warnings included)

logger = logging.getLogger(__name__)

T = TypeVar("T")
TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError,
             sa_exc.TimeoutError)


# ----------------------------------------------------------------------------- tracker store


class TrackerStoreUnavailable(RuntimeError):
    """The conversation database did not answer within the retry budget."""


def retry_seconds() -> float:
    return settings().database.tracker_retry_seconds


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


# slots whose value is never written (the second factor, used within its turn)
UNSTORED_SLOTS = frozenset({"phone_suffix"})
_live_stores: list["DurableSQLTrackerStore"] = []


def live_tracker_engine() -> Optional[sa.engine.Engine]:
    """The engine of this process's tracker store (in the Rasa server), or None."""
    return _live_stores[-1].engine if _live_stores else None


def stored_event(data: dict[str, Any]) -> dict[str, Any]:
    """An event as it is written to the database: personal numbers in user texts masked,
    the second factor's digits not kept."""
    kind = data.get("event")
    if kind == "user":
        data = dict(data)
        if data.get("text"):
            data["text"] = mask_personal(data["text"])
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse = dict(parse)
            if parse.get("text"):
                parse["text"] = mask_personal(parse["text"])
            if isinstance(parse.get("entities"), list):
                parse["entities"] = [
                    {**e, "value": mask_personal(e["value"])}
                    if isinstance(e, dict) and isinstance(e.get("value"), str) else e
                    for e in parse["entities"]]
            data["parse_data"] = parse
    elif kind == "slot" and data.get("name") in UNSTORED_SLOTS and data.get("value") is not None:
        data = {**data, "value": None}
    return data


class DurableSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store that retries, then fails loudly instead of forgetting, and
    masks personal numbers in what it writes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        bot.rasa_ext.guarded(bot.rasa_ext.install, "bot.rasa_ext.install()")
        db = kwargs.get("db")
        if kwargs.get("dialect", "sqlite") == "sqlite" and db and db != ":memory:":
            # endpoints.yml names var/rasa_tracker.sqlite3: plain `rasa run` on a fresh clone
            # has no var/ yet, and SQLite does not create folders
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        bot.rasa_ext.guarded(
            lambda: super(DurableSQLTrackerStore, self).__init__(*args, **kwargs),
            "tracker_store: DurableSQLTrackerStore cannot open its database (the Rasa server "
            "does not start rather than keep conversations in memory)")
        _live_stores.append(self)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_pre_ping=True,
                                           hide_parameters=True,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True,
                                           **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

        # the events of the latest conversation session (after its last session_started),
        # or all of them when it has none; the same rows as Rasa's SQLTrackerStore._event_query
        table, start = self.SQLEvent.__tablename__, SessionStarted.type_name
        latest = (f'FROM {table} WHERE sender_id = :sender AND ('
                  f'"timestamp" >= (SELECT max("timestamp") FROM {table} '
                  f"WHERE sender_id = :sender AND type_name = '{start}') OR "
                  f'(SELECT max("timestamp") FROM {table} '
                  f"WHERE sender_id = :sender AND type_name = '{start}') IS NULL)")
        self._latest_session_events = sa.text(f"SELECT data {latest} ORDER BY id")
        self._latest_session_count = sa.text(f"SELECT count(*) {latest}")
        self._all_events = sa.text(f"SELECT data FROM {table} WHERE sender_id = :sender ORDER BY id")

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        query = self._all_events if fetch_events_from_all_sessions else self._latest_session_events
        with self.session_scope() as session:
            rows = session.execute(query, {"sender": sender_id}).scalars().all()
        if not rows or not self.domain:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(r) for r in rows],
                                              self.domain.slots)

    def _additional_events(self, session, tracker: DialogueStateTracker):
        """The tracker's events that are not stored yet (as Rasa's, with the plain-SQL count)."""
        stored = session.execute(self._latest_session_count, {"sender": tracker.sender_id}).scalar()
        return itertools.islice(tracker.events, stored or 0, len(tracker.events))

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        deadline = time.monotonic() + retry_seconds()
        delay = 0.1
        while True:
            try:
                return await call()
            except TRANSIENT as error:
                if time.monotonic() + delay > deadline:
                    logger.error("tracker store: %s failed, database unreachable (%s)",
                                 what, error.__class__.__name__)
                    raise TrackerStoreUnavailable(f"tracker store {what} failed") from error
                logger.warning("tracker store: %s failed (%s); retrying in %.1f s",
                               what, error.__class__.__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return await self._retrying("retrieve", lambda: SQLTrackerStore.retrieve(self, sender_id))

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[DialogueStateTracker]:
        return await self._retrying(
            "retrieve", lambda: SQLTrackerStore.retrieve_full_tracker(self, conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        # idempotent on retry: only the events beyond those already stored are appended
        await self._retrying("save", lambda: self._save_masked(tracker))

    async def _save_masked(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save, writing `stored_event` of each new event: the same rows,
        inserted in one statement (executemany) rather than one ORM object each."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in self._additional_events(session, tracker):
                data = stored_event(event.as_dict())
                intent = (data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY)
                rows.append(dict(sender_id=tracker.sender_id, type_name=event.type_name,
                                 timestamp=data.get("timestamp"), intent_name=intent,
                                 action_name=data.get("name"), data=json.dumps(data)))
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()


_create_tracker_store = rasa.core.agent.Agent._create_tracker_store


def _durable_create_tracker_store(store: Optional[TrackerStore], domain) -> TrackerStore:
    if isinstance(store, DurableSQLTrackerStore):
        store.domain = domain
        return store  # not wrapped in FailSafeTrackerStore: its errors must reach the channel
    return _create_tracker_store(store, domain)


def patches() -> list[Patch]:
    """Patch 5, for bot.rasa_ext.install()."""
    return [Patch(rasa.core.agent.Agent, "_create_tracker_store",
                  staticmethod(_durable_create_tracker_store),
                  "5. the durable tracker store not wrapped in FailSafeTrackerStore")]


# ----------------------------------------------------------------------------- lock store


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis ticket lock with every change made in one Redis transaction."""

    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by class path with `endpoint_config` only
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, "host": endpoint_config.url, **kwargs}
            kwargs.pop("type", None)
        super().__init__(**kwargs)

    def _transact(self, conversation_id: str,
                  change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]) -> T:
        """Apply change(lock) -> (lock to save, or None to delete; result) atomically."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    current = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(current)
                    pipe.multi()
                    if new is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another replica changed the lock in between: read it again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._transact(conversation_id, change)
        except Exception as error:  # noqa: BLE001 - Rasa's contract: LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: Optional[TicketLock]):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._transact(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._transact(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._transact(conversation_id, change)
