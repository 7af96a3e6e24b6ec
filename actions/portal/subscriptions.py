"""Who follows which dossier, and the notifications owed to them (SQLAlchemy, same database
as the rest of dvcbot: DVCBOT_DATABASE_URL, default sqlite:///<repo>/var/dvcbot.sqlite3).

Two tables, created on first use (own MetaData, nobody else's tables touched):

- ``dossier_subscriptions``: one row per (conversation, channel, code) with the last status
  the citizen was told about (``last_status``, the canonical key or ``raw:<text>``).
- ``dossier_notifications``: an outbox. A status change is written here *in the same
  transaction* that advances ``last_status``; the poller then sends pending rows through
  Rasa and marks them sent.

Delivery guarantees (see poller.py for the whole argument):

- no missed change: a change is either still in ``last_status`` (not yet seen) or in the
  outbox (seen, not yet confirmed sent); a crash anywhere leaves one of the two;
- no duplicate: a pending row may be sent twice (crash after Rasa accepted it, or a timeout
  while Rasa was delivering), so the notification id travels with the message and
  ``action_notify_dossier_change`` claims it (``rendered_at``) before it renders anything:
  the second trigger for the same id renders nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String,
                        Table, UniqueConstraint, and_, delete, func, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import storage
from bot.core.settings import DossierSettings, settings

logger = logging.getLogger(__name__)

DEFAULT_SUBSCRIPTION_DAYS = DossierSettings.subscription_days
MAX_SEND_ATTEMPTS = 50                  # then the notification is marked failed
PENDING_MAX_AGE = timedelta(days=3)     # an undeliverable notification is dropped after this

metadata = MetaData()

subscriptions = Table(
    "dossier_subscriptions", metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("channel", String(64), nullable=False, default=""),
    Column("code", String(64), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
    Column("end_reason", String(32)),            # unsubscribed | final_status | expired | not_found
    Column("last_status", String(255)),          # canonical key or raw:<text>; NULL = never seen
    Column("last_status_text", String(255)),
    Column("last_checked_at", DateTime),
    Column("version", Integer, nullable=False, default=0),
    UniqueConstraint("sender_id", "channel", "code", name="uq_dossier_subscription"),
)

notifications = Table(
    "dossier_notifications", metadata,
    Column("id", Integer, primary_key=True),
    Column("subscription_id", Integer, ForeignKey("dossier_subscriptions.id"), nullable=False),
    Column("sender_id", String(255), nullable=False),
    Column("channel", String(64), nullable=False, default=""),
    Column("code", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # changed | first | not_found | expired
    Column("status_text", String(255)),
    Column("status_key", String(32)),
    Column("procedure", String(500)),
    Column("appointment_date", String(10)),      # YYYY-MM-DD, Việt Nam date
    Column("final", Boolean, nullable=False, default=False),
    Column("state", String(16), nullable=False, default="pending"),  # pending|sent|superseded|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
    Column("last_attempt_at", DateTime),
    Column("sent_at", DateTime),
    Column("rendered_at", DateTime),             # claimed by action_notify_dossier_change
    Column("last_error", String(200)),
)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def database_url(url: Optional[str] = None) -> str:
    """DVCBOT_DATABASE_URL (see bot.storage)."""
    return storage.database_url(url)


def subscription_days() -> int:
    return settings().dossier.subscription_days


def engine_for(url: Optional[str] = None) -> Engine:
    """The shared engine for this database, with the subscription tables created."""
    return storage.engine_for(url, metadata)


@dataclass(frozen=True)
class Notification:
    id: int
    sender_id: str
    channel: str
    code: str
    kind: str
    status_text: Optional[str]
    status_key: Optional[str]
    procedure: Optional[str]
    appointment_date: Optional[str]
    final: bool
    attempts: int

    def entities(self) -> dict[str, str]:
        """What travels with EXTERNAL_dossier_status_changed (no personal data)."""
        values = {"code": self.code, "status": self.status_text or "", "status_key": self.status_key,
                  "kind": self.kind, "notification_id": str(self.id), "procedure": self.procedure,
                  "appointment_date": self.appointment_date, "final": "1" if self.final else None}
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class Observation:
    """What the poller saw for one code: a dossier, or that the portal has none."""

    found: bool
    fingerprint: Optional[str] = None
    status_text: Optional[str] = None
    status_key: Optional[str] = None
    procedure: Optional[str] = None
    appointment_date: Optional[str] = None
    final: bool = False


class SubscriptionStore:
    def __init__(self, url: Optional[str] = None):
        self.engine = engine_for(url)

    def _session(self) -> Session:
        return Session(self.engine, future=True)

    # ------------------------------------------------------------- the citizen's side

    def subscribe(self, sender_id: str, channel: Optional[str], code: str,
                  fingerprint: Optional[str], status_text: Optional[str],
                  days: Optional[int] = None, now: Optional[datetime] = None) -> bool:
        """Start (or restart) following; returns True when it was not active before."""
        now = now or utcnow()
        expires = now + timedelta(days=days or subscription_days())
        channel = channel or ""
        values = dict(active=True, expires_at=expires, ended_at=None, end_reason=None,
                      last_status=fingerprint, last_status_text=status_text, last_checked_at=now)
        for _ in range(2):
            with self._session() as session, session.begin():
                row = session.execute(select(subscriptions.c.id, subscriptions.c.active).where(
                    subscriptions.c.sender_id == sender_id, subscriptions.c.channel == channel,
                    subscriptions.c.code == code)).first()
                if row is not None:
                    session.execute(update(subscriptions).where(subscriptions.c.id == row.id)
                                    .values(**values, version=subscriptions.c.version + 1))
                    return not row.active
                try:
                    session.execute(subscriptions.insert().values(
                        sender_id=sender_id, channel=channel, code=code, created_at=now,
                        version=0, **values))
                    return True
                except IntegrityError:       # inserted concurrently: update it instead
                    session.rollback()
        return False

    def unsubscribe(self, sender_id: str, channel: Optional[str], code: Optional[str] = None,
                    now: Optional[datetime] = None) -> list[str]:
        """End one subscription (code) or all of this conversation's; returns the codes ended."""
        now = now or utcnow()
        condition = and_(subscriptions.c.sender_id == sender_id,
                         subscriptions.c.channel == (channel or ""),
                         subscriptions.c.active.is_(True))
        if code:
            condition = and_(condition, subscriptions.c.code == code)
        with self._session() as session, session.begin():
            codes = list(session.execute(select(subscriptions.c.code).where(condition)
                                         .order_by(subscriptions.c.id)).scalars())
            session.execute(update(subscriptions).where(condition).values(
                active=False, ended_at=now, end_reason="unsubscribed",
                version=subscriptions.c.version + 1))
        return codes

    def active_codes(self, sender_id: str, channel: Optional[str]) -> list[str]:
        with self._session() as session:
            return list(session.execute(select(subscriptions.c.code).where(
                subscriptions.c.sender_id == sender_id, subscriptions.c.channel == (channel or ""),
                subscriptions.c.active.is_(True)).order_by(subscriptions.c.id)).scalars())

    def active_count(self) -> int:
        """Active follows of the whole service (the total cap)."""
        with self._session() as session:
            return int(session.execute(select(func.count()).select_from(subscriptions).where(
                subscriptions.c.active.is_(True))).scalar_one())

    # ------------------------------------------------------------- personal data

    def forget(self, sender_id: str) -> int:
        """Erase a conversation's follows and notifications (the citizen asked); returns rows."""
        with self._session() as session, session.begin():
            ids = select(subscriptions.c.id).where(subscriptions.c.sender_id == sender_id)
            gone = session.execute(delete(notifications).where(
                (notifications.c.sender_id == sender_id)
                | notifications.c.subscription_id.in_(ids))).rowcount or 0
            gone += session.execute(delete(subscriptions).where(
                subscriptions.c.sender_id == sender_id)).rowcount or 0
        return gone

    def purge(self, *, delivered_before: datetime, ended_before: datetime) -> int:
        """Delete notifications no longer pending created before `delivered_before`, and
        follows that ended before `ended_before` (with their notifications)."""
        with self._session() as session, session.begin():
            old = select(subscriptions.c.id).where(subscriptions.c.active.is_(False),
                                                   subscriptions.c.ended_at < ended_before)
            gone = session.execute(delete(notifications).where(
                (notifications.c.state != "pending")
                & ((notifications.c.created_at < delivered_before)
                   | notifications.c.subscription_id.in_(old)))).rowcount or 0
            gone += session.execute(delete(subscriptions).where(
                subscriptions.c.id.in_(old), ~subscriptions.c.id.in_(
                    select(notifications.c.subscription_id)))).rowcount or 0
        return gone

    # ------------------------------------------------------------- the poller's side

    def codes_to_check(self) -> list[str]:
        with self._session() as session:
            return list(session.execute(select(subscriptions.c.code).where(
                subscriptions.c.active.is_(True)).group_by(subscriptions.c.code)
                .order_by(func.min(subscriptions.c.last_checked_at))).scalars())

    def expire(self, now: Optional[datetime] = None) -> int:
        """End subscriptions past their time, each with an 'expired' notice queued."""
        now = now or utcnow()
        ended = 0
        with self._session() as session, session.begin():
            rows = session.execute(select(subscriptions).where(
                subscriptions.c.active.is_(True), subscriptions.c.expires_at <= now)).all()
            for row in rows:
                changed = session.execute(update(subscriptions).where(
                    subscriptions.c.id == row.id, subscriptions.c.version == row.version).values(
                    active=False, ended_at=now, end_reason="expired", version=row.version + 1))
                if changed.rowcount:
                    self._queue(session, row, "expired", Observation(found=True), now)
                    ended += 1
        return ended

    def record(self, code: str, seen: Observation, now: Optional[datetime] = None) -> list[int]:
        """Compare what the portal says now with what each follower was told last; queue a
        notification for each difference in the same transaction that records it.

        Returns the ids of the notifications queued."""
        now = now or utcnow()
        queued: list[int] = []
        with self._session() as session, session.begin():
            rows = session.execute(select(subscriptions).where(
                subscriptions.c.active.is_(True), subscriptions.c.code == code)).all()
            for row in rows:
                values: dict[str, Any] = {"last_checked_at": now}
                kind = None
                if not seen.found:
                    if row.last_status is None:   # subscribed while the portal was down
                        kind = "not_found"
                        values.update(active=False, ended_at=now, end_reason="not_found")
                    # else: a known dossier vanished; most likely a portal hiccup: wait
                elif seen.fingerprint != row.last_status:
                    kind = "first" if row.last_status is None else "changed"
                    values.update(last_status=seen.fingerprint, last_status_text=seen.status_text)
                    if seen.final:
                        values.update(active=False, ended_at=now, end_reason="final_status")
                result = session.execute(update(subscriptions).where(
                    subscriptions.c.id == row.id, subscriptions.c.version == row.version)
                    .values(version=row.version + 1, **values))
                if result.rowcount and kind:     # 0 rows: someone else just handled it
                    queued.append(self._queue(session, row, kind, seen, now))
        return queued

    def _queue(self, session: Session, row: Any, kind: str, seen: Observation,
               now: datetime) -> int:
        # an older unsent notice for the same subscription is out of date: send only the newest
        session.execute(update(notifications).where(
            notifications.c.subscription_id == row.id, notifications.c.state == "pending")
            .values(state="superseded"))
        result = session.execute(notifications.insert().values(
            subscription_id=row.id, sender_id=row.sender_id, channel=row.channel, code=row.code,
            kind=kind, status_text=seen.status_text, status_key=seen.status_key,
            procedure=seen.procedure, appointment_date=seen.appointment_date, final=seen.final,
            state="pending", attempts=0, created_at=now))
        return int(result.inserted_primary_key[0])

    def pending(self, limit: int = 100, after_id: int = 0) -> list[Notification]:
        with self._session() as session:
            rows = session.execute(select(notifications).where(
                notifications.c.state == "pending", notifications.c.id > after_id)
                .order_by(notifications.c.id).limit(limit)).all()
        return [Notification(r.id, r.sender_id, r.channel, r.code, r.kind, r.status_text,
                             r.status_key, r.procedure, r.appointment_date, bool(r.final),
                             r.attempts) for r in rows]

    def mark_sent(self, notification_id: int, now: Optional[datetime] = None) -> None:
        now = now or utcnow()
        with self._session() as session, session.begin():
            session.execute(update(notifications).where(notifications.c.id == notification_id)
                            .values(state="sent", sent_at=now, last_attempt_at=now,
                                    attempts=notifications.c.attempts + 1, last_error=None))

    def mark_attempt_failed(self, notification_id: int, error: str, *, unclaim: bool,
                            now: Optional[datetime] = None) -> str:
        """Record a failed send; ``unclaim`` when Rasa said it did not deliver (so that the
        retry renders again). Returns the new state (pending, or failed when given up)."""
        now = now or utcnow()
        with self._session() as session, session.begin():
            row = session.execute(select(notifications.c.attempts, notifications.c.created_at)
                                  .where(notifications.c.id == notification_id)).first()
            if row is None:
                return "missing"
            attempts = row.attempts + 1
            give_up = attempts >= MAX_SEND_ATTEMPTS or now - row.created_at > PENDING_MAX_AGE
            values: dict[str, Any] = dict(attempts=attempts, last_attempt_at=now,
                                          last_error=error[:200],
                                          state="failed" if give_up else "pending")
            if unclaim:
                values["rendered_at"] = None
            session.execute(update(notifications).where(notifications.c.id == notification_id)
                            .values(**values))
            return values["state"]

    def claim_render(self, notification_id: int, now: Optional[datetime] = None) -> Optional[bool]:
        """For the notify action: True = render it now; False = already rendered (a
        re-delivery, say nothing); None = no such notification here (render it)."""
        now = now or utcnow()
        with self._session() as session, session.begin():
            claimed = session.execute(update(notifications).where(
                notifications.c.id == notification_id, notifications.c.rendered_at.is_(None))
                .values(rendered_at=now)).rowcount
            if claimed:
                return True
            exists = session.execute(select(notifications.c.id).where(
                notifications.c.id == notification_id)).first()
            return False if exists else None

    # ------------------------------------------------------------- inspection (tests, ops)

    def subscription_rows(self) -> list[dict[str, Any]]:
        with self._session() as session:
            return [dict(r._mapping) for r in session.execute(
                select(subscriptions).order_by(subscriptions.c.id)).all()]

    def notification_rows(self) -> list[dict[str, Any]]:
        with self._session() as session:
            return [dict(r._mapping) for r in session.execute(
                select(notifications).order_by(notifications.c.id)).all()]


def observation_of(dossier: Any) -> Observation:
    """An Observation from a models.Dossier (None = the portal has no such dossier)."""
    if dossier is None:
        return Observation(found=False)
    from actions.portal.models import local_date
    from actions.portal.wording import statuses

    return Observation(
        found=True, fingerprint=dossier.status_fingerprint, status_text=dossier.status_text,
        status_key=dossier.status, procedure=dossier.procedure,
        appointment_date=(local_date(dossier.appointment_at).isoformat()
                          if dossier.appointment_at else None),
        final=statuses().is_final(dossier.status))
