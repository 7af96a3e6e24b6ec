"""Messages not delivered yet (table channel_outbox), claimed by one sender at a time.

    pending + next_attempt_at set   -> retried by the periodic job (quota, network, token)
    pending + next_attempt_at NULL  -> sent when the citizen writes again (an answer Zalo would
                                       not take; proactive notices are never parked here)
    failed                          -> refused for good; listed for the hand-off report
    delivered                       -> done

Claims: a sender takes a row with one conditional UPDATE (`... WHERE id = :id AND status =
'pending' AND (claimed_until IS NULL OR claimed_until < :now)`, checked by its rowcount), the
same on SQLite and PostgreSQL. So two replicas (or a replica and `dvcbot zalo --retry-outbox`)
never send the same row, and the claim of a sender that crashed expires after its lease.
Delivering or failing a row clears its claim. Nothing here is lost on restart.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, or_, select, update

from bot.channels import store

LEASE_SECONDS = 120.0     # longer than one send with its quick retries
CLAIM_BATCH = 100


@dataclass(frozen=True)
class OutboxItem:
    id: int
    recipient_id: str
    message: dict[str, Any]
    error_code: int | None
    attempts: int


class Outbox:
    def __init__(self, database_url: str | None = None, channel: str = "zalo",
                 lease_seconds: float = LEASE_SECONDS):
        self.database_url = database_url
        self.channel = channel
        self.lease_seconds = lease_seconds
        self.worker = uuid.uuid4().hex
        self.table = store.channel_outbox

    def _engine(self):
        return store.engine(self.database_url)

    def add(self, recipient_id: str, message: dict[str, Any], code: int | None, reason: str,
            retry_at: float | None, status: str = "pending") -> int:
        with self._engine().begin() as conn:
            result = conn.execute(insert(self.table).values(
                channel=self.channel, recipient_id=recipient_id,
                message_json=json.dumps(message, ensure_ascii=False), status=status,
                error_code=code, reason=reason[:200], attempts=1, created_at=time.time(),
                next_attempt_at=retry_at))
            return int(result.inserted_primary_key[0])

    def _items(self, *conditions: Any, limit: int | None = None) -> list[OutboxItem]:
        t = self.table
        query = select(t).where(t.c.channel == self.channel, *conditions).order_by(t.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self._engine().connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [OutboxItem(r["id"], r["recipient_id"], json.loads(r["message_json"]),
                           r["error_code"], r["attempts"]) for r in rows]

    def _free(self, now: float) -> Any:
        t = self.table
        return and_(t.c.status == "pending",
                    or_(t.c.claimed_until.is_(None), t.c.claimed_until < now))

    def _claim(self, candidates: list[OutboxItem], now: float) -> list[OutboxItem]:
        """The candidates this sender now holds (another sender may have taken some)."""
        t = self.table
        claimed = []
        with self._engine().begin() as conn:
            for item in candidates:
                result = conn.execute(update(t).where(t.c.id == item.id, self._free(now))
                                      .values(claimed_by=self.worker,
                                              claimed_until=now + self.lease_seconds))
                if result.rowcount == 1:
                    claimed.append(item)
        return claimed

    def claim_due(self, now: float | None = None, limit: int = CLAIM_BATCH,
                  in_order: bool = False) -> list[OutboxItem]:
        """Take the rows whose retry time has come, oldest first. `in_order`: a row is kept
        only when no older pending row of the same recipient is left to someone else (or not
        due yet), so one citizen's messages never overtake each other across senders."""
        now = time.time() if now is None else now
        t = self.table
        candidates = self._items(self._free(now), t.c.next_attempt_at.is_not(None),
                                 t.c.next_attempt_at <= now, limit=limit)
        claimed = self._claim(candidates, now)
        return self._behind_nobody(claimed, now) if in_order else claimed

    def _behind_nobody(self, claimed: list[OutboxItem], now: float) -> list[OutboxItem]:
        t = self.table
        mine = {item.id for item in claimed}
        kept: list[OutboxItem] = []
        with self._engine().connect() as conn:
            for recipient in dict.fromkeys(item.recipient_id for item in claimed):
                ids = conn.execute(select(t.c.id).where(
                    t.c.channel == self.channel, t.c.recipient_id == recipient,
                    t.c.status == "pending").order_by(t.c.id)).scalars().all()
                first_other = next((i for i in ids if i not in mine), None)
                for item in claimed:
                    if item.recipient_id != recipient:
                        continue
                    if first_other is not None and item.id > first_other:
                        self.release(item.id)
                    else:
                        kept.append(item)
        return sorted(kept, key=lambda item: item.id)

    def claim_pending_for(self, recipient_id: str, now: float | None = None) -> list[OutboxItem]:
        """Take what waits for one citizen (they wrote: they are reachable now)."""
        now = time.time() if now is None else now
        t = self.table
        return self._claim(self._items(self._free(now), t.c.recipient_id == recipient_id), now)

    def release(self, item_id: int) -> None:
        """Give a claimed row back untouched (e.g. held behind an earlier one)."""
        t = self.table
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.id == item_id, t.c.claimed_by == self.worker)
                         .values(claimed_by=None, claimed_until=None))

    def all(self, status: str | None = None) -> list[OutboxItem]:
        t = self.table
        return self._items(t.c.status == status) if status else self._items()

    def delivered(self, item_id: int) -> None:
        with self._engine().begin() as conn:
            conn.execute(update(self.table).where(self.table.c.id == item_id).values(
                status="delivered", delivered_at=time.time(), claimed_by=None,
                claimed_until=None))

    def failed_again(self, item_id: int, code: int | None, reason: str,
                     retry_at: float | None, status: str = "pending",
                     message: dict[str, Any] | None = None) -> None:
        """Another failed try; `message` replaces the stored message when given."""
        t = self.table
        values: dict[str, Any] = dict(status=status, error_code=code, reason=reason[:200],
                                      attempts=t.c.attempts + 1, next_attempt_at=retry_at,
                                      claimed_by=None, claimed_until=None)
        if message is not None:
            values["message_json"] = json.dumps(message, ensure_ascii=False)
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.id == item_id).values(**values))

    def counts(self) -> dict[str, int]:
        return {status: len(self.all(status)) for status in ("pending", "failed", "delivered")}
