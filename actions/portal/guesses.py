"""Dossier look-ups that resist guessing (security review H1).

Dossier codes are predictable (``<agency>-<YYMMDD>-<4 digits>``) and the second factor is
4 digits, so every wrong answer (a code the portal does not know, or phone digits that do not
match) is counted in the database (DVCBOT_DATABASE_URL, works on SQLite and PostgreSQL), so
that the count holds across restarts, replicas and the action server's workers:

- per conversation and per client (the channel's ``client_ref`` metadata, e.g. a pseudonym of
  the web chat visitor's address, when the channel gives one): after
  ``DVCBOT_GUESS_LIMIT`` wrong answers (default 5) within ``DVCBOT_GUESS_WINDOW_HOURS``
  (default 24) that conversation or client is refused and told to ask at the desk;
- per code: when wrong answers for one code come from ``DVCBOT_GUESS_CODE_PLACES`` (default 10)
  or more different conversations or clients within the window, somebody is guessing its
  phone digits: each further WRONG answer for that code is slowed
  (``DVCBOT_GUESS_SLOW_SECONDS`` per place beyond the threshold, at most 20 s; a conversation
  is answered one message at a time, so it cannot try again before the answer) and the
  operator is alerted once per window (an ERROR line on the ``dvcbot.alerts`` logger and a row
  in ``security_alerts``). A right answer is never slowed and the code is never locked: the
  real owner still gets the status at once.

Nothing here stores a code, a sender id or an address in clear: keyed SHA-256 digests only
(the key is fixed; they are pseudonyms for counting, the table is purged after the window by
``dvcbot purge``).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, delete, func, select
from sqlalchemy.orm import Session

from bot import storage
from bot.core.settings import DossierSettings, settings

logger = logging.getLogger(__name__)
alerts_logger = logging.getLogger("dvcbot.alerts")

DEFAULT_LIMIT = DossierSettings.guess_limit
DEFAULT_WINDOW_HOURS = DossierSettings.guess_window_hours
DEFAULT_CODE_PLACES = DossierSettings.guess_code_places
DEFAULT_SLOW_SECONDS = DossierSettings.guess_slow_seconds
MAX_SLOW_SECONDS = 20.0

metadata = MetaData()

failures = Table(
    "dossier_guess_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("code_key", String(32), nullable=False, index=True),
    Column("conversation_key", String(32), nullable=False, index=True),
    Column("client_key", String(32), index=True),
    Column("reason", String(16), nullable=False),     # not_found | mismatch
)

alerts = Table(
    "security_alerts", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("kind", String(32), nullable=False),       # dossier_guessing
    Column("subject_key", String(32), nullable=False),
    Column("detail", String(300), nullable=False),    # no personal data
)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def pseudonym(kind: str, value: str) -> str:
    """A stable digest for counting; never the value itself."""
    return hashlib.sha256(f"dvcbot-guess:{kind}:{value}".encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class GuessSettings:
    limit: int = DEFAULT_LIMIT
    window: timedelta = timedelta(hours=DEFAULT_WINDOW_HOURS)
    code_places: int = DEFAULT_CODE_PLACES
    slow_seconds: float = DEFAULT_SLOW_SECONDS

    @classmethod
    def from_env(cls) -> "GuessSettings":
        dossier = settings().dossier
        return cls(
            limit=dossier.guess_limit,
            window=timedelta(hours=dossier.guess_window_hours),
            code_places=dossier.guess_code_places,
            slow_seconds=dossier.guess_slow_seconds,
        )


@dataclass(frozen=True)
class Verdict:
    """After a wrong answer: how long to hold the reply, and whether the operator was alerted."""

    delay: float = 0.0
    alerted: bool = False
    places: int = 0


class GuessGuard:
    def __init__(self, url: Optional[str] = None, settings: Optional[GuessSettings] = None,
                 clock: Callable[[], datetime] = utcnow):
        self.engine = storage.engine_for(url, metadata)
        self.settings = settings or GuessSettings.from_env()
        self.clock = clock

    def _session(self) -> Session:
        return Session(self.engine, future=True)

    def refused(self, conversation: str, client: Optional[str] = None) -> bool:
        """True when this conversation (or client) already guessed wrong too often."""
        since = self.clock() - self.settings.window
        keys = [(failures.c.conversation_key, pseudonym("conversation", conversation))]
        if client:
            keys.append((failures.c.client_key, pseudonym("client", client)))
        with self._session() as session:
            for column, key in keys:
                count = session.execute(select(func.count()).select_from(failures).where(
                    column == key, failures.c.at >= since)).scalar_one()
                if count >= self.settings.limit:
                    return True
        return False

    def record_failure(self, code: str, conversation: str, client: Optional[str] = None,
                       reason: str = "mismatch") -> Verdict:
        """Count one wrong answer; say how much to slow the reply and alert when needed."""
        now = self.clock()
        since = now - self.settings.window
        code_key = pseudonym("code", code)
        with self._session() as session, session.begin():
            session.execute(failures.insert().values(
                at=now, code_key=code_key, conversation_key=pseudonym("conversation", conversation),
                client_key=pseudonym("client", client) if client else None, reason=reason[:16]))
            places = self._places(session, code_key, since)
            if places < self.settings.code_places:
                return Verdict(places=places)
            beyond = places - self.settings.code_places + 1
            delay = min(MAX_SLOW_SECONDS, self.settings.slow_seconds * beyond)
            already = session.execute(select(alerts.c.id).where(
                alerts.c.kind == "dossier_guessing", alerts.c.subject_key == code_key,
                alerts.c.at >= since).limit(1)).first()
            alerted = False
            if already is None:
                detail = (f"wrong phone digits or codes for one dossier from {places} "
                          f"conversations/clients within {self._window_text()}; further wrong "
                          f"answers are slowed (code digest {code_key[:12]})")
                session.execute(alerts.insert().values(at=now, kind="dossier_guessing",
                                                       subject_key=code_key, detail=detail))
                alerted = True
        if alerted:
            alerts_logger.error("operator alert: %s", detail)
        return Verdict(delay=delay, alerted=alerted, places=places)

    @staticmethod
    def _places(session: Session, code_key: str, since: datetime) -> int:
        """Distinct conversations plus distinct clients that answered wrong for this code."""
        conversations = session.execute(select(func.count(func.distinct(
            failures.c.conversation_key))).where(failures.c.code_key == code_key,
                                                 failures.c.at >= since)).scalar_one()
        clients = session.execute(select(func.count(func.distinct(failures.c.client_key))).where(
            failures.c.code_key == code_key, failures.c.at >= since,
            failures.c.client_key.is_not(None))).scalar_one()
        return max(int(conversations), int(clients))

    def _window_text(self) -> str:
        hours = self.settings.window.total_seconds() / 3600
        return f"{hours:g} h"

    # ------------------------------------------------------------------ operator, purge

    def recent_alerts(self) -> list[dict]:
        with self._session() as session:
            return [dict(r._mapping) for r in session.execute(
                select(alerts).order_by(alerts.c.id)).all()]

    def purge(self, now: Optional[datetime] = None, alerts_days: int = 365) -> int:
        """Forget wrong answers older than the window, alerts older than a year."""
        now = now or self.clock()
        with self._session() as session, session.begin():
            gone = session.execute(delete(failures).where(
                failures.c.at < now - self.settings.window)).rowcount or 0
            gone += session.execute(delete(alerts).where(
                alerts.c.at < now - timedelta(days=alerts_days))).rowcount or 0
        return gone
