"""The durable inbox: a citizen's message is in the database before its webhook answers 200.

    webhook ──put()──▶ channel_inbox row (unique on channel + platform id) ──▶ 200
                          │
                          ▼
    InboxWorker.process(): claim (atomic, with a lease) ─▶ the pipeline ─▶ done()

- A platform retry (Telegram resends an update, Zalo an event) or the same update reaching
  another replica inserts nothing: the unique key (channel, platform id) refuses it, so it is
  answered once.
- The replica that stored a row claims it at once (lease DVCBOT_INBOX_LEASE_SECONDS, renewed
  while the answer is being made). A replica that dies leaves its row unanswered with a lease
  that runs out; every replica's sweep (every DVCBOT_INBOX_SWEEP_SECONDS) claims such rows
  and answers them, once: a claim is a single UPDATE ... WHERE the lease is free, so of N
  replicas exactly one gets it. A restarted replica answers what was left the same way.
- What is kept: the update as the platform sent it (a file is only its platform reference,
  never the image) until the message is answered; then only the key, for dedupe, until
  DVCBOT_INBOX_RETENTION_HOURS have passed (`dvcbot purge`, bot.privacy). A row a worker
  failed on MAX_ATTEMPTS times is given up (logged), not retried for ever.
- At least once, not exactly once, at one point: a replica killed after Rasa answered and
  before `done()` is answered again by the sweep.

Also here: `RateLimiter`, the per-sender limit as a database counter (one row per sender and
minute window), so that N replicas allow what one would.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Optional

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.channels import store
from bot.channels.limits import Verdict
from bot.core.settings import InboxSettings, settings as current_settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
WINDOW_SECONDS = 60
_INTAKE = ThreadPoolExecutor(max_workers=4, thread_name_prefix="inbox-intake")


@dataclass(frozen=True)
class InboxRow:
    id: int
    channel: str
    platform_id: str
    sender_id: str
    payload: dict[str, Any]
    received_at: float
    attempts: int


class Inbox:
    """One channel's rows of `channel_inbox`. Blocking calls: run them in a thread."""

    def __init__(self, channel: str, database_url: Optional[str] = None,
                 settings: Optional[InboxSettings] = None, owner: Optional[str] = None,
                 clock: Callable[[], float] = time.time):
        self.channel = channel
        self.database_url = database_url
        self.settings = settings or current_settings().inbox
        self.owner = owner or secrets.token_hex(8)
        self.clock = clock

    def _engine(self):
        return store.engine(self.database_url)

    def put(self, platform_id: str, sender_id: str, payload: dict[str, Any],
            lease_seconds: Optional[float] = None) -> Optional[int]:
        """Store a message and claim it for this process (for `lease_seconds`, default the
        settings'); None when it was stored already."""
        now = self.clock()
        lease = self.settings.lease_seconds if lease_seconds is None else lease_seconds
        try:
            with self._engine().begin() as conn:
                result = conn.execute(insert(store.channel_inbox).values(
                    channel=self.channel, platform_id=str(platform_id)[:160],
                    sender_id=str(sender_id)[:128],
                    payload=json.dumps(payload, ensure_ascii=False), received_at=now,
                    lease_owner=self.owner, lease_until=now + lease, attempts=1))
                return int(result.inserted_primary_key[0])
        except IntegrityError:
            return None

    def _free(self, now: float):
        t = store.channel_inbox
        return or_(t.c.lease_until.is_(None), t.c.lease_until < now)

    def claim(self, row_id: int) -> Optional[InboxRow]:
        """The row, if this process now holds it (its lease had run out). None: answered
        already, or another process has it."""
        t = store.channel_inbox
        now = self.clock()
        with self._engine().begin() as conn:
            taken = conn.execute(update(t).where(
                t.c.id == row_id, t.c.answered_at.is_(None), self._free(now)).values(
                    lease_owner=self.owner, lease_until=now + self.settings.lease_seconds,
                    attempts=t.c.attempts + 1)).rowcount
            if not taken:
                return None
            row = conn.execute(select(t).where(t.c.id == row_id)).one()
        return InboxRow(row.id, row.channel, row.platform_id, row.sender_id,
                        json.loads(row.payload or "{}"), row.received_at, row.attempts)

    def take_over(self, platform_id: str, lease_seconds: float) -> Optional[int]:
        """The id of the unanswered row `platform_id` whose holder died (its lease ran out), now
        held by this process; None when it is answered or still held."""
        t = store.channel_inbox
        now = self.clock()
        key = and_(t.c.channel == self.channel, t.c.platform_id == str(platform_id)[:160])
        with self._engine().begin() as conn:
            if not conn.execute(update(t).where(key, t.c.answered_at.is_(None), self._free(now))
                                .values(lease_owner=self.owner, lease_until=now + lease_seconds,
                                        attempts=t.c.attempts + 1)).rowcount:
                return None
            return conn.execute(select(t.c.id).where(key)).scalar_one()

    def renew(self, row_id: int) -> bool:
        t = store.channel_inbox
        with self._engine().begin() as conn:
            return bool(conn.execute(update(t).where(
                t.c.id == row_id, t.c.lease_owner == self.owner, t.c.answered_at.is_(None))
                .values(lease_until=self.clock() + self.settings.lease_seconds)).rowcount)

    def done(self, row_id: int) -> None:
        """Answered: only the key stays (dedupe), the message is gone."""
        t = store.channel_inbox
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.id == row_id).values(
                answered_at=self.clock(), payload=None, lease_owner=None, lease_until=None))

    def waiting(self, limit: int = 50) -> list[int]:
        """Unanswered rows nobody holds (their replica died or restarted), oldest first."""
        t = store.channel_inbox
        with self._engine().connect() as conn:
            return [r[0] for r in conn.execute(
                select(t.c.id).where(t.c.channel == self.channel, t.c.answered_at.is_(None),
                                     self._free(self.clock()))
                .order_by(t.c.received_at, t.c.id).limit(limit))]

    def state(self, platform_id: str) -> Optional[str]:
        """"answered", "waiting" or None (never seen): for the web chat's "Gửi lại"."""
        t = store.channel_inbox
        with self._engine().connect() as conn:
            row = conn.execute(select(t.c.answered_at).where(
                t.c.channel == self.channel, t.c.platform_id == str(platform_id)[:160])).first()
        if row is None:
            return None
        return "waiting" if row[0] is None else "answered"


def purge(before: float, database_url: Optional[str] = None) -> int:
    """Inbox keys answered before `before` (unix time), and unanswered rows older than it
    (given up), deleted; the rate-limit windows of the past too."""
    t = store.channel_inbox
    with store.engine(database_url).begin() as conn:
        removed = conn.execute(delete(t).where(t.c.received_at < before)).rowcount or 0
        removed += conn.execute(delete(store.channel_rate_windows).where(
            store.channel_rate_windows.c.window_start < time.time() - 2 * WINDOW_SECONDS)
        ).rowcount or 0
    return removed


def erase(sender_id: str, database_url: Optional[str] = None) -> int:
    """One conversation's inbox rows deleted (the citizen's erase command)."""
    t = store.channel_inbox
    with store.engine(database_url).begin() as conn:
        return conn.execute(delete(t).where(t.c.sender_id == sender_id)).rowcount or 0


class InboxWorker:
    """Answers the rows of one channel's inbox: those this process just stored at once, the
    ones left by a dead or restarted replica on each sweep."""

    def __init__(self, inbox: Inbox, handle: Callable[[InboxRow], Awaitable[Any]],
                 start: Callable[[Awaitable[Any]], Any]):
        self.inbox = inbox
        self.handle = handle
        self.start = start          # the channel's Background.start
        self._sweeping: Optional[asyncio.Task] = None
        self._active: set[int] = set()

    async def accept(self, platform_id: str, sender_id: str, payload: dict[str, Any]) -> bool:
        """Store the message (off the event loop, in threads of its own so that the 200 never
        waits behind the answers' database work) and start answering it; False: a repeat."""
        received_at = time.time()
        row_id = await asyncio.get_running_loop().run_in_executor(
            _INTAKE, self.inbox.put, platform_id, sender_id, payload)
        if row_id is None:
            return False
        self._active.add(row_id)
        self.start(self._answer(InboxRow(row_id, self.inbox.channel, platform_id, sender_id,
                                         payload, received_at, 1)))
        return True

    async def process(self, row_id: int) -> None:
        """Claim a row left unanswered and answer it."""
        self._active.add(row_id)
        row = None
        try:
            row = await asyncio.to_thread(self.inbox.claim, row_id)
        finally:
            if row is None:
                self._active.discard(row_id)
        if row is not None:
            await self._answer(row)

    async def _answer(self, row: InboxRow) -> None:
        row_id = row.id
        try:
            if row.attempts > MAX_ATTEMPTS:
                logger.error("%s: inbox row %s failed %d times, given up", self.inbox.channel,
                             row_id, row.attempts - 1)
                await asyncio.to_thread(self.inbox.done, row_id)
                return
            keep = asyncio.ensure_future(self._keep_lease(row_id))
            try:
                await self.handle(row)
            finally:
                keep.cancel()
            await asyncio.to_thread(self.inbox.done, row_id)
        finally:
            self._active.discard(row_id)

    async def _keep_lease(self, row_id: int) -> None:
        every = max(0.2, self.inbox.settings.lease_seconds / 3)
        while True:
            await asyncio.sleep(every)
            try:
                await asyncio.to_thread(self.inbox.renew, row_id)
            except Exception:  # noqa: BLE001 - tried again at the next beat
                logger.warning("%s: inbox lease not renewed", self.inbox.channel)

    async def sweep(self) -> int:
        """Start answering every unanswered row nobody holds; how many were started."""
        started = 0
        for row_id in await asyncio.to_thread(self.inbox.waiting):
            if row_id in self._active:
                continue
            self._active.add(row_id)
            self.start(self.process(row_id))
            started += 1
        if started:
            logger.info("%s: %d unanswered inbox message(s) taken up", self.inbox.channel, started)
        return started

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:  # noqa: BLE001 - the next sweep tries again
                logger.exception("%s: inbox sweep failed", self.inbox.channel)
            await asyncio.sleep(self.inbox.settings.sweep_seconds)

    def run(self) -> None:
        """Sweep in the background (at server start)."""
        if self._sweeping is None:
            self._sweeping = asyncio.ensure_future(self._sweep_forever())

    def stop(self) -> None:
        if self._sweeping is not None:
            self._sweeping.cancel()
            self._sweeping = None


# --------------------------------------------------------------------------- rate limit


class RateLimiter:
    """`per_minute` messages per sender and minute window, counted in the database (table
    channel_rate_windows, one row per sender: the key is a digest, not the sender id), so that
    every replica counts the same messages. The first refused message of a window gets a
    polite answer, the others are dropped silently. 0 disables the limit."""

    def __init__(self, per_minute: int, scope: str = "sender",
                 database_url: Optional[str] = None, clock: Callable[[], float] = time.time):
        self.per_minute = per_minute
        self.scope = scope
        self.database_url = database_url
        self.clock = clock

    def _key(self, sender: str) -> str:
        return f"{self.scope}:" + hashlib.sha256(str(sender).encode("utf-8")).hexdigest()[:40]

    def check(self, sender: str) -> Verdict:
        if self.per_minute <= 0:
            return Verdict.ALLOW
        t = store.channel_rate_windows
        key = self._key(sender)
        window = int(self.clock() // WINDOW_SECONDS) * WINDOW_SECONDS
        engine = store.engine(self.database_url)
        count = 1
        for _ in range(3):
            try:
                with engine.begin() as conn:
                    same = and_(t.c.key == key, t.c.window_start == window)
                    if conn.execute(update(t).where(same).values(count=t.c.count + 1)).rowcount:
                        count = conn.execute(select(t.c.count).where(t.c.key == key)).scalar_one()
                    # a new window: only a row of an older one is reset (two replicas that
                    # both saw the old window must not both start the new one at 1)
                    elif conn.execute(update(t).where(t.c.key == key, t.c.window_start < window)
                                      .values(window_start=window, count=1)).rowcount:
                        count = 1
                    else:  # no row yet (or another replica just started this window: retry)
                        conn.execute(insert(t).values(key=key, window_start=window, count=1))
                        count = 1
                break
            except IntegrityError:
                continue  # another replica made the row first: count on it
        if count <= self.per_minute:
            return Verdict.ALLOW
        return Verdict.REFUSE_AND_TELL if count == self.per_minute + 1 else Verdict.REFUSE_SILENTLY
