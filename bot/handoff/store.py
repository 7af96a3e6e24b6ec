"""Hand-off tables in dvcbot's database (DVCBOT_DATABASE_URL). SQLAlchemy Core, 2.0 style.

- `handoff_tickets`: one request for a person. Status open -> claimed -> closed. The last
  messages are stored masked (see masking.py). `claimed_by` is a Telegram user id of a
  registered member; the report never shows it.
- `handoff_thread`: every Telegram message the bot posted for a ticket (announcements,
  relayed citizen messages, escalations), so that a reply to any of them finds the ticket.
- `handoff_webchat_outbox`: volunteer answers waiting for a web chat page to fetch them
  (deleted once fetched).
- `handoff_assisted_log`: what volunteers looked up in assisted mode, with their reason
  (dossier code masked).
- `handoff_pending_media`: a citizen's voice note offered to a volunteer, by reference only
  (Telegram file id or Zalo download address, never the audio), until the citizen's ticket
  opens and it is relayed; deleted then, or after DVCBOT_HANDOFF_MEDIA_WAIT_MINUTES.

Texts are masked here too, at write time, whatever the caller did (mask_personal is
idempotent). Personal data has a lifetime (bot/privacy.py): `forget` erases a citizen's tickets
on request, `redact_closed` strips closed tickets of their citizen, messages and volunteer
after a year (the report's figures stay).

All state changes that can race (claim, close, re-announce) are single conditional UPDATEs:
`UPDATE ... WHERE id = :id AND status = 'open'`; the row count says who won.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Optional

from sqlalchemy import (BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table,
                        Text, and_, bindparam, case, delete, func, insert, or_, select, update)
from sqlalchemy.engine import Engine

from bot import storage
from bot.core.masking import mask_personal

metadata = MetaData()

OPEN, CLAIMED, CLOSED = "open", "claimed", "closed"
ACTIVE = (OPEN, CLAIMED)
MAX_STORED_MESSAGES = 12
MAX_PENDING_MEDIA = 5

tickets = Table(
    "handoff_tickets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commune", String(64), nullable=True),
    Column("procedure", String(64), nullable=True),
    Column("channel", String(16), nullable=False),
    Column("sender_id", String(128), nullable=False),
    Column("messages_json", Text, nullable=False, default="[]"),   # masked [{"who", "text"}]
    Column("status", String(16), nullable=False, default=OPEN),
    Column("claimed_by", BigInteger, nullable=True),
    Column("claimed_by_name", String(128), nullable=True),
    Column("relay_chat_id", BigInteger, nullable=True),     # where citizen messages go
    Column("relay_message_id", Integer, nullable=True),     # ... as a reply to this message
    Column("created_at", DateTime, nullable=False),
    Column("claimed_at", DateTime, nullable=True),
    Column("closed_at", DateTime, nullable=True),
    Column("closed_reason", String(16), nullable=True),     # volunteer, citizen, expired
    Column("last_activity_at", DateTime, nullable=False),
    Column("announcements", Integer, nullable=False, default=0),
    Column("last_announced_at", DateTime, nullable=True),
    Column("escalated_at", DateTime, nullable=True),
    Column("rating_requested", Integer, nullable=False, default=0),
    Column("rating", Integer, nullable=True),
    Column("rated_at", DateTime, nullable=True),
)
Index("ix_handoff_tickets_sender", tickets.c.channel, tickets.c.sender_id, tickets.c.status)
# one active ticket per citizen, whoever inserts first (two processes asking at once): the
# second insert fails and the caller takes the first one (service.open_ticket). Created with
# a new table; an existing database gets it from the migration baseline.
Index("uq_handoff_tickets_active_sender", tickets.c.channel, tickets.c.sender_id, unique=True,
      sqlite_where=tickets.c.status.in_(ACTIVE), postgresql_where=tickets.c.status.in_(ACTIVE))
Index("ix_handoff_tickets_status", tickets.c.status, tickets.c.last_announced_at)

thread = Table(
    "handoff_thread", metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("message_id", Integer, primary_key=True, autoincrement=False),
    Column("ticket_id", Integer, nullable=False, index=True),
    Column("kind", String(16), nullable=False),   # announcement, relay, escalation, note
)

webchat_outbox = Table(
    "handoff_webchat_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sender_id", String(128), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

assisted_log = Table(
    "handoff_assisted_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("telegram_id", BigInteger, nullable=False),
    Column("commune", String(64), nullable=True),
    Column("action", String(32), nullable=False),          # dossier_lookup, send_card, ...
    Column("target", String(128), nullable=True),          # masked dossier code, ticket id
    Column("reason", Text, nullable=True),
    Column("outcome", String(32), nullable=True),
)

pending_media = Table(
    "handoff_pending_media", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("sender_id", String(128), nullable=False),
    Column("media_json", Text, nullable=False),     # chats.CitizenMedia.to_dict()
    Column("created_at", DateTime, nullable=False),
)
Index("ix_handoff_pending_media_sender", pending_media.c.channel, pending_media.c.sender_id)

# Built once: routing_ticket runs for every citizen message, and building the expression
# costs more than SQLite's indexed look-up.
_ACTIVE = tickets.c.status.in_(ACTIVE)
_ROUTING = (
    select(tickets)
    .where(tickets.c.channel == bindparam("channel"),
           tickets.c.sender_id == bindparam("sender_id"),
           or_(_ACTIVE, and_(tickets.c.status == CLOSED, tickets.c.rating_requested == 1,
                             tickets.c.rating.is_(None),
                             tickets.c.closed_at >= bindparam("since"))))
    .order_by(case((_ACTIVE, 0), else_=1), tickets.c.id.desc())
    .limit(1))

REDACTED = "redacted"


def _masked(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**m, "text": mask_personal(m.get("text", ""))} for m in messages]


def engine_for(url: str) -> Engine:
    return storage.engine_for(url, metadata)


def utcnow() -> dt.datetime:
    """Naive UTC (what SQLite stores); the report converts to Vietnam time."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


@dataclass
class Ticket:
    id: int
    commune: Optional[str]
    procedure: Optional[str]
    channel: str
    sender_id: str
    messages: list[dict[str, str]]
    status: str
    claimed_by: Optional[int]
    claimed_by_name: Optional[str]
    relay_chat_id: Optional[int]
    relay_message_id: Optional[int]
    created_at: dt.datetime
    claimed_at: Optional[dt.datetime]
    closed_at: Optional[dt.datetime]
    closed_reason: Optional[str]
    last_activity_at: dt.datetime
    announcements: int
    last_announced_at: Optional[dt.datetime]
    escalated_at: Optional[dt.datetime]
    rating_requested: bool
    rating: Optional[int]
    rated_at: Optional[dt.datetime]

    @classmethod
    def from_row(cls, row: Any) -> "Ticket":
        data = dict(row._mapping)
        try:
            messages = json.loads(data.pop("messages_json") or "[]")
        except ValueError:
            messages = []
        data["rating_requested"] = bool(data.get("rating_requested"))
        return cls(messages=messages, **data)


class TicketStore:
    def __init__(self, url: str, clock=utcnow):
        self.url = url
        self.engine = engine_for(url)
        self.clock = clock

    # ------------------------------------------------------------------------------ tickets

    def create(self, *, commune: Optional[str], procedure: Optional[str], channel: str,
               sender_id: str, messages: list[dict[str, str]]) -> Ticket:
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(insert(tickets).values(
                commune=commune, procedure=procedure, channel=channel, sender_id=sender_id,
                messages_json=json.dumps(_masked(messages[-MAX_STORED_MESSAGES:]),
                                         ensure_ascii=False),
                status=OPEN, created_at=now, last_activity_at=now, announcements=0,
                rating_requested=0))
            ticket_id = result.inserted_primary_key[0]
        return self.get(ticket_id)  # type: ignore[return-value]

    def get(self, ticket_id: int) -> Optional[Ticket]:
        with self.engine.connect() as conn:
            row = conn.execute(select(tickets).where(tickets.c.id == ticket_id)).first()
        return Ticket.from_row(row) if row else None

    def active_for(self, channel: str, sender_id: str) -> Optional[Ticket]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(tickets)
                .where(tickets.c.channel == channel, tickets.c.sender_id == sender_id,
                       tickets.c.status.in_(ACTIVE))
                .order_by(tickets.c.id.desc())).first()
        return Ticket.from_row(row) if row else None

    def awaiting_rating(self, channel: str, sender_id: str,
                        since: dt.datetime) -> Optional[Ticket]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(tickets)
                .where(tickets.c.channel == channel, tickets.c.sender_id == sender_id,
                       tickets.c.status == CLOSED, tickets.c.rating_requested == 1,
                       tickets.c.rating.is_(None), tickets.c.closed_at >= since)
                .order_by(tickets.c.id.desc())).first()
        return Ticket.from_row(row) if row else None

    def routing_ticket(self, channel: str, sender_id: str,
                       rating_since: dt.datetime) -> Optional[Ticket]:
        """What a citizen's next message is for, in ONE query on ix_handoff_tickets_sender
        (it runs for every citizen message on every channel): the active ticket if any
        (= `active_for`), else the ticket waiting for this citizen's rating
        (= `awaiting_rating`), else None."""
        with self.engine.connect() as conn:
            row = conn.execute(_ROUTING, {"channel": channel, "sender_id": sender_id,
                                          "since": rating_since}).first()
        return Ticket.from_row(row) if row else None

    def claim(self, ticket_id: int, telegram_id: int, name: str, relay_chat_id: int,
              relay_message_id: Optional[int]) -> bool:
        """Atomic: True for exactly one caller, the first one while the ticket is open."""
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status == OPEN)
                .values(status=CLAIMED, claimed_by=telegram_id, claimed_by_name=name,
                        claimed_at=now, last_activity_at=now, relay_chat_id=relay_chat_id,
                        relay_message_id=relay_message_id))
        return result.rowcount == 1

    def close(self, ticket_id: int, reason: str, *, ask_rating: bool) -> bool:
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status.in_(ACTIVE))
                .values(status=CLOSED, closed_at=now, closed_reason=reason,
                        last_activity_at=now, rating_requested=1 if ask_rating else 0))
        return result.rowcount == 1

    def rate(self, ticket_id: int, rating: int) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.rating.is_(None))
                .values(rating=rating, rated_at=self.clock(), rating_requested=0))
        return result.rowcount == 1

    def stop_waiting_for_rating(self, ticket_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                         .values(rating_requested=0))

    def touch(self, ticket_id: int, add_message: Optional[dict[str, str]] = None) -> None:
        values: dict[str, Any] = {"last_activity_at": self.clock()}
        with self.engine.begin() as conn:
            if add_message is not None:
                row = conn.execute(select(tickets.c.messages_json)
                                   .where(tickets.c.id == ticket_id)).first()
                messages = json.loads(row[0] or "[]") if row else []
                messages.extend(_masked([add_message]))
                values["messages_json"] = json.dumps(messages[-MAX_STORED_MESSAGES:],
                                                     ensure_ascii=False)
            conn.execute(update(tickets).where(tickets.c.id == ticket_id).values(**values))

    def mark_announced(self, ticket_id: int, expected_count: int) -> bool:
        """Atomic: count one more announcement if nobody else did it (several watchers)."""
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status == OPEN,
                       tickets.c.announcements == expected_count)
                .values(announcements=expected_count + 1, last_announced_at=now))
        return result.rowcount == 1

    def unmark_announced(self, ticket_id: int, count: int, previous_at: Optional[dt.datetime]) -> None:
        """Undo `mark_announced` when the post did not go out (retried next round)."""
        with self.engine.begin() as conn:
            conn.execute(update(tickets)
                         .where(tickets.c.id == ticket_id, tickets.c.announcements == count + 1)
                         .values(announcements=count, last_announced_at=previous_at))

    def mark_escalated(self, ticket_id: int) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id, tickets.c.status == OPEN,
                       tickets.c.escalated_at.is_(None))
                .values(escalated_at=self.clock()))
        return result.rowcount == 1

    def open_tickets(self) -> list[Ticket]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(tickets).where(tickets.c.status == OPEN)
                                .order_by(tickets.c.id)).all()
        return [Ticket.from_row(r) for r in rows]

    def idle_since(self, before: dt.datetime) -> list[Ticket]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(tickets).where(tickets.c.status.in_(ACTIVE),
                                                      tickets.c.last_activity_at < before)
                                .order_by(tickets.c.id)).all()
        return [Ticket.from_row(r) for r in rows]

    def claimed_by_member(self, telegram_id: int, commune: Optional[str] = None) -> list[Ticket]:
        query = select(tickets).where(tickets.c.status == CLAIMED,
                                      tickets.c.claimed_by == telegram_id)
        if commune is not None:
            query = query.where(tickets.c.commune == commune)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(tickets.c.id)).all()
        return [Ticket.from_row(r) for r in rows]

    # ------------------------------------------------------------------------------- thread

    def remember_message(self, chat_id: int, message_id: int, ticket_id: int, kind: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(thread).where(thread.c.chat_id == chat_id,
                                              thread.c.message_id == message_id))
            conn.execute(insert(thread).values(chat_id=chat_id, message_id=message_id,
                                               ticket_id=ticket_id, kind=kind))

    def ticket_of_message(self, chat_id: int, message_id: int) -> Optional[int]:
        with self.engine.connect() as conn:
            row = conn.execute(select(thread.c.ticket_id)
                               .where(thread.c.chat_id == chat_id,
                                      thread.c.message_id == message_id)).first()
        return row[0] if row else None

    def thread_messages(self, ticket_id: int, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(thread.c.chat_id, thread.c.message_id)
                                .where(thread.c.ticket_id == ticket_id, thread.c.kind.in_(kinds))
                                .order_by(thread.c.message_id)).all()
        return [(r[0], r[1]) for r in rows]

    # -------------------------------------------------------------------------- web outbox

    def outbox_put(self, sender_id: str, text: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(webchat_outbox).values(sender_id=sender_id, text=text,
                                                       created_at=self.clock()))

    def outbox_take(self, sender_id: str) -> list[str]:
        """The waiting texts for this web chat sender, oldest first; removed once taken."""
        with self.engine.begin() as conn:
            rows = conn.execute(select(webchat_outbox.c.id, webchat_outbox.c.text)
                                .where(webchat_outbox.c.sender_id == sender_id)
                                .order_by(webchat_outbox.c.id)).all()
            if rows:
                conn.execute(delete(webchat_outbox)
                             .where(webchat_outbox.c.id.in_([r[0] for r in rows])))
        return [r[1] for r in rows]

    def outbox_peek(self, sender_id: str, acknowledged: list[int] | None = None
                    ) -> list[tuple[int, str]]:
        """(id, text) waiting for this web chat sender, oldest first, after removing the ones
        the page acknowledged (M6: a text is removed only once the page said it showed it, so
        a dropped mobile connection loses nothing; the page skips ids it has shown)."""
        with self.engine.begin() as conn:
            if acknowledged:
                conn.execute(delete(webchat_outbox).where(
                    webchat_outbox.c.sender_id == sender_id,
                    webchat_outbox.c.id.in_([int(i) for i in acknowledged][:100])))
            rows = conn.execute(select(webchat_outbox.c.id, webchat_outbox.c.text)
                                .where(webchat_outbox.c.sender_id == sender_id)
                                .order_by(webchat_outbox.c.id)).all()
        return [(int(r[0]), r[1]) for r in rows]

    def outbox_purge(self, before: dt.datetime) -> int:
        """Forget web chat messages nobody fetched (the page was closed)."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(webchat_outbox)
                                  .where(webchat_outbox.c.created_at < before))
        return result.rowcount or 0

    # ------------------------------------------------------------------------ pending media

    def media_put(self, channel: str, sender_id: str, media: dict[str, Any]) -> None:
        """Keep a voice note's reference for the ticket to come (the latest few per citizen)."""
        with self.engine.begin() as conn:
            conn.execute(insert(pending_media).values(
                channel=channel, sender_id=sender_id, created_at=self.clock(),
                media_json=json.dumps(media, ensure_ascii=False)))
            ids = list(conn.execute(select(pending_media.c.id).where(
                pending_media.c.channel == channel, pending_media.c.sender_id == sender_id
            ).order_by(pending_media.c.id.desc())).scalars())
            if len(ids) > MAX_PENDING_MEDIA:
                conn.execute(delete(pending_media).where(
                    pending_media.c.id.in_(ids[MAX_PENDING_MEDIA:])))

    def media_take(self, channel: str, sender_id: str) -> list[dict[str, Any]]:
        """The voice notes waiting for this citizen's ticket, oldest first; removed once taken."""
        with self.engine.begin() as conn:
            rows = conn.execute(select(pending_media.c.id, pending_media.c.media_json)
                                .where(pending_media.c.channel == channel,
                                       pending_media.c.sender_id == sender_id)
                                .order_by(pending_media.c.id)).all()
            if rows:
                conn.execute(delete(pending_media)
                             .where(pending_media.c.id.in_([r[0] for r in rows])))
        return [json.loads(r[1]) for r in rows]

    def pending_media_purge(self, before: dt.datetime) -> int:
        """Forget voice notes whose citizen did not go on to ask for a person."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(pending_media)
                                  .where(pending_media.c.created_at < before))
        return result.rowcount or 0

    # ------------------------------------------------------------------------ assisted mode

    def log_assisted(self, *, telegram_id: int, commune: Optional[str], action: str,
                     target: Optional[str], reason: Optional[str], outcome: Optional[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(assisted_log).values(
                at=self.clock(), telegram_id=telegram_id, commune=commune, action=action,
                target=target, reason=mask_personal(reason) if reason is not None else None,
                outcome=outcome))

    # ------------------------------------------------------------------------ personal data

    def forget(self, sender_id: str) -> int:
        """Delete a citizen's tickets (any state), their thread mappings, web chat outbox and
        waiting voice notes."""
        with self.engine.begin() as conn:
            ids = list(conn.execute(select(tickets.c.id).where(
                tickets.c.sender_id == sender_id)).scalars())
            if ids:
                conn.execute(delete(thread).where(thread.c.ticket_id.in_(ids)))
                conn.execute(delete(tickets).where(tickets.c.id.in_(ids)))
            conn.execute(delete(webchat_outbox).where(webchat_outbox.c.sender_id == sender_id))
            conn.execute(delete(pending_media).where(pending_media.c.sender_id == sender_id))
        return len(ids)

    def redact_closed(self, closed_before: dt.datetime) -> int:
        """Closed tickets older than `closed_before`: citizen, messages and volunteer removed
        (commune, procedure, channel, times, outcome, rating kept); thread mappings deleted;
        the assisted look-up log of the same age deleted."""
        with self.engine.begin() as conn:
            ids = list(conn.execute(select(tickets.c.id).where(
                tickets.c.status == CLOSED, tickets.c.closed_at < closed_before,
                tickets.c.sender_id != REDACTED)).scalars())
            if ids:
                conn.execute(update(tickets).where(tickets.c.id.in_(ids)).values(
                    sender_id=REDACTED, messages_json="[]", claimed_by=None, claimed_by_name=None,
                    relay_chat_id=None, relay_message_id=None, rating_requested=0))
                conn.execute(delete(thread).where(thread.c.ticket_id.in_(ids)))
            conn.execute(delete(assisted_log).where(assisted_log.c.at < closed_before))
        return len(ids)

    def assisted_count(self, telegram_id: int, action: str, since: dt.datetime) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(assisted_log).where(
                assisted_log.c.telegram_id == telegram_id, assisted_log.c.action == action,
                assisted_log.c.at >= since)).scalar_one())

    def assisted_entries(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(assisted_log).order_by(assisted_log.c.id)).all()
        return [dict(r._mapping) for r in rows]
